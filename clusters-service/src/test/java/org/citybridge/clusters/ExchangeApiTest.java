package org.citybridge.clusters;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.citybridge.clusters.domain.Exchange;
import org.citybridge.contracts.events.CloudEventHeaders;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.ExchangeCancelled;
import org.citybridge.contracts.events.ExchangeHeld;
import org.citybridge.contracts.events.ExchangeScheduled;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ExchangeFormat;
import org.citybridge.kit.security.Roles;
import org.citybridge.testing.JsonApi;
import org.citybridge.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class ExchangeApiTest {

    @Inject
    TestSupport support;

    private static Map<String, Object> exchange(
            String title,
            String start,
            String end,
            Object clusterId,
            List<UUID> facilitators,
            List<UUID> cities,
            List<String> topics) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "title", title,
                "format", "STUDY_COURSE",
                "startDate", start,
                "endDate", end,
                "facilitatorIds", facilitators,
                "participantCityIds", cities,
                "topics", topics));
        body.put("clusterId", clusterId); // null for an exchange outside any cluster, which Map.of refuses
        return body;
    }

    /** A one-day exchange on 2 February 2024. */
    private static Map<String, Object> oneDay(
            String title, Object clusterId, List<UUID> facilitators, List<UUID> cities, List<String> topics) {
        return exchange(title, "2024-02-02", "2024-02-02", clusterId, facilitators, cities, topics);
    }

    private static ValidatableResponse postExchange(Map<String, Object> body) {
        return JsonApi.post("/api/v1/exchanges", body);
    }

    private static void refuseExchange(Map<String, Object> body, int status, String detail) {
        JsonApi.postRefused("/api/v1/exchanges", body, status, detail);
    }

    private static String etag(String id) {
        return JsonApi.get("/api/v1/exchanges/" + id).statusCode(200).extract().header("ETag");
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldPlanATwoDayCourseAndAnnounceItKeyedByExchangeId() {
        UUID cluster = support.cluster(CooperationArea.TOURISM);
        UUID facilitator = support.organisation();
        UUID mexican = support.registerCity(TestSupport.unique("Morelia"), "MX");
        UUID chinese = support.registerCity(TestSupport.unique("Luoyang"), "CN");
        String title = TestSupport.unique("Promoting Inclusive and Sustainable Tourism Development");
        String id = postExchange(exchange(
                        title,
                        "2020-12-08",
                        "2020-12-09",
                        cluster,
                        List.of(facilitator),
                        List.of(mexican, chinese),
                        List.of("tourism", "heritage-protection")))
                .statusCode(201)
                .header("Location", containsString("/api/v1/exchanges/"))
                .header("ETag", equalTo("\"0\""))
                .body("status", equalTo("PLANNED"))
                .body("startDate", equalTo("2020-12-08"))
                .body("endDate", equalTo("2020-12-09"))
                .body("format", equalTo("STUDY_COURSE"))
                .body("participantCityIds", containsInAnyOrder(mexican.toString(), chinese.toString()))
                .body("topics", containsInAnyOrder("tourism", "heritage-protection"))
                .extract()
                .path("id");

        var record = support.oneClusterEvent(UUID.fromString(id), EventType.EXCHANGE_SCHEDULED);
        CloudEventHeaders headers = CloudEventHeaders.fromHeaders(TestEvents.headers(record));
        assertThat(headers.type()).isEqualTo("org.citybridge.exchange.scheduled.v1");
        assertThat(headers.source()).isEqualTo("/citybridge/clusters-service");
        assertThat(TestEvents.header(record, "content-type")).isEqualTo("application/json");
        ExchangeScheduled scheduled = support.events().payload(record, ExchangeScheduled.class);
        assertThat(scheduled.clusterId()).isEqualTo(cluster);
        assertThat(scheduled.title()).isEqualTo(title);
        assertThat(scheduled.format()).isEqualTo(ExchangeFormat.STUDY_COURSE);
        assertThat(scheduled.startDate()).isEqualTo(LocalDate.of(2020, 12, 8));
        assertThat(scheduled.endDate()).isEqualTo(LocalDate.of(2020, 12, 9));
        assertThat(scheduled.facilitatorIds()).containsExactly(facilitator);
        assertThat(scheduled.participantCityIds()).containsExactlyInAnyOrder(mexican, chinese);
        assertThat(scheduled.topics())
                .containsExactlyInAnyOrder(CooperationArea.TOURISM, CooperationArea.HERITAGE_PROTECTION);
    }

    @Test
    @TestSecurity(user = "system", roles = Roles.PARTNER_SYSTEM)
    void shouldLetAPartnerSystemPlanHoldAndAnnounceParticipantsAndTopics() {
        UUID luoyang = support.registerCity(TestSupport.unique("Luoyang"), "CN");
        UUID mexicoCity = support.registerCity(TestSupport.unique("Mexico City"), "MX");
        String id = JsonApi.createdId(postExchange(exchange(
                TestSupport.unique("Video conference"),
                "2022-02-22",
                "2022-02-22",
                null,
                List.of(),
                List.of(mexicoCity, luoyang),
                List.of("renewable-energy", "trade"))));
        JsonApi.postIfMatch(
                        "/api/v1/exchanges/" + id + "/hold",
                        etag(id),
                        Map.of("outcomeNotes", "Strong interest in trade, technology, education and tourism"))
                .statusCode(200)
                .header("ETag", notNullValue())
                .body("status", equalTo("HELD"))
                .body("heldAt", notNullValue())
                .body("outcomeNotes", containsString("Strong interest"));

        ConsumerRecord<String, String> record = support.oneClusterEvent(UUID.fromString(id), EventType.EXCHANGE_HELD);
        ExchangeHeld held = support.events().payload(record, ExchangeHeld.class);
        assertThat(held.participantCityIds()).containsExactlyInAnyOrder(mexicoCity, luoyang);
        assertThat(held.topics()).containsExactlyInAnyOrder(CooperationArea.RENEWABLE_ENERGY, CooperationArea.TRADE);
        assertThat(held.outcomeNotes()).contains("Strong interest");
        assertThat(held.heldAt()).isNotNull();
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldAllowOnlyPlannedToHeldOrCancelled() {
        UUID city = support.registerCity();
        String held = support.plannedExchange(city).id.toString();
        JsonApi.postIfMatch("/api/v1/exchanges/" + held + "/hold", etag(held), Map.of())
                .statusCode(200);
        JsonApi.postIfMatch("/api/v1/exchanges/" + held + "/hold", etag(held), Map.of())
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("HELD"));
        JsonApi.postIfMatch("/api/v1/exchanges/" + held + "/cancel", etag(held), Map.of("reason", "too late"))
                .statusCode(409);
        JsonApi.put(
                        "/api/v1/exchanges/" + held,
                        etag(held),
                        exchange("changed", "2024-01-01", "2024-01-01", null, List.of(), List.of(city), List.of()))
                .statusCode(409);
        JsonApi.get("/api/v1/exchanges/" + held).body("status", equalTo("HELD"));

        String cancelled = support.plannedExchange(city).id.toString();
        JsonApi.postIfMatch(
                        "/api/v1/exchanges/" + cancelled + "/cancel", etag(cancelled), Map.of("reason", "Venue closed"))
                .statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("cancellationReason", equalTo("Venue closed"));
        JsonApi.postIfMatch("/api/v1/exchanges/" + cancelled + "/hold", etag(cancelled), Map.of())
                .statusCode(409);
        JsonApi.postIfMatch("/api/v1/exchanges/" + cancelled + "/cancel", etag(cancelled), Map.of("reason", "again"))
                .statusCode(409);
        JsonApi.get("/api/v1/exchanges/" + cancelled).body("status", equalTo("CANCELLED"));

        List<ConsumerRecord<String, String>> records =
                support.clusterEvents(UUID.fromString(cancelled), EventType.EXCHANGE_CANCELLED, 1);
        ExchangeCancelled event = support.events().payload(records.get(0), ExchangeCancelled.class);
        assertThat(event.reason()).isEqualTo("Venue closed");
        assertThat(records.get(0).key()).isEqualTo(cancelled);
        // one Scheduled and one Held only: the refused transitions announced nothing
        assertThat(support.outboxCount(UUID.fromString(held))).isEqualTo(2);
        assertThat(support.outboxCount(UUID.fromString(cancelled))).isEqualTo(2);
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldRequireACurrentETagForStatusChangesAndUpdates() {
        UUID city = support.registerCity();
        String id = support.plannedExchange(city).id.toString();
        JsonApi.post("/api/v1/exchanges/" + id + "/hold", Map.of())
                .statusCode(428)
                .contentType("application/problem+json");
        JsonApi.postIfMatch("/api/v1/exchanges/" + id + "/cancel", "\"42\"", Map.of("reason", "x"))
                .statusCode(412);
        JsonApi.get("/api/v1/exchanges/" + id).body("status", equalTo("PLANNED"));

        String before = etag(id);
        String title = TestSupport.unique("Replanned");
        JsonApi.put(
                        "/api/v1/exchanges/" + id,
                        before,
                        exchange(title, "2024-03-01", "2024-03-02", null, List.of(), List.of(city), List.of("culture")))
                .statusCode(200)
                .body("title", equalTo(title))
                .body("topics", contains("culture"));
        assertThat(etag(id)).isNotEqualTo(before);
        JsonApi.postIfMatch("/api/v1/exchanges/" + id + "/hold", before, Map.of())
                .statusCode(412);
        // the new plan is announced again
        assertThat(support.clusterEvents(UUID.fromString(id), EventType.EXCHANGE_SCHEDULED, 2))
                .hasSize(2);
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldRejectInvalidExchangesNamingTheFieldsAndStoreNothing() {
        String title = TestSupport.unique("Invalid");
        Map<String, Object> empty = new HashMap<>();
        empty.put("participantCityIds", List.of());
        postExchange(empty)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("title", "format", "startDate", "endDate"));

        postExchange(exchange(title, "2024-02-02", "2024-02-01", null, List.of(), List.of(), List.of()))
                .statusCode(400)
                .body("violations.field", hasItem("endDate"));
        Map<String, Object> badFormat = oneDay(title, null, List.of(), List.of(), List.of());
        badFormat.put("format", "CARRIER_PIGEON");
        refuseExchange(badFormat, 400, "CARRIER_PIGEON");
        postExchange(exchange(title, "2024-13-45", "2024-02-02", null, List.of(), List.of(), List.of()))
                .statusCode(400)
                .body("violations.field", hasItem("startDate"));
        refuseExchange(oneDay(title, null, List.of(), List.of(), List.of("astrology")), 400, "astrology");
        assertThat(support.exchangesTitled(title)).isZero();
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldRejectUnknownOrRetiredCitiesAndUnknownReferencesWith422() {
        String title = TestSupport.unique("References");
        UUID stranger = UUID.randomUUID();
        postExchange(oneDay(title, null, List.of(), List.of(stranger), List.of()))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("Unknown city " + stranger));
        UUID retired = support.registerCity();
        support.retireCity(retired);
        refuseExchange(oneDay(title, null, List.of(), List.of(retired), List.of()), 422, "retired");
        refuseExchange(oneDay(title, UUID.randomUUID(), List.of(), List.of(), List.of()), 422, "Unknown cluster");
        refuseExchange(
                oneDay(title, null, List.of(UUID.randomUUID()), List.of(), List.of()), 422, "Unknown organisation");
        assertThat(support.exchangesTitled(title)).isZero();
    }

    @Test
    @TestSecurity(user = "officer", roles = Roles.CITY_OFFICER)
    void shouldForbidExchangeWritesToCityOfficers() {
        String title = TestSupport.unique("Officer");
        postExchange(oneDay(title, null, List.of(), List.of(), List.of()))
                .statusCode(403)
                .contentType("application/problem+json");
        assertThat(support.exchangesTitled(title)).isZero();
        Exchange planned = support.plannedExchange(support.registerCity());
        JsonApi.postIfMatch("/api/v1/exchanges/" + planned.id + "/hold", "*", Map.of())
                .statusCode(403);
        JsonApi.get("/api/v1/exchanges/" + planned.id).body("status", equalTo("PLANNED"));
    }

    @Test
    void shouldRequireATokenForExchangeWritesButNotForReads() {
        String title = TestSupport.unique("Anonymous");
        postExchange(oneDay(title, null, List.of(), List.of(), List.of())).statusCode(401);
        Exchange planned = support.plannedExchange(support.registerCity());
        JsonApi.postIfMatch("/api/v1/exchanges/" + planned.id + "/cancel", "*", Map.of("reason", "x"))
                .statusCode(401);
        JsonApi.get("/api/v1/exchanges/" + planned.id).statusCode(200).header("ETag", equalTo("\"0\""));
        JsonApi.get("/api/v1/exchanges/" + UUID.randomUUID()).statusCode(404);
    }

    @Test
    void shouldFilterByClusterCityDateRangeAndStatus() {
        UUID cluster = support.cluster();
        UUID city = support.registerCity();
        UUID other = support.registerCity();
        Exchange december = support.plannedExchange(cluster, LocalDate.of(2020, 12, 8), city, other);
        Exchange february = support.plannedExchange(cluster, LocalDate.of(2022, 2, 22), city);
        Exchange elsewhere = support.plannedExchange(null, LocalDate.of(2022, 2, 22), other);
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .run(() -> org.citybridge.clusters.domain.Exchange.<Exchange>findById(february.id).status =
                        org.citybridge.clusters.domain.ExchangeStatus.HELD);

        JsonApi.get("/api/v1/exchanges", Map.of("clusterId", cluster))
                .statusCode(200)
                .body("totalItems", equalTo(2))
                .body("items.id", contains(february.id.toString(), december.id.toString())); // newest first
        JsonApi.get("/api/v1/exchanges", Map.of("clusterId", cluster, "sort", "startDate"))
                .body("items.id", contains(december.id.toString(), february.id.toString()));
        JsonApi.get("/api/v1/exchanges", Map.of("cityId", other))
                .body("items.id", containsInAnyOrder(december.id.toString(), elsewhere.id.toString()));
        JsonApi.get("/api/v1/exchanges", Map.of("clusterId", cluster, "from", "2020-12-01", "to", "2020-12-31"))
                .body("items.id", contains(december.id.toString()));
        JsonApi.get("/api/v1/exchanges", Map.of("cityId", city, "status", "HELD"))
                .body("items.id", contains(february.id.toString()));
        JsonApi.get("/api/v1/exchanges", Map.of("cityId", city, "size", 1))
                .body("totalItems", equalTo(2))
                .body("totalPages", equalTo(2))
                .body("items.size()", equalTo(1));

        JsonApi.getRefused("/api/v1/exchanges", Map.of("from", "2022-01-01", "to", "2021-01-01"), "to");
        JsonApi.getRefused("/api/v1/exchanges", Map.of("from", "yesterday"), "from");
        JsonApi.getRefused("/api/v1/exchanges", Map.of("status", "POSTPONED"), "status");
        JsonApi.get("/api/v1/exchanges", Map.of("sort", "secret")).statusCode(400);
        JsonApi.get("/api/v1/exchanges", Map.of("q", "a\u0000b"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("q"));
        JsonApi.getRefused("/api/v1/exchanges", Map.of("q", "x".repeat(201)), "q");
        JsonApi.get("/api/v1/exchanges", Map.of("page", "first"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("page"));
        JsonApi.getRefused("/api/v1/exchanges", Map.of("clusterId", "tourism"), "clusterId");
    }

    @Test
    void shouldShowACitysExchangeHistoryNewestFirst() {
        UUID city = support.registerCity();
        Exchange older = support.plannedExchange(null, LocalDate.of(2020, 12, 8), city);
        Exchange newer = support.plannedExchange(null, LocalDate.of(2022, 2, 22), city);
        support.plannedExchange(null, LocalDate.of(2022, 2, 22), support.registerCity());
        JsonApi.get("/api/v1/cities/" + city + "/exchanges")
                .statusCode(200)
                .body("totalItems", equalTo(2))
                .body("items.id", contains(newer.id.toString(), older.id.toString()));
        JsonApi.get("/api/v1/cities/" + city + "/exchanges", Map.of("to", "2021-01-01"))
                .body("items.id", contains(older.id.toString()));
        JsonApi.get("/api/v1/cities/" + UUID.randomUUID() + "/exchanges")
                .statusCode(200)
                .body("totalItems", equalTo(0));
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldReplayAnExchangeCreateWithTheSameIdempotencyKey() {
        UUID city = support.registerCity();
        String title = TestSupport.unique("Idempotent");
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = oneDay(title, null, List.of(), List.of(city), List.of("trade"));
        String first = JsonApi.createdId(JsonApi.postIdempotent("/api/v1/exchanges", key, body));
        String location = JsonApi.postIdempotent("/api/v1/exchanges", key, body)
                .statusCode(201)
                .header("ETag", equalTo("\"0\""))
                .body("id", equalTo(first))
                .extract()
                .header("Location");
        assertThat(location).endsWith("/api/v1/exchanges/" + first);
        assertThat(support.exchangesTitled(title)).isEqualTo(1);
        assertThat(support.outboxCount(UUID.fromString(first))).isEqualTo(1);
        body.put("title", title + " changed");
        JsonApi.postIdempotent("/api/v1/exchanges", key, body).statusCode(422).contentType("application/problem+json");
        assertThat(support.exchangesTitled(title + " changed")).isZero();
    }
}
