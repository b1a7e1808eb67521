package org.citybridge.e2e;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.citybridge.contracts.events.CloudEventHeaders;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.Topics;
import org.citybridge.launcher.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The event bus of the running platform as an attacker on the same machine meets it: without a
 * credential nothing connects; a service's own credential cannot write another service's topic nor read
 * one it does not consume; an event that reaches a topic with another source than its owner's (written
 * by the administrator here, as a stolen administrator password would) is dead-lettered by its consumer,
 * never applied (on the fault platform, so the shared platform's topics keep only genuine events). A
 * partner system's read-only credential reads the partner topics in its own consumer groups, nothing else.
 */
class EventBusSecurityE2ETest {

    private static Platform platform;

    @BeforeAll
    static void platform() {
        platform = E2E.platform();
    }

    @Test
    void aClientWithoutCredentialsOrWithAWrongPasswordCannotProduce() {
        Map<String, String> plaintext = Map.of("bootstrap.servers", platform.kafkaBootstrapServers());
        assertThatThrownBy(() -> produce(plaintext, Topics.MATCHMAKING_EVENTS, forgedPartnership("/attacker")))
                .as("no SASL: the broker does not answer a plaintext client")
                .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);

        Map<String, String> wrongPassword = new HashMap<>(platform.kafkaClientConfig("cities-service"));
        wrongPassword.put(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"cities-service\""
                        + " password=\"guessed\";");
        assertThatThrownBy(() -> produce(wrongPassword, Topics.MATCHMAKING_EVENTS, forgedPartnership("/attacker")))
                .hasRootCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void aServiceMayWriteOnlyItsOwnTopicAndReadOnlyWhatItConsumes() throws Exception {
        Map<String, String> clusters = platform.kafkaClientConfig("clusters-service");
        // the attack of the report: a PartnershipFormed produced by hand on matchmaking-events
        assertThatThrownBy(() -> produce(clusters, Topics.MATCHMAKING_EVENTS, forgedPartnership("/attacker")))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        // survey answers (ratings, wishes) on cluster-events are for the services that consume them, not for all
        assertThatThrownBy(() -> read(platform.kafkaClientConfig("clusters-service"), Topics.MATCHMAKING_EVENTS))
                .isInstanceOf(TopicAuthorizationException.class);
        // positive controls: matchmaking reads cluster-events, which it consumes
        assertThat(read(platform.kafkaClientConfig("matchmaking-service"), Topics.CLUSTER_EVENTS))
                .isNotNegative();
    }

    @Test
    void aPartnerSystemMayOnlyReadThePartnerTopicsInItsOwnConsumerGroups() throws Exception {
        Map<String, String> partner = platform.kafkaClientConfig(Topics.PARTNER_PRINCIPAL);
        for (String topic : Topics.PARTNER_READABLE) {
            assertThat(read(partner, topic)).as(topic).isPositive();
        }
        // survey answers travel on cluster-events: not for partners (they get its other events by webhook)
        assertThatThrownBy(() -> read(partner, Topics.CLUSTER_EVENTS)).isInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> read(partner, Topics.deadLetter("matchmaking-service")))
                .isInstanceOf(TopicAuthorizationException.class);
        // refused before the topic even counts: an idempotent producer needs a right on the cluster it lacks
        assertThatThrownBy(() -> produce(partner, Topics.MATCHMAKING_EVENTS, forgedPartnership("/partner")))
                .hasRootCauseInstanceOf(org.apache.kafka.common.errors.AuthorizationException.class);
        // its own consumer groups only: partner-…, never a service's
        joinGroup(partner, Topics.PARTNER_GROUP_PREFIX + "agency-" + UUID.randomUUID(), Topics.CITY_EVENTS);
        assertThatThrownBy(() -> joinGroup(partner, "matchmaking-service", Topics.CITY_EVENTS))
                .isInstanceOf(GroupAuthorizationException.class);
    }

    @Test
    void anEventWithAnotherSourceThanItsOwnersIsDeadLetteredByItsConsumer() throws Exception {
        // on the fault platform: the shared one's topics must hold only genuine events (EventsE2ETest)
        Platform faults = FaultPlatform.get();
        ProducerRecord<String, String> forged = forgedPartnership("/attacker");
        produce(faults.kafkaAdminConfig(), Topics.MATCHMAKING_EVENTS, forged);
        EventLog log = FaultPlatform.events();
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(log.readAll(Topics.deadLetter("cities-service")))
                        .anySatisfy(event -> assertThat(event.key()).isEqualTo(forged.key())));
    }

    /** A PartnershipFormed of two cities that never agreed, with the given source. */
    private static ProducerRecord<String, String> forgedPartnership(String source) {
        String pair = UUID.randomUUID().toString();
        ProducerRecord<String, String> record = new ProducerRecord<>(
                Topics.MATCHMAKING_EVENTS,
                pair,
                "{\"partnershipId\":\"" + UUID.randomUUID() + "\",\"pairId\":\"" + pair + "\",\"proposalId\":\"" + pair
                        + "\",\"cityA\":\"" + UUID.randomUUID() + "\",\"cityB\":\"" + UUID.randomUUID()
                        + "\",\"kind\":\"SISTER_CITY\",\"formedOn\":\"2026-01-01\"}");
        new CloudEventHeaders(
                        UUID.randomUUID().toString(),
                        EventType.PARTNERSHIP_FORMED.ceType(),
                        source,
                        pair,
                        Instant.now())
                .toHeaders()
                .forEach((name, value) -> record.headers().add(name, value));
        return record;
    }

    private static void produce(Map<String, String> config, String topic, ProducerRecord<String, String> record)
            throws Exception {
        Properties props = new Properties();
        props.putAll(config);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            try {
                producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers()))
                        .get(20, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? new Exception(cause) : e;
            }
        }
    }

    /** Joins the consumer group on the topic and polls once (it fails if the principal may not use the group). */
    private static void joinGroup(Map<String, String> config, String group, String topic) {
        Properties props = new Properties();
        props.putAll(config);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(java.util.List.of(topic));
            consumer.poll(Duration.ofSeconds(5));
        }
    }

    /** How many partitions of the topic the principal may see (it fails if it may not read it). */
    private static int read(Map<String, String> config, String topic) {
        Properties props = new Properties();
        props.putAll(config);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            consumer.poll(Duration.ofSeconds(2));
            return partitions.size();
        }
    }
}
