package org.citybridge.kit.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.citybridge.contracts.events.CloudEventHeaders;
import org.citybridge.contracts.events.EventSource;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.MalformedEventException;
import org.citybridge.kit.problem.DatabaseFailures;
import org.citybridge.kit.tracing.TraceContexts;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Idempotent consumption of CloudEvents, the same in every service. A poll's records arrive as one
 * batch (channel setting {@code batch=true}) and are applied in one transaction:
 * <ul>
 *   <li>an undecodable record ({@link MalformedEventException}) is nacked on its own: the channel's
 *       dead-letter strategy moves it to the dead-letter topic with its error, and it is counted;</li>
 *   <li>types this build does not know are skipped (forward compatibility), and so are the types a consumer
 *       says it has no use for: their data is not read (so it is not checked either) and their ids are not
 *       recorded, since they have no effect to apply twice; both are counted, by reason;</li>
 *   <li>the ids of the batch's events are recorded in {@code processed_event} in the same transaction
 *       as their effect, with one statement that also says which ids are new, so a redelivered event
 *       changes nothing;</li>
 *   <li>a guard that throws {@link Postponed} leaves the whole batch unacknowledged, for the next consumer;</li>
 *   <li>if the batch's transaction fails, its events are applied one by one, each in its own
 *       transaction: a record whose effect keeps failing is isolated and dead-lettered, the others
 *       still apply. A failing event is retried with back-off, holding the partition so order is kept,
 *       for up to {@link ConsumerConfig#maxRetryDuration()}; data the database rejects as invalid
 *       (see {@link DatabaseFailures#invalidData}) is dead-lettered at once, since retrying cannot change the answer.</li>
 * </ul>
 * Nothing is acknowledged or dead-lettered before the batch's events are applied (see {@code settle}).
 * One transaction per poll instead of per record is what lets a consumer drain a backlog at the
 * database's pace rather than at one commit per event.
 */
@ApplicationScoped
public class EventInbox {

    private static final Logger LOG = Logger.getLogger(EventInbox.class);
    /** Length of {@code processed_event.event_id}; a longer id cannot be recorded, so it is malformed. */
    private static final int MAX_EVENT_ID_LENGTH = 64;

    /** Runs each transaction of the inbox; a service whose effects need a lock passes it here. */
    @FunctionalInterface
    public interface Guard {
        void run(Runnable work);
    }

    @Inject
    EntityManager em;

    @Inject
    EventCodec codec;

    @Inject
    MeterRegistry metrics;

    @Inject
    ConsumerConfig config;

    @Inject
    Tracer tracer;

    /** {@link #consume(KafkaRecordBatch, Consumer, Guard)} without a guard. */
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch, Consumer<List<ReceivedEvent>> effect) {
        return consume(batch, effect, Runnable::run);
    }

    /** {@link #consume(KafkaRecordBatch, Consumer, Guard)} without a guard, of the types {@code handlers} take. */
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch, EventHandlers handlers) {
        return consume(batch, handlers::handles, handlers::handleAll, Runnable::run);
    }

    /** {@link #consume(KafkaRecordBatch, Predicate, Consumer, Guard)} of every type this build knows. */
    public CompletionStage<Void> consume(
            KafkaRecordBatch<String, String> batch, Consumer<List<ReceivedEvent>> effect, Guard guard) {
        return consume(batch, type -> true, effect, guard);
    }

    /** {@link #consume(KafkaRecordBatch, BiPredicate, Consumer, Guard)} of the {@code wanted} types. */
    public CompletionStage<Void> consume(
            KafkaRecordBatch<String, String> batch,
            Predicate<EventType> wanted,
            Consumer<List<ReceivedEvent>> effect,
            Guard guard) {
        return consume(batch, (type, headers) -> wanted.test(type), effect, guard);
    }

    /** {@link #consume(KafkaRecordBatch, BiPredicate, Predicate, Consumer, Guard)} of every record it decodes. */
    public CompletionStage<Void> consume(
            KafkaRecordBatch<String, String> batch,
            BiPredicate<EventType, CloudEventHeaders> wanted,
            Consumer<List<ReceivedEvent>> effect,
            Guard guard) {
        return consume(batch, wanted, event -> true, effect, guard);
    }

    /**
     * Decodes the batch's records that {@code wanted} takes (by type and CloudEvents attributes, before the data
     * is read), keeps those events that {@code needed} (outside the guard and any transaction: for events
     * known to change nothing) and applies the new ones, in order, with {@code effect} in one transaction with
     * the record of their ids; then dead-letters the records that could not be applied and acknowledges the
     * batch. The returned stage completes when that is done.
     */
    public CompletionStage<Void> consume(
            KafkaRecordBatch<String, String> batch,
            BiPredicate<EventType, CloudEventHeaders> wanted,
            Predicate<ReceivedEvent> needed,
            Consumer<List<ReceivedEvent>> effect,
            Guard guard) {
        List<KafkaRecord<String, String>> records = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<ReceivedEvent> events = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        int position = 0;
        for (KafkaRecord<String, String> record : batch) {
            deadLetters(
                    record.getTopic()); // shown as 0 from the first poll on, so dashboards and alerts see the series
            try {
                Optional<ReceivedEvent> decoded =
                        decode(record.getTopic(), record.getHeaders(), record.getPayload(), wanted);
                if (decoded.isPresent() && !needed.test(decoded.get())) {
                    skipped(record.getTopic(), "changes-nothing");
                } else if (decoded.isPresent()) {
                    records.add(record);
                    positions.add(position);
                    events.add(decoded.get());
                }
            } catch (MalformedEventException e) {
                rejected.add(new Rejected(position, record, e));
            }
            position++;
        }
        if (!events.isEmpty()) {
            // one span per poll, continuing the trace of its first event and linking the others' (the outbox rows
            // its effect appends carry it on)
            Span span = consumeSpan(records);
            try (Scope current = span.makeCurrent()) {
                applyAll(events, records, positions, rejected, effect, guard);
            } catch (Postponed postponed) {
                // nothing acknowledged: the records go to whoever consumes the partitions next (this stage
                // stays open; the instance is stopping or no longer owns the work)
                LOG.infof("A batch of %d events left for the next consumer: %s", events.size(), postponed.getMessage());
                return new CompletableFuture<>();
            } finally {
                span.end();
            }
        }
        return settle(batch, rejected);
    }

    /** Applies the events in one transaction, or one by one if that fails; adds those that keep failing to {@code rejected}. */
    private void applyAll(
            List<ReceivedEvent> events,
            List<KafkaRecord<String, String>> records,
            List<Integer> positions,
            List<Rejected> rejected,
            Consumer<List<ReceivedEvent>> effect,
            Guard guard) {
        try {
            guard.run(() -> applyInOneTransaction(events, effect));
        } catch (Postponed postponed) {
            throw postponed;
        } catch (RuntimeException batchFailure) {
            if (events.size() > 1) {
                LOG.warnf(
                        "A batch of %d events failed (%s); applying them one at a time",
                        events.size(), batchFailure.toString());
            }
            for (int i = 0; i < events.size(); i++) {
                Throwable failure = applyAlone(events.get(i), effect, guard);
                if (failure != null) {
                    rejected.add(new Rejected(positions.get(i), records.get(i), failure));
                }
            }
        }
    }

    private Span consumeSpan(List<KafkaRecord<String, String>> records) {
        List<SpanContext> causes = new ArrayList<>();
        for (KafkaRecord<String, String> record : records) {
            Header header = record.getHeaders().lastHeader(TraceContexts.HEADER);
            if (header != null) {
                TraceContexts.parse(new String(header.value(), StandardCharsets.UTF_8))
                        .ifPresent(causes::add);
            }
        }
        SpanBuilder builder = tracer.spanBuilder("consume " + records.get(0).getTopic())
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(TraceContexts.parentOf(causes))
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", records.get(0).getTopic())
                .setAttribute("messaging.batch.message_count", (long) records.size());
        causes.stream().skip(1).forEach(builder::addLink);
        return builder.startSpan();
    }

    /** A record that goes to the dead-letter topic, with its place in the batch. */
    private record Rejected(int position, KafkaRecord<String, String> record, Throwable error) {}

    /**
     * Runs only after every event of the batch was applied. In batch mode the commit strategy tracks each
     * partition's latest record of the batch, and a record's nack acknowledges it once its dead-letter copy
     * is written: so the rejected records go one after the other in batch order, and the batch is
     * acknowledged only when all of them are on the dead-letter topic. If one cannot be written, nothing
     * more is acknowledged: the partition's commits stop there, the channel's health turns DOWN once the
     * record is older than the commit strategy allows, and a restart delivers the records again (the
     * applied ones are then duplicates). A failed stage is not used for that, since it would end the
     * channel's subscription.
     */
    private CompletionStage<Void> settle(KafkaRecordBatch<String, String> batch, List<Rejected> rejected) {
        rejected.sort(Comparator.comparingInt(Rejected::position));
        CompletableFuture<Void> deadLettered = CompletableFuture.completedFuture(null);
        for (Rejected r : rejected) {
            deadLettered = deadLettered.thenCompose(done -> deadLetter(r.record(), r.error()));
        }
        return deadLettered.thenCompose(done -> batch.ack()).exceptionally(failure -> {
            LOG.errorf("Records left unacknowledged, a dead-letter copy could not be written: %s", failure.toString());
            return null;
        });
    }

    /**
     * Reads the CloudEvent; empty for unknown types and those not wanted. A known type must come from its
     * owning service, on that service's topic: anything else is forged or misrouted and goes to the
     * dead-letter topic, wanted or not.
     */
    private Optional<ReceivedEvent> decode(
            String topic, Headers kafkaHeaders, String value, BiPredicate<EventType, CloudEventHeaders> wanted) {
        CloudEventHeaders headers = CloudEventHeaders.fromHeaders(headerMap(kafkaHeaders));
        if (headers.id().length() > MAX_EVENT_ID_LENGTH) {
            throw new MalformedEventException("Event id longer than " + MAX_EVENT_ID_LENGTH + " characters");
        }
        Optional<EventType> type = EventType.fromCeType(headers.type());
        if (type.isEmpty()) {
            skipped(topic, "unknown-type");
            return Optional.empty();
        }
        EventSource owner = type.get().source();
        if (!owner.uri().equals(headers.source()) || !owner.topic().equals(topic)) {
            metrics.counter("citybridge.events.foreign", "topic", topic).increment();
            throw new MalformedEventException("Event of type " + headers.type() + " from source '" + headers.source()
                    + "' on topic " + topic + ": only " + owner.uri() + " publishes it, on " + owner.topic());
        }
        if (!wanted.test(type.get(), headers)) {
            skipped(topic, "not-needed");
            return Optional.empty();
        }
        return Optional.of(new ReceivedEvent(
                headers, type.get(), codec.fromJson(value, type.get().payloadType())));
    }

    /**
     * One event in its own transaction, retried while the failure may be temporary. Returns null once it is
     * applied, or the failure to dead-letter it with.
     */
    private Throwable applyAlone(ReceivedEvent event, Consumer<List<ReceivedEvent>> effect, Guard guard) {
        long started = System.nanoTime();
        long backoff = 50;
        while (true) {
            try {
                guard.run(() -> applyInOneTransaction(List.of(event), effect));
                return null;
            } catch (Postponed e) {
                throw e;
            } catch (MalformedEventException e) {
                return e;
            } catch (RuntimeException e) {
                if (DatabaseFailures.invalidData(e)) {
                    LOG.errorf(
                            "Event %s (%s) rejected by the database as invalid data",
                            event.headers().id(), event.type().ceType());
                    return DatabaseFailures.rootCause(e);
                }
                if (System.nanoTime() - started > config.maxRetryDuration().toNanos()) {
                    LOG.errorf(
                            e,
                            "Giving up on event %s (%s) after retries",
                            event.headers().id(),
                            event.type().ceType());
                    return DatabaseFailures.rootCause(e);
                }
                LOG.warnf(
                        "Event %s (%s) failed, retrying in %d ms: %s",
                        event.headers().id(), event.type().ceType(), backoff, e.toString());
                sleep(backoff);
                backoff = Math.min(backoff * 2, config.maxBackoff().toMillis());
            }
        }
    }

    private void applyInOneTransaction(List<ReceivedEvent> events, Consumer<List<ReceivedEvent>> effect) {
        boolean[] applied = QuarkusTransaction.requiringNew().call(() -> {
            Set<String> newIds = firstDeliveries(events);
            boolean[] fresh = new boolean[events.size()];
            List<ReceivedEvent> apply = new ArrayList<>(events.size());
            for (int i = 0; i < fresh.length; i++) {
                fresh[i] = newIds.remove(events.get(i).headers().id()); // remove: an id twice in a batch applies once
                if (fresh[i]) {
                    apply.add(events.get(i));
                }
            }
            if (!apply.isEmpty()) {
                effect.accept(apply);
            }
            return fresh;
        });
        Instant now = Instant.now();
        for (int i = 0; i < applied.length; i++) {
            String type = events.get(i).type().ceType();
            metrics.counter(applied[i] ? "citybridge.events.applied" : "citybridge.events.duplicates", "type", type)
                    .increment();
            if (applied[i] && events.get(i).headers().time() != null) {
                // from the change that caused the event to its effect here: outbox, relay, broker and this consumer
                Timer.builder("citybridge.events.age")
                        .description("Time from an event's occurrence to its effect in this service")
                        .tag("type", type)
                        .publishPercentileHistogram()
                        .register(metrics)
                        .record(Duration.between(events.get(i).headers().time(), now));
            }
        }
    }

    /** Records the events' ids; returns those not recorded before (one statement for the whole batch). */
    private Set<String> firstDeliveries(List<ReceivedEvent> events) {
        String[] ids = new String[events.size()];
        String[] types = new String[events.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = events.get(i).headers().id();
            types[i] = events.get(i).type().ceType();
        }
        return em.unwrap(Session.class).doReturningWork(connection -> {
            Array idArray = connection.createArrayOf("varchar", ids);
            Array typeArray = connection.createArrayOf("varchar", types);
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into processed_event (event_id, type, processed_at)
                    select id, type, now() from unnest(?, ?) as e(id, type)
                    on conflict do nothing
                    returning event_id""")) {
                insert.setArray(1, idArray);
                insert.setArray(2, typeArray);
                Set<String> fresh = new HashSet<>();
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        fresh.add(rows.getString(1));
                    }
                }
                return fresh;
            } finally {
                idArray.free();
                typeArray.free();
            }
        });
    }

    private CompletableFuture<Void> deadLetter(KafkaRecord<String, String> record, Throwable error) {
        deadLetters(record.getTopic()).increment();
        long offset = record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getOffset)
                .orElse(-1L);
        LOG.warnf(
                "Dead-lettering record %s-%d@%d: %s",
                record.getTopic(), record.getPartition(), offset, error.getMessage());
        return record.nack(error).toCompletableFuture();
    }

    private void skipped(String topic, String reason) {
        metrics.counter("citybridge.events.skipped", "topic", topic, "reason", reason)
                .increment();
    }

    private Counter deadLetters(String topic) {
        return metrics.counter("citybridge.events.dead.lettered", "topic", topic);
    }

    private static Map<String, byte[]> headerMap(Headers kafkaHeaders) {
        Map<String, byte[]> headers = new HashMap<>();
        for (Header header : kafkaHeaders) {
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
