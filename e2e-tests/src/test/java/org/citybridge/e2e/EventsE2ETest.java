package org.citybridge.e2e;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.citybridge.contracts.events.CloudEventHeaders;
import org.citybridge.contracts.events.EventPayload;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The events the seed story caused, read from the real broker: valid CloudEvents (binary mode) of the
 * documented types, on their owner's topic, keyed by the aggregate they are about.
 */
class EventsE2ETest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private static Map<String, String> kafkaAdmin;

    @BeforeAll
    static void platform() {
        kafkaAdmin = E2E.platform().kafkaAdminConfig();
    }

    @Test
    void shouldAnnounceSeedCitiesAsCloudEventsKeyedByCityId() {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        // The outbox relay publishes shortly after each commit: read until both registrations are there.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            records.clear();
            records.addAll(readAll(Topics.CITY_EVENTS));
            assertThat(records).anySatisfy(r -> isRegistration(r, E2E.mexicoCity()));
            assertThat(records).anySatisfy(r -> isRegistration(r, E2E.luoyang()));
        });
    }

    @Test
    void shouldPublishOnlyValidCloudEventsOfDocumentedTypesOnTheOwnersTopic() throws Exception {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !readAll(Topics.CLUSTER_EVENTS).isEmpty());
        Set<String> ids = new HashSet<>();
        int count = 0;
        for (String topic : List.of(Topics.CITY_EVENTS, Topics.CLUSTER_EVENTS, Topics.MATCHMAKING_EVENTS)) {
            for (ConsumerRecord<String, String> record : readAll(topic)) {
                Map<String, byte[]> headers = headers(record);
                CloudEventHeaders ce = CloudEventHeaders.fromHeaders(headers);
                EventType type = EventType.fromCeType(ce.type())
                        .orElseThrow(() -> new AssertionError("Undocumented event type " + ce.type() + " on " + topic));

                assertThat(type.topic()).as(ce.type()).isEqualTo(topic);
                assertThat(ce.source()).as(ce.type()).isEqualTo(type.source().uri());
                assertThat(new String(headers.get(CloudEventHeaders.H_CONTENT_TYPE)))
                        .isEqualTo(CloudEventHeaders.CONTENT_TYPE);
                assertThat(record.key()).as("key of %s", ce.type()).isNotBlank().isEqualTo(ce.subject());
                // the payload is the documented record of its type, about the aggregate named by the key
                EventPayload payload = JSON.readValue(record.value(), type.payloadType());
                assertThat(payload.aggregateId())
                        .as("aggregate of %s", ce.type())
                        .hasToString(record.key());
                assertThat(ids.add(ce.id())).as("ce_id %s is unique", ce.id()).isTrue();
                count++;
            }
        }
        assertThat(count).isGreaterThan(22);
    }

    private static boolean isRegistration(ConsumerRecord<String, String> record, UUID city) {
        Map<String, byte[]> headers = headers(record);
        return city.toString().equals(record.key())
                && headers.containsKey(CloudEventHeaders.H_TYPE)
                && EventType.CITY_REGISTERED.ceType().equals(new String(headers.get(CloudEventHeaders.H_TYPE)));
    }

    private static Map<String, byte[]> headers(ConsumerRecord<String, String> record) {
        Map<String, byte[]> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        return headers;
    }

    /** Every record of the topic so far, read by a fresh consumer group. */
    private static List<ConsumerRecord<String, String>> readAll(String topic) {
        Properties props = new Properties();
        props.putAll(kafkaAdmin);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // what the services' consumers see
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long emptyPolls = 0;
            long deadline = System.currentTimeMillis() + 30_000;
            // read until the end of every partition (two empty polls after assignment), bounded in time
            while (emptyPolls < 2 && System.currentTimeMillis() < deadline) {
                var batch = consumer.poll(Duration.ofSeconds(1));
                if (batch.isEmpty() && !consumer.assignment().isEmpty()) {
                    emptyPolls++;
                } else {
                    emptyPolls = 0;
                }
                batch.forEach(records::add);
            }
        }
        return records;
    }
}
