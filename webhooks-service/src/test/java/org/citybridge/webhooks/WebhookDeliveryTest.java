package org.citybridge.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.citybridge.contracts.events.CityRetired;
import org.citybridge.contracts.events.ProposalDeclined;
import org.citybridge.kit.security.Roles;
import org.citybridge.testing.JsonApi;
import org.citybridge.testing.TestEvents;
import org.citybridge.webhooks.service.Signatures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deliveries from the real broker to a receiver on loopback: signed as Standard Webhooks specifies, in
 * the CloudEvents binding asked for, each event once and in order per aggregate although the receiver
 * fails at first, logged attempt by attempt; a receiver that answers 410 or keeps failing pauses its
 * subscription, and a replay from a point in time resumes it.
 */
@QuarkusTest
@TestSecurity(user = "partner-d", roles = Roles.PARTNER_SYSTEM)
class WebhookDeliveryTest {

    private static final String CITY_RETIRED = "org.citybridge.city.retired.v1";

    @Inject
    ObjectMapper mapper;

    private TestEvents events;
    private Receiver receiver;

    @BeforeEach
    void open() throws Exception {
        events = new TestEvents(mapper);
        receiver = new Receiver();
    }

    @AfterEach
    void close() {
        receiver.close();
        events.close();
    }

    @Test
    void shouldDeliverEachEventOnceSignedAndInOrderPerAggregateThroughFailures() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        receiver.answer(() -> requests.incrementAndGet() <= 4 ? 500 : 204);
        JsonPath created = subscribe(Map.of("url", receiver.url(), "eventTypes", List.of(CITY_RETIRED)));
        String id = created.getString("id");
        String secret = created.getString("secret");

        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        List<String> firstIds = new ArrayList<>();
        List<String> secondIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            firstIds.add(events.publish(new CityRetired(first, Instant.now())));
            if (i < 2) {
                secondIds.add(events.publish(new CityRetired(second, Instant.now())));
            }
        }
        events.publish(new ProposalDeclined(UUID.randomUUID(), first, second, first, Instant.now())); // not subscribed

        // once the log shows each delivered, nothing is pending: what arrived by then is all that ever will
        await("five deliveries done")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(JsonApi.get(
                                        "/api/v1/webhooks/" + id + "/deliveries",
                                        Map.of("status", "DELIVERED", "size", 100))
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getList("items.eventId", String.class))
                        .containsAll(firstIds)
                        .containsAll(secondIds));
        List<Receiver.Received> arrived = ofSubjects(first, second);
        assertThat(arrived).hasSize(5);
        assertThat(ceIds(arrived, first)).containsExactlyElementsOf(firstIds);
        assertThat(ceIds(arrived, second)).containsExactlyElementsOf(secondIds);
        for (Receiver.Received request : arrived) {
            assertThat(request.header("content-type")).startsWith("application/cloudevents+json");
            assertThat(request.header("webhook-signature")).isEqualTo(signature(secret, request));
            assertThat(Long.parseLong(request.header("webhook-timestamp")))
                    .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
            JsonNode event = mapper.readTree(request.body());
            assertThat(event.path("specversion").asText()).isEqualTo("1.0");
            assertThat(event.path("type").asText()).isEqualTo(CITY_RETIRED);
            assertThat(event.path("source").asText()).isEqualTo("/citybridge/cities-service");
            assertThat(event.path("data").path("cityId").asText())
                    .isEqualTo(event.path("subject").asText());
        }

        // the log shows every delivery done, the first ones after failed attempts
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(JsonApi.get(
                                        "/api/v1/webhooks/" + id + "/deliveries",
                                        Map.of("status", "DELIVERED", "size", 100))
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getList("items.eventId", String.class))
                        .containsAll(firstIds)
                        .containsAll(secondIds));
        JsonPath log = JsonApi.get("/api/v1/webhooks/" + id + "/deliveries", Map.of("size", 100))
                .statusCode(200)
                .extract()
                .jsonPath();
        String retried = log.getString("items.find { it.attempts > 1 }.id");
        assertThat(retried).isNotNull();
        JsonPath attempts = JsonApi.get("/api/v1/webhooks/" + id + "/deliveries/" + retried)
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(attempts.getList("attemptLog.statusCode", Integer.class))
                .startsWith(500)
                .endsWith(204);
        assertThat(attempts.getList("attemptLog.latencyMs", Integer.class))
                .allSatisfy(ms -> assertThat(ms).isNotNegative());
    }

    @Test
    void shouldDeliverARoundLargerThanTheSendersAtOnce() {
        receiver.answer(() -> 503);
        subscribe(Map.of("url", receiver.url(), "eventTypes", List.of(CITY_RETIRED), "mode", "BINARY"));
        // more aggregates than the dispatcher has senders (16): refused once each, they come due again together
        UUID[] cities = new UUID[60];
        for (int i = 0; i < cities.length; i++) {
            cities[i] = UUID.randomUUID();
            events.publish(new CityRetired(cities[i], Instant.now()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.refused() >= cities.length);
        receiver.answer(() -> 204);

        await().atMost(Duration.ofSeconds(30)).until(() -> ofSubjects(cities).size() == cities.length);
    }

    @Test
    void shouldSendBinaryEventsAPingAndTwoSignaturesAfterARotation() throws Exception {
        JsonPath created =
                subscribe(Map.of("url", receiver.url(), "eventTypes", List.of(CITY_RETIRED), "mode", "BINARY"));
        String id = created.getString("id");
        String secret = created.getString("secret");

        UUID city = UUID.randomUUID();
        String eventId = events.publish(new CityRetired(city, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> ofSubjects(city).size() == 1);
        Receiver.Received binary = ofSubjects(city).get(0);
        assertThat(binary.header("content-type")).startsWith("application/json");
        assertThat(binary.header("ce-id")).isEqualTo(eventId);
        assertThat(binary.header("ce-type")).isEqualTo(CITY_RETIRED);
        assertThat(binary.header("ce-specversion")).isEqualTo("1.0");
        assertThat(mapper.readTree(binary.body()).path("cityId").asText()).isEqualTo(city.toString());
        assertThat(binary.header("webhook-signature")).isEqualTo(signature(secret, binary));

        String fresh = JsonApi.post("/api/v1/webhooks/" + id + "/secret-rotations")
                .statusCode(200)
                .extract()
                .path("secret");
        String ping = JsonApi.post("/api/v1/webhooks/" + id + "/pings")
                .statusCode(202)
                .extract()
                .path("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> withWebhookId(ping) != null);
        Receiver.Received pinged = withWebhookId(ping);
        assertThat(pinged.header("ce-type")).isEqualTo("org.citybridge.webhook.ping.v1");
        assertThat(pinged.header("webhook-signature").split(" "))
                .containsExactly(sign(fresh, pinged), sign(secret, pinged));
    }

    @Test
    void shouldPauseOnGoneAndResumeWithAReplayInOrder() {
        receiver.answer(() -> 410);
        String id = subscribe(Map.of("url", receiver.url(), "eventTypes", List.of(CITY_RETIRED)))
                .getString("id");
        Instant from = Instant.now().minusSeconds(1);
        UUID city = UUID.randomUUID();
        String before = events.publish(new CityRetired(city, Instant.now()));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> JsonApi.get("/api/v1/webhooks/" + id)
                        .statusCode(200)
                        .body("status", org.hamcrest.Matchers.equalTo("PAUSED"))
                        .body("pausedReason", org.hamcrest.Matchers.containsString("410")));
        String whilePaused = events.publish(new CityRetired(city, Instant.now()));

        // a ping reaches a paused subscription's address (to see that it answers again before a replay)
        receiver.answer(() -> 204);
        String ping = JsonApi.post("/api/v1/webhooks/" + id + "/pings")
                .statusCode(202)
                .extract()
                .path("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> withWebhookId(ping) != null);
        JsonApi.get("/api/v1/webhooks/" + id).statusCode(200).body("status", org.hamcrest.Matchers.equalTo("PAUSED"));

        await("the event kept while paused").atMost(Duration.ofSeconds(30)).until(() -> stored(whilePaused));
        assertThat(replay(id, from)).isGreaterThanOrEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> ofSubjects(city).size() >= 2);
        assertThat(ceIdsInArrival(ofSubjects(city))).containsExactly(before, whilePaused);
        JsonApi.get("/api/v1/webhooks/" + id).statusCode(200).body("status", org.hamcrest.Matchers.equalTo("ACTIVE"));
    }

    @Test
    void shouldPauseASubscriptionWhoseDeliveryFailsForTheWholeRetryWindow() {
        receiver.answer(() -> 503);
        String id = subscribe(Map.of("url", receiver.url(), "eventTypes", List.of(CITY_RETIRED)))
                .getString("id");
        events.publish(new CityRetired(UUID.randomUUID(), Instant.now()));

        // the test profile retries for 10 s (production: 24 h)
        await().atMost(Duration.ofSeconds(40))
                .untilAsserted(() -> JsonApi.get("/api/v1/webhooks/" + id)
                        .statusCode(200)
                        .body("status", org.hamcrest.Matchers.equalTo("PAUSED"))
                        .body("pausedReason", org.hamcrest.Matchers.containsString("status 503")));
        JsonPath failed = JsonApi.get("/api/v1/webhooks/" + id + "/deliveries", Map.of("status", "FAILED"))
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(failed.getInt("items[0].attempts")).isGreaterThan(3);
        assertThat(failed.getInt("items[0].lastStatus")).isEqualTo(503);
    }

    /** Whether the service keeps the event (read from Awaitility's thread, so in a transaction of its own). */
    private static boolean stored(String eventId) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> org.citybridge.webhooks.domain.StoredEvent.findById(eventId) != null);
    }

    private int replay(String id, Instant from) {
        return JsonApi.post("/api/v1/webhooks/" + id + "/replays", Map.of("from", from.toString()))
                .statusCode(202)
                .extract()
                .path("queued");
    }

    private JsonPath subscribe(Map<String, Object> body) {
        return JsonApi.post("/api/v1/webhooks", body).statusCode(201).extract().jsonPath();
    }

    /** What arrived about these aggregates (structured: the subject in the body; binary: ce-subject). */
    private List<Receiver.Received> ofSubjects(UUID... subjects) {
        List<String> wanted =
                java.util.Arrays.stream(subjects).map(UUID::toString).toList();
        return receiver.received().stream()
                .filter(r -> wanted.contains(subject(r)))
                .toList();
    }

    private Receiver.Received withWebhookId(String id) {
        return receiver.received().stream()
                .filter(r -> id.equals(r.header("webhook-id")))
                .findFirst()
                .orElse(null);
    }

    private List<String> ceIds(List<Receiver.Received> arrived, UUID subject) {
        return ceIdsInArrival(arrived.stream()
                .filter(r -> subject.toString().equals(subject(r)))
                .toList());
    }

    private List<String> ceIdsInArrival(List<Receiver.Received> arrived) {
        return arrived.stream().map(this::ceId).toList();
    }

    private String subject(Receiver.Received request) {
        return request.header("ce-subject") != null
                ? request.header("ce-subject")
                : json(request).path("subject").asText();
    }

    private String ceId(Receiver.Received request) {
        return request.header("ce-id") != null
                ? request.header("ce-id")
                : json(request).path("id").asText();
    }

    private JsonNode json(Receiver.Received request) {
        try {
            return mapper.readTree(request.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String signature(String secret, Receiver.Received request) {
        return sign(secret, request);
    }

    private static String sign(String secret, Receiver.Received request) {
        return Signatures.sign(
                secret,
                request.header("webhook-id"),
                Long.parseLong(request.header("webhook-timestamp")),
                request.body());
    }
}
