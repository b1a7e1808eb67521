package org.citybridge.clusters;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.citybridge.contracts.events.CloudEventHeaders;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.Topics;
import org.citybridge.infra.KafkaServer;
import org.citybridge.kit.outbox.OutboxEvent;
import org.citybridge.kit.security.Roles;
import org.citybridge.testing.JsonApi;
import org.citybridge.testing.TestEvents;
import org.citybridge.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class OutboxOutageTest {

    @Inject
    TestSupport support;

    private static List<OutboxEvent> outbox(String key) {
        return QuarkusTransaction.requiringNew()
                .call(() -> OutboxEvent.<OutboxEvent>list("recordKey = ?1 order by seq", key));
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldAcceptWritesWhileTheBrokerIsDownAndDeliverEveryEventOnceInOrderAfterwards() {
        UUID mexicoCity = support.registerCity(TestSupport.unique("Mexico City"), "MX");
        UUID luoyang = support.registerCity(TestSupport.unique("Luoyang"), "CN");
        KafkaServer kafka = TestInfrastructure.kafka();
        String exchange;
        kafka.stop();
        try {
            exchange = JsonApi.createdId(JsonApi.post(
                    "/api/v1/exchanges",
                    Map.of(
                            "title",
                            TestSupport.unique("Outage conference"),
                            "format",
                            "VIDEO_CONFERENCE",
                            "startDate",
                            "2022-02-22",
                            "endDate",
                            "2022-02-22",
                            "participantCityIds",
                            List.of(mexicoCity, luoyang),
                            "topics",
                            List.of("renewable-energy"))));
            String etag = JsonApi.get("/api/v1/exchanges/" + exchange).extract().header("ETag");
            JsonApi.postIfMatch(
                            "/api/v1/exchanges/" + exchange + "/hold",
                            etag,
                            Map.of("outcomeNotes", "held during an outage"))
                    .statusCode(200);
            for (UUID city : List.of(mexicoCity, luoyang)) {
                JsonApi.post("/api/v1/exchanges/" + exchange + "/survey-responses", SurveyApiTest.answer(city, 5))
                        .statusCode(201);
            }
            List<OutboxEvent> waiting = outbox(exchange);
            assertThat(waiting).hasSize(4);
            assertThat(waiting).allMatch(e -> e.publishedAt == null);
        } finally {
            kafka.start();
        }

        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> outbox(exchange).stream().allMatch(e -> e.publishedAt != null));
        List<OutboxEvent> sent = outbox(exchange);

        // one more than expected, so a duplicate would show up
        List<ConsumerRecord<String, String>> records = support.events()
                .read(
                        Topics.CLUSTER_EVENTS,
                        TestEvents.keyed(UUID.fromString(exchange)),
                        sent.size() + 1,
                        Duration.ofSeconds(15));
        assertThat(records).hasSize(4);
        assertThat(TestEvents.headerOfEach(records, CloudEventHeaders.H_ID))
                .containsExactlyElementsOf(sent.stream().map(e -> e.eventId).toList());
        assertThat(TestEvents.headerOfEach(records, CloudEventHeaders.H_TYPE))
                .containsExactly(
                        EventType.EXCHANGE_SCHEDULED.ceType(), EventType.EXCHANGE_HELD.ceType(),
                        EventType.SURVEY_RESPONSE_RECORDED.ceType(), EventType.SURVEY_RESPONSE_RECORDED.ceType());
        assertThat(records)
                .extracting(ConsumerRecord::partition)
                .containsOnly(records.get(0).partition());

        // consumption of city-events resumed too
        UUID afterwards = support.registerCity();
        assertThat(support.knownCity(afterwards)).isNotNull();
    }
}
