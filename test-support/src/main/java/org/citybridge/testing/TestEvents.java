package org.citybridge.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.citybridge.contracts.events.CloudEventHeaders;
import org.citybridge.contracts.events.EventPayload;
import org.citybridge.contracts.events.EventType;
import org.citybridge.infra.KafkaCredentials;
import org.citybridge.infra.KafkaServer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Reads and writes the platform's topics in tests, as CloudEvents, on the real broker.
 * Built on SmallRye's {@link KafkaCompanion}.
 */
public final class TestEvents implements AutoCloseable {

    private final KafkaCompanion companion;
    private final ObjectMapper mapper;

    public TestEvents(ObjectMapper mapper) {
        KafkaServer kafka = TestInfrastructure.kafka();
        this.companion = new KafkaCompanion(kafka.bootstrapServers());
        // as the administrator: tests play every producer, forged ones included, and read every topic
        Map<String, Object> config = new HashMap<>(kafka.clientConfig(KafkaCredentials.ADMIN));
        // read what the services' consumers read: committed records only (the relays publish in transactions)
        config.put("isolation.level", "read_committed");
        this.companion.setCommonClientConfig(config);
        this.mapper = mapper;
    }

    public KafkaCompanion companion() {
        return companion;
    }

    /** Publishes a payload as a CloudEvent on its topic, keyed by its aggregate id; returns the event id. */
    public String publish(EventPayload payload) {
        EventType type = EventType.of(payload.getClass());
        return publish(payload, CloudEventHeaders.newEvent(type, payload.aggregateId(), Instant.now()));
    }

    /** The same, as its producer sends an event that consuming events of the type {@code cause} caused. */
    public String publishCausedBy(EventPayload payload, EventType cause) {
        EventType type = EventType.of(payload.getClass());
        return publish(
                payload,
                CloudEventHeaders.newEvent(type, payload.aggregateId(), Instant.now())
                        .withCause(cause));
    }

    private String publish(EventPayload payload, CloudEventHeaders headers) {
        String topic = EventType.of(payload.getClass()).topic();
        publish(topic, payload.aggregateId().toString(), headers.toHeaders(), json(payload));
        return headers.id();
    }

    /** Publishes the same event (same id) again, as a redelivery would. */
    public void republish(EventPayload payload, String eventId) {
        EventType type = EventType.of(payload.getClass());
        CloudEventHeaders headers = new CloudEventHeaders(
                eventId,
                type.ceType(),
                type.source().uri(),
                payload.aggregateId().toString(),
                Instant.now());
        publish(type.topic(), payload.aggregateId().toString(), headers.toHeaders(), json(payload));
    }

    /** Publishes raw bytes with arbitrary headers, e.g. a poison record. */
    public void publish(String topic, String key, Map<String, byte[]> headers, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, bytes) -> record.headers().add(name, bytes));
        companion.produceStrings().fromRecords(record).awaitCompletion(Duration.ofSeconds(30));
    }

    /**
     * Reads the topic from the beginning until {@code count} records matching the filter have been
     * seen (or the timeout passes) and returns those records.
     */
    public List<ConsumerRecord<String, String>> read(
            String topic, Predicate<ConsumerRecord<String, String>> filter, int count, Duration timeout) {
        ConsumerTask<String, String> task = companion
                .consumeStrings()
                .withGroupId("test-" + UUID.randomUUID())
                .withOffsetReset(org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST)
                .fromTopics(topic);
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                List<ConsumerRecord<String, String>> matching =
                        task.getRecords().stream().filter(filter).toList();
                if (matching.size() >= count) {
                    return matching;
                }
                Thread.sleep(50);
            }
            return task.getRecords().stream().filter(filter).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            task.stop();
        }
    }

    /** Reads records of one aggregate and one type: {@link #read} filtered by {@link #keyed} and {@link #ofType}. */
    public List<ConsumerRecord<String, String>> read(
            String topic, UUID aggregateId, EventType type, int count, Duration timeout) {
        return read(topic, keyed(aggregateId).and(ofType(type)), count, timeout);
    }

    /** Records of one aggregate (record key) on a topic. */
    public static Predicate<ConsumerRecord<String, String>> keyed(UUID aggregateId) {
        return r -> aggregateId.toString().equals(r.key());
    }

    /** Records of one CloudEvents type. */
    public static Predicate<ConsumerRecord<String, String>> ofType(EventType type) {
        return r -> type.ceType().equals(header(r, CloudEventHeaders.H_TYPE));
    }

    /** The last value of a header as text, or null. */
    public static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** One header of each record, in the records' order (e.g. their CloudEvents types), null where absent. */
    public static List<String> headerOfEach(List<ConsumerRecord<String, String>> records, String name) {
        return records.stream().map(r -> header(r, name)).toList();
    }

    /** All headers as a map (last value wins), ready for {@link CloudEventHeaders#fromHeaders(Map)}. */
    public static Map<String, byte[]> headers(ConsumerRecord<String, String> record) {
        Map<String, byte[]> map = new HashMap<>();
        record.headers().forEach(h -> map.put(h.key(), h.value()));
        return map;
    }

    public <T> T payload(ConsumerRecord<String, String> record, Class<T> type) {
        try {
            return mapper.readValue(record.value(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The payload as its producer writes it. */
    public String json(Object payload) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        companion.close();
    }
}
