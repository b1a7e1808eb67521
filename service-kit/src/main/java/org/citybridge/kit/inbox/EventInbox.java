package org.citybridge.kit.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.citybridge.contracts.events.CloudEventHeaders;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.MalformedEventException;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Idempotent consumption of CloudEvents, the same in every service:
 * <ul>
 *   <li>an undecodable record throws {@link MalformedEventException}: the channel's dead-letter
 *       strategy moves it to the dead-letter topic with its error, and it is counted;</li>
 *   <li>types this build does not know are skipped (forward compatibility);</li>
 *   <li>the event id is recorded in {@code processed_event} in the same transaction as the effect,
 *       so a redelivered event changes nothing;</li>
 *   <li>a failing effect (e.g. the database restarting) is retried with back-off, holding the
 *       partition so order is kept, for up to {@link ConsumerConfig#maxRetryDuration()}.</li>
 * </ul>
 */
@ApplicationScoped
public class EventInbox {

    private static final Logger LOG = Logger.getLogger(EventInbox.class);

    private final EntityManager em;
    private final EventCodec codec;
    private final MeterRegistry metrics;
    private final ConsumerConfig config;

    public EventInbox(EntityManager em, EventCodec codec, MeterRegistry metrics, ConsumerConfig config) {
        this.em = em;
        this.codec = codec;
        this.metrics = metrics;
        this.config = config;
    }

    /**
     * Decodes the record and, if it is new, applies {@code effect} in one transaction with the
     * record of its id.
     */
    public void process(ConsumerRecord<String, String> record, Consumer<ReceivedEvent> effect) {
        Optional<ReceivedEvent> decoded;
        try {
            decoded = decode(record);
        } catch (MalformedEventException e) {
            metrics.counter("citybridge.events.dead.lettered", "topic", record.topic()).increment();
            LOG.warnf("Dead-lettering record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            throw e;
        }
        if (decoded.isEmpty()) {
            metrics.counter("citybridge.events.skipped", "topic", record.topic()).increment();
            return;
        }
        ReceivedEvent event = decoded.get();
        long started = System.nanoTime();
        long backoff = 50;
        while (true) {
            try {
                boolean applied = QuarkusTransaction.requiringNew().call(() -> {
                    if (!firstDelivery(event)) {
                        return false;
                    }
                    effect.accept(event);
                    return true;
                });
                metrics.counter(applied ? "citybridge.events.applied" : "citybridge.events.duplicates",
                        "type", event.type().ceType()).increment();
                return;
            } catch (MalformedEventException e) {
                metrics.counter("citybridge.events.dead.lettered", "topic", record.topic()).increment();
                throw e;
            } catch (RuntimeException e) {
                if (System.nanoTime() - started > config.maxRetryDuration().toNanos()) {
                    metrics.counter("citybridge.events.dead.lettered", "topic", record.topic()).increment();
                    LOG.errorf(e, "Giving up on event %s (%s) after retries", event.headers().id(), event.type().ceType());
                    throw e;
                }
                LOG.warnf("Event %s (%s) failed, retrying in %d ms: %s", event.headers().id(),
                        event.type().ceType(), backoff, e.toString());
                sleep(backoff);
                backoff = Math.min(backoff * 2, config.maxBackoff().toMillis());
            }
        }
    }

    /** Reads the CloudEvent; empty for unknown types. */
    public Optional<ReceivedEvent> decode(ConsumerRecord<String, String> record) {
        CloudEventHeaders headers = CloudEventHeaders.fromHeaders(headerMap(record));
        Optional<EventType> type = EventType.fromCeType(headers.type());
        if (type.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ReceivedEvent(headers, type.get(), codec.fromJson(record.value(), type.get().payloadType())));
    }

    private boolean firstDelivery(ReceivedEvent event) {
        return em.createNativeQuery("""
                        insert into processed_event (event_id, type, processed_at) values (:id, :type, now())
                        on conflict do nothing""")
                .setParameter("id", event.headers().id())
                .setParameter("type", event.type().ceType())
                .executeUpdate() == 1;
    }

    private static Map<String, byte[]> headerMap(ConsumerRecord<String, String> record) {
        Map<String, byte[]> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        return headers;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
