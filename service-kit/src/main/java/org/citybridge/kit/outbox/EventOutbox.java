package org.citybridge.kit.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.citybridge.contracts.events.CloudEventHeaders;
import org.citybridge.contracts.events.EventPayload;
import org.citybridge.contracts.events.EventType;
import org.citybridge.kit.inbox.EventCodec;
import org.citybridge.kit.security.Caller;
import org.citybridge.kit.tracing.TraceContexts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Announces state changes: the event is stored in the outbox within the caller's transaction, so it
 * exists if and only if the change commits. {@link OutboxRelay} publishes it afterwards.
 *
 * <p>The events of a transaction are written together, in the order they were appended, as one JDBC
 * batch just before the transaction commits: the outbox key is an identity column, so writing each
 * event as it is appended would cost a database round trip per event (matchmaking appends several
 * per consumed event). Written inside the transaction, while its locks are held, the keys still
 * follow the order in which changes to one aggregate commit.
 */
@ApplicationScoped
public class EventOutbox {

    private static final String INSERT = """
            insert into outbox_event (event_id, type, source, topic, record_key, payload, occurred_at, actor, cause,
                trace_parent)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final int MAX_BATCH = 500;

    @Inject
    EventCodec codec;

    @Inject
    Event<OutboxAppended> appended;

    @Inject
    MeterRegistry metrics;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    DataSource dataSource;

    @Inject
    Instance<Caller> callers;

    /** Stores the event; must run inside the transaction of the change it announces. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CloudEventHeaders append(EventPayload payload) {
        return append(payload, null);
    }

    /**
     * Stores the event, caused by consuming events of the type {@code cause} (sent as the CloudEvents extension
     * {@code ce_cause}, which lets consumers pass over restatements unread); must run inside the transaction of
     * the change it announces.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public CloudEventHeaders append(EventPayload payload, EventType cause) {
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
        event.actor = actingSubject();
        event.cause = cause == null ? null : cause.ceType();
        event.traceParent = TraceContexts.currentTraceParent();
        pendingInThisTransaction().add(event);
        metrics.counter("citybridge.outbox.appended", "type", type.ceType()).increment();
        CloudEventHeaders stated = headers.withActor(event.actor);
        return cause == null ? stated : stated.withCause(cause);
    }

    /** The caller of the request this transaction serves, if any (a consumer's transaction has none). */
    private String actingSubject() {
        ManagedContext request = Arc.container().requestContext();
        if (!request.isActive()) {
            return null;
        }
        Caller caller = callers.get();
        return caller.isAnonymous() ? null : caller.auditSubject();
    }

    /** The events of one transaction, written once just before it commits. */
    private final class Pending implements Synchronization {

        final List<OutboxEvent> events = new ArrayList<>();
        boolean written;

        @Override
        public void beforeCompletion() {
            if (!transactions.getRollbackOnly()) { // otherwise nothing of this transaction will commit
                write(events);
            }
            written = true;
        }

        @Override
        public void afterCompletion(int status) {
            // the rows commit or roll back with the transaction
        }
    }

    /**
     * The events this transaction appended so far; the first append arranges their writing before commit,
     * and the relay's wake-up after it (once per transaction: an import's chunk appends hundreds).
     * Interposed synchronizations run after the ordinary ones, Hibernate's flush among them, so the
     * transaction's row locks are taken before the outbox keys are drawn.
     */
    private List<OutboxEvent> pendingInThisTransaction() {
        Pending pending = (Pending) transactions.getResource(Pending.class);
        if (pending == null) {
            pending = new Pending();
            transactions.putResource(Pending.class, pending);
            transactions.registerInterposedSynchronization(pending);
            appended.fire(new OutboxAppended());
        }
        if (pending.written) {
            throw new IllegalStateException("An event was appended after this transaction's outbox was written");
        }
        return pending.events;
    }

    /** Batches on the transaction's own connection (the pool hands out the enlisted one). */
    private void write(List<OutboxEvent> events) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            int inBatch = 0;
            for (OutboxEvent event : events) {
                insert.setString(1, event.eventId);
                insert.setString(2, event.type);
                insert.setString(3, event.source);
                insert.setString(4, event.topic);
                insert.setString(5, event.recordKey);
                insert.setString(6, event.payload);
                insert.setObject(7, event.occurredAt.atOffset(ZoneOffset.UTC));
                insert.setString(8, event.actor);
                insert.setString(9, event.cause);
                insert.setString(10, event.traceParent);
                insert.addBatch();
                if (++inBatch == MAX_BATCH) {
                    insert.executeBatch();
                    inBatch = 0;
                }
            }
            if (inBatch > 0) {
                insert.executeBatch();
            }
        } catch (SQLException e) {
            // thrown from beforeCompletion, it rolls the transaction back: the change and its events go together
            throw new IllegalStateException("Could not write " + events.size() + " outbox event(s)", e);
        }
    }
}
