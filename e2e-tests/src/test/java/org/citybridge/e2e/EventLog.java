package org.citybridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.citybridge.contracts.events.CloudEventHeaders;
import org.citybridge.contracts.events.Topics;
import org.citybridge.launcher.http.ApiClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** The fault tests' view of the broker: every event of a topic, and whether a consumer group has read them all. */
final class EventLog {

    /** One record as the tests need it: where, key, CloudEvents id and type, JSON payload. */
    record Event(String topic, int partition, long offset, String key, String id, String type, String value) {

        JsonNode data() {
            try {
                return ApiClient.JSON.readTree(value);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new AssertionError("Undecodable " + type + " on " + topic + ": " + value, e);
            }
        }
    }

    private final Map<String, String> clientConfig;

    /** @param clientConfig the broker and the administrator's credential ({@code Platform#kafkaAdminConfig}) */
    EventLog(Map<String, String> clientConfig) {
        this.clientConfig = clientConfig;
    }

    /** Every record of the topic up to its end as of now, read without a consumer group. */
    List<Event> readAll(String topic) {
        List<Event> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Could not read " + topic + " to its end within 60 s");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    events.add(new Event(
                            r.topic(),
                            r.partition(),
                            r.offset(),
                            r.key(),
                            header(r, CloudEventHeaders.H_ID),
                            header(r, CloudEventHeaders.H_TYPE),
                            r.value()));
                }
            }
        }
        return events;
    }

    /**
     * True when the group has processed, on every partition of the topics, every committed record
     * published so far (services commit only processed records).
     */
    boolean caughtUp(String group, Collection<String> topics) {
        try (KafkaConsumer<String, String> consumer = consumer();
                Admin admin = admin()) {
            List<TopicPartition> partitions = new ArrayList<>();
            topics.forEach(topic -> partitions.addAll(partitions(consumer, topic)));
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, Duration.ofSeconds(10));
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            // Caught up: no committed record at or after the group's offset. Not "offset = end": the relays
            // publish in transactions, and a transaction's commit marker takes an offset no consumer commits.
            consumer.assign(partitions);
            List<TopicPartition> behind = new ArrayList<>();
            for (TopicPartition p : partitions) {
                long from = committed.get(p) == null
                        ? begin.get(p)
                        : committed.get(p).offset();
                if (from < end.get(p)) {
                    consumer.seek(p, from);
                    behind.add(p);
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (behind.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (!consumer.poll(Duration.ofMillis(200)).isEmpty()) {
                    return false;
                }
                if (System.nanoTime() > deadline) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            // the broker may be restarting: not known to have caught up yet
            System.out.println("Offsets of group " + group + " not readable yet: " + e);
            return false;
        }
    }

    /** Waits until clusters-service has processed every city event so far: it accepts memberships of known cities. */
    void awaitClustersKnowEveryCity() {
        await("clusters-service knows the new cities")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> caughtUp("clusters-service", List.of(Topics.CITY_EVENTS)));
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // what the services' consumers see
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private Admin admin() {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        return Admin.create(props);
    }
}
