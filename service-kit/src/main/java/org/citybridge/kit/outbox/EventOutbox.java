package org.citybridge.kit.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.citybridge.contracts.events.CloudEventHeaders;
import org.citybridge.contracts.events.EventPayload;
import org.citybridge.contracts.events.EventType;
import org.citybridge.kit.inbox.EventCodec;

import java.time.Instant;

/**
 * Announces state changes: the event is stored in the outbox within the caller's transaction, so it
 * exists if and only if the change commits. {@link OutboxRelay} publishes it afterwards.
 */
@ApplicationScoped
public class EventOutbox {

    private final EventCodec codec;
    private final Event<OutboxAppended> appended;
    private final MeterRegistry metrics;

    public EventOutbox(EventCodec codec, Event<OutboxAppended> appended, MeterRegistry metrics) {
        this.codec = codec;
        this.appended = appended;
        this.metrics = metrics;
    }

    /** Stores the event; must run inside the transaction of the change it announces. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CloudEventHeaders append(EventPayload payload) {
        EventType type = EventType.of(payload.getClass());
        CloudEventHeaders headers = CloudEventHeaders.newEvent(type, payload.aggregateId(), Instant.now());
        OutboxEvent event = new OutboxEvent();
        event.eventId = headers.id();
        event.type = headers.type();
        event.source = headers.source();
        event.topic = type.topic();
        event.recordKey = payload.aggregateId().toString();
        event.payload = codec.toJson(payload);
        event.occurredAt = headers.time();
        event.persist();
        metrics.counter("citybridge.outbox.appended", "type", type.ceType()).increment();
        appended.fire(new OutboxAppended(headers.id()));
        return headers;
    }
}
