package org.citybridge.matchmaking;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.citybridge.contracts.events.CloudEventHeaders;
import org.citybridge.contracts.events.EventPayload;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.Topics;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.matchmaking.messaging.IncomingEventsConsumer;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One poll handed to the inbox exactly as SmallRye hands it over, with the commit and failure handlers
 * replaced by recorders: the batch's records are fixed, so the order in which they are applied,
 * dead-lettered and acknowledged is observed rather than hoped for.
 */
@QuarkusTest
class BatchConsumptionTest {

    private static final TopicPartition PARTITION = new TopicPartition(Topics.CITY_EVENTS, 0);

    @Inject
    ObjectMapper mapper;

    @Inject
    IncomingEventsConsumer consumer;

    @Test
    void shouldApplyTheBatchThenDeadLetterItsRejectedRecordsInOrderThenAcknowledgeItsLatestRecord() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        List<ConsumerRecord<String, String>> records = List.of(
                record(0, Scenario.registered(Scenario.simpleCity(a, "Poll A", "PE"))),
                new ConsumerRecord<>(Topics.CITY_EVENTS, 0, 1, "poison", "{not json"), // no CloudEvents headers
                // decodable, but refused by PostgreSQL: the batch's transaction fails and its events go one at a time
                record(2, Scenario.registered(Scenario.simpleCity(UUID.randomUUID(), "N".repeat(250), "IN"))),
                record(3, Scenario.registered(Scenario.simpleCity(b, "Poll B", "CN"))),
                record(4, Scenario.interest(a, CooperationArea.CULTURE, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP)),
                record(5, Scenario.interest(b, CooperationArea.CULTURE, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP)),
                // the partition's latest record is of a type this build does not know: skipped, yet acknowledged last
                new ConsumerRecord<>(
                        Topics.CITY_EVENTS,
                        0,
                        6,
                        0L,
                        TimestampType.CREATE_TIME,
                        0,
                        0,
                        "future",
                        "{}",
                        headers(new CloudEventHeaders(
                                        UUID.randomUUID().toString(),
                                        "org.citybridge.city.renamed.v9",
                                        "/citybridge/cities-service",
                                        null,
                                        Instant.now())
                                .toHeaders()),
                        Optional.empty()));

        List<String> settled = consume(records);
        assertThat(settled).containsExactly("dead-lettered 1", "dead-lettered 2", "acknowledged 6");
        Map<String, Object> proposal = Scenario.awaitOpenProposal(a, b);
        String etag = Scenario.proposal(proposal.get("id")).extract().header("ETag");

        // the same poll delivered again (a crash before the commit): nothing applied twice, settled the same way
        assertThat(consume(records)).containsExactly("dead-lettered 1", "dead-lettered 2", "acknowledged 6");
        Scenario.proposal(proposal.get("id")).statusCode(200).header("ETag", etag);
    }

    /** Hands the records to the consumer (and so to the inbox) as one poll; returns what was settled, in order. */
    private List<String> consume(List<ConsumerRecord<String, String>> records) throws Exception {
        List<String> settled = Collections.synchronizedList(new ArrayList<>());
        KafkaCommitHandler commits = new KafkaCommitHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
                settled.add("acknowledged " + record.getOffset());
                return Uni.createFrom().voidItem();
            }
        };
        KafkaFailureHandler failures = new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                settled.add("dead-lettered " + record.getOffset());
                return Uni.createFrom().voidItem();
            }
        };
        IncomingKafkaRecordBatch<String, String> batch = new IncomingKafkaRecordBatch<>(
                new ConsumerRecords<>(Map.of(PARTITION, records)),
                Topics.CITY_EVENTS,
                0,
                commits,
                failures,
                false,
                false);
        consumer.onCityEvents(batch).toCompletableFuture().get(60, TimeUnit.SECONDS);
        return settled;
    }

    private ConsumerRecord<String, String> record(long offset, EventPayload payload) throws Exception {
        CloudEventHeaders headers =
                CloudEventHeaders.newEvent(EventType.of(payload.getClass()), payload.aggregateId(), Instant.now());
        return new ConsumerRecord<>(
                Topics.CITY_EVENTS,
                0,
                offset,
                0L,
                TimestampType.CREATE_TIME,
                0,
                0,
                payload.aggregateId().toString(),
                mapper.writeValueAsString(payload),
                headers(headers.toHeaders()),
                Optional.empty());
    }

    private static RecordHeaders headers(Map<String, byte[]> values) {
        RecordHeaders headers = new RecordHeaders();
        values.forEach(headers::add);
        return headers;
    }
}
