package org.citybridge.cities;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.citybridge.contracts.events.CloudEventHeaders;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.PartnerPreferences;
import org.citybridge.contracts.events.StatedInterest;
import org.citybridge.contracts.events.SurveyResponseRecorded;
import org.citybridge.contracts.events.Topics;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.kit.security.Roles;
import org.citybridge.testing.TestEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With tracing on, a trace follows a fact: from the request that caused it, through the outbox, onto
 * Kafka (header {@code traceparent}); and from a consumed event, through the consumer's transaction,
 * into the events it publishes in turn.
 */
@QuarkusTest
@TestProfile(TracingTest.TracingOn.class)
@TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
class TracingTest {

    /** Tracing on; spans are never due for export during the test (no collector runs here). */
    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "1h");
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    ObjectMapper mapper;

    TestEvents events;

    @BeforeEach
    void open() {
        events = new TestEvents(mapper);
    }

    @AfterEach
    void close() {
        events.close();
    }

    @Test
    void shouldCarryTheRequestsTraceOntoItsEvent() {
        UUID city = Fixtures.register(Fixtures.cityBody(Fixtures.unique("Traced Xi'an"), "CN"));
        String trace = hex(16);
        given().contentType(ContentType.JSON)
                .header("traceparent", "00-" + trace + "-" + hex(8) + "-01")
                .body(Map.of("area", "tourism", "stance", "SEEK", "intent", "SISTER_CITY"))
                .post("/api/v1/cities/" + city + "/interests")
                .then()
                .statusCode(201)
                .header("X-Request-Id", trace); // the id the audit log and the answer carry is the trace's

        assertInterestEventInTrace(city, trace);
    }

    @Test
    void shouldStartATraceForARequestThatBroughtNoneAndAnswerWithItsId() {
        UUID city = Fixtures.register(Fixtures.cityBody(Fixtures.unique("Traced Puebla"), "MX"));
        String requestId = given().contentType(ContentType.JSON)
                .body(Map.of("area", "culture", "stance", "OFFER", "intent", "SISTER_CITY"))
                .post("/api/v1/cities/" + city + "/interests")
                .then()
                .statusCode(201)
                .extract()
                .header("X-Request-Id");

        assertInterestEventInTrace(city, requestId);
    }

    @Test
    void shouldCarryAConsumedEventsTraceOntoTheEventsItCauses() {
        UUID city = Fixtures.ensureCity(UUID.randomUUID(), Fixtures.unique("Traced Oaxaca"), "MX");
        SurveyResponseRecorded response = new SurveyResponseRecorded(
                UUID.randomUUID(),
                UUID.randomUUID(),
                city,
                List.of(new StatedInterest(
                        CooperationArea.CULTURE,
                        Stance.OFFER,
                        Intent.KNOWLEDGE_EXCHANGE,
                        new PartnerPreferences(List.of(), List.of()))),
                true,
                4,
                Instant.now());
        String trace = hex(16);
        Map<String, byte[]> headers = new LinkedHashMap<>(CloudEventHeaders.newEvent(
                        EventType.of(SurveyResponseRecorded.class), response.aggregateId(), Instant.now())
                .toHeaders());
        headers.put("traceparent", ("00-" + trace + "-" + hex(8) + "-01").getBytes(StandardCharsets.UTF_8));
        events.publish(Topics.CLUSTER_EVENTS, response.aggregateId().toString(), headers, events.json(response));

        assertInterestEventInTrace(city, trace);
    }

    /** The city's InterestExpressed carries a span of this trace in its traceparent header. */
    private void assertInterestEventInTrace(UUID city, String trace) {
        ConsumerRecord<String, String> announced = events.read(
                        Topics.CITY_EVENTS, city, EventType.INTEREST_EXPRESSED, 1, Duration.ofSeconds(30))
                .get(0);
        assertThat(TestEvents.header(announced, "traceparent")).startsWith("00-" + trace + "-");
    }

    private static String hex(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
