package org.citybridge.clusters;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
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
import org.citybridge.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
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
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("format", "STUDY_COURSE");
        body.put("startDate", start);
        body.put("endDate", end);
        body.put("clusterId", clusterId);
        body.put("facilitatorIds", facilitators);
        body.put("participantCityIds", cities);
        body.put("topics", topics);
        return body;
    }

    private static String etag(String id) {
        return given().when()
                .get("/api/v1/exchanges/" + id)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldPlanATwoDayCourseAndAnnounceItKeyedByExchangeId() {
        UUID cluster = support.cluster(CooperationArea.TOURISM);
        UUID facilitator = support.organisation();
        UUID mexican = support.registerCity(TestSupport.unique("Morelia"), "MX");
        UUID chinese = support.registerCity(TestSupport.unique("Luoyang"), "CN");
        String title = TestSupport.unique("Promoting Inclusive and Sustainable Tourism Development");
        String id = given().contentType(ContentType.JSON)
                .body(exchange(
                        title,
                        "2020-12-08",
                        "2020-12-09",
                        cluster,
                        List.of(facilitator),
                        List.of(mexican, chinese),
                        List.of("tourism", "heritage-protection")))
                .when()
                .post("/api/v1/exchanges")
                .then()
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

        List<ConsumerRecord<String, String>> records =
                support.clusterEvents(UUID.fromString(id), EventType.EXCHANGE_SCHEDULED, 1);
        assertThat(records).hasSize(1);
        CloudEventHeaders headers = CloudEventHeaders.fromHeaders(TestEvents.headers(records.get(0)));
        assertThat(records.get(0).key()).isEqualTo(id);
        assertThat(headers.type()).isEqualTo("org.citybridge.exchange.scheduled.v1");
        assertThat(headers.source()).isEqualTo("/citybridge/clusters-service");
        assertThat(TestEvents.header(records.get(0), "content-type")).isEqualTo("application/json");
        ExchangeScheduled scheduled = support.events().payload(records.get(0), ExchangeScheduled.class);
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
        String id = given().contentType(ContentType.JSON)
                .body(exchange(
                        TestSupport.unique("Video conference"),
                        "2022-02-22",
                        "2022-02-22",
                        null,
                        List.of(),
                        List.of(mexicoCity, luoyang),
                        List.of("renewable-energy", "trade")))
                .when()
                .post("/api/v1/exchanges")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().contentType(ContentType.JSON)
                .header("If-Match", etag(id))
                .body(Map.of("outcomeNotes", "Strong interest in trade, technology, education and tourism"))
                .when()
                .post("/api/v1/exchanges/" + id + "/hold")
                .then()
                .statusCode(200)
                .header("ETag", notNullValue())
                .body("status", equalTo("HELD"))
                .body("heldAt", notNullValue())
                .body("outcomeNotes", containsString("Strong interest"));

        List<ConsumerRecord<String, String>> records =
                support.clusterEvents(UUID.fromString(id), EventType.EXCHANGE_HELD, 1);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo(id);
        ExchangeHeld held = support.events().payload(records.get(0), ExchangeHeld.class);
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
        given().contentType(ContentType.JSON)
                .header("If-Match", etag(held))
                .body(Map.of())
                .when()
                .post("/api/v1/exchanges/" + held + "/hold")
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .header("If-Match", etag(held))
                .body(Map.of())
                .when()
                .post("/api/v1/exchanges/" + held + "/hold")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("HELD"));
        given().contentType(ContentType.JSON)
                .header("If-Match", etag(held))
                .body(Map.of("reason", "too late"))
                .when()
                .post("/api/v1/exchanges/" + held + "/cancel")
                .then()
                .statusCode(409);
        given().contentType(ContentType.JSON)
                .header("If-Match", etag(held))
                .body(exchange("changed", "2024-01-01", "2024-01-01", null, List.of(), List.of(city), List.of()))
                .when()
                .put("/api/v1/exchanges/" + held)
                .then()
                .statusCode(409);
        given().when().get("/api/v1/exchanges/" + held).then().body("status", equalTo("HELD"));

        String cancelled = support.plannedExchange(city).id.toString();
        given().contentType(ContentType.JSON)
                .header("If-Match", etag(cancelled))
                .body(Map.of("reason", "Venue closed"))
                .when()
                .post("/api/v1/exchanges/" + cancelled + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("cancellationReason", equalTo("Venue closed"));
        given().contentType(ContentType.JSON)
                .header("If-Match", etag(cancelled))
                .body(Map.of())
                .when()
                .post("/api/v1/exchanges/" + cancelled + "/hold")
                .then()
                .statusCode(409);
        given().contentType(ContentType.JSON)
                .header("If-Match", etag(cancelled))
                .body(Map.of("reason", "again"))
                .when()
                .post("/api/v1/exchanges/" + cancelled + "/cancel")
                .then()
                .statusCode(409);
        given().when().get("/api/v1/exchanges/" + cancelled).then().body("status", equalTo("CANCELLED"));

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
        given().contentType(ContentType.JSON)
                .body(Map.of())
                .when()
                .post("/api/v1/exchanges/" + id + "/hold")
                .then()
                .statusCode(428)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"42\"")
                .body(Map.of("reason", "x"))
                .when()
                .post("/api/v1/exchanges/" + id + "/cancel")
                .then()
                .statusCode(412);
        given().when().get("/api/v1/exchanges/" + id).then().body("status", equalTo("PLANNED"));

        String before = etag(id);
        String title = TestSupport.unique("Replanned");
        given().contentType(ContentType.JSON)
                .header("If-Match", before)
                .body(exchange(title, "2024-03-01", "2024-03-02", null, List.of(), List.of(city), List.of("culture")))
                .when()
                .put("/api/v1/exchanges/" + id)
                .then()
                .statusCode(200)
                .body("title", equalTo(title))
                .body("topics", contains("culture"));
        assertThat(etag(id)).isNotEqualTo(before);
        given().contentType(ContentType.JSON)
                .header("If-Match", before)
                .body(Map.of())
                .when()
                .post("/api/v1/exchanges/" + id + "/hold")
                .then()
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
        given().contentType(ContentType.JSON)
                .body(empty)
                .when()
                .post("/api/v1/exchanges")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("title", "format", "startDate", "endDate"));

        given().contentType(ContentType.JSON)
                .body(exchange(title, "2024-02-02", "2024-02-01", null, List.of(), List.of(), List.of()))
                .when()
                .post("/api/v1/exchanges")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("endDate"));
        Map<String, Object> badFormat =
                exchange(title, "2024-02-02", "2024-02-02", null, List.of(), List.of(), List.of());
        badFormat.put("format", "CARRIER_PIGEON");
        given().contentType(ContentType.JSON)
                .body(badFormat)
                .when()
                .post("/api/v1/exchanges")
                .then()
                .statusCode(400)
                .body("detail", containsString("CARRIER_PIGEON"));
        given().contentType(ContentType.JSON)
                .body(exchange(title, "2024-13-45", "2024-02-02", null, List.of(), List.of(), List.of()))
                .when()
                .post("/api/v1/exchanges")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("startDate"));
        given().contentType(ContentType.JSON)
                .body(exchange(title, "2024-02-02", "2024-02-02", null, List.of(), List.of(), List.of("astrology")))
                .when()
                .post("/api/v1/exchanges")
                .then()
                .statusCode(400)
                .body("detail", containsString("astrology"));
        assertThat(support.exchangesTitled(title)).isZero();
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldRejectUnknownOrRetiredCitiesAndUnknownReferencesWith422() {
        String title = TestSupport.unique("References");
        UUID stranger = UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .body(exchange(title, "2024-02-02", "2024-02-02", null, List.of(), List.of(stranger), List.of()))
                .when()
                .post("/api/v1/exchanges")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("Unknown city " + stranger));
        UUID retired = support.registerCity();
        support.retireCity(retired);
        given().contentType(ContentType.JSON)
                .body(exchange(title, "2024-02-02", "2024-02-02", null, List.of(), List.of(retired), List.of()))
                .when()
                .post("/api/v1/exchanges")
                .then()
                .statusCode(422)
                .body("detail", containsString("retired"));
        given().contentType(ContentType.JSON)
                .body(exchange(title, "2024-02-02", "2024-02-02", UUID.randomUUID(), List.of(), List.of(), List.of()))
                .when()
                .post("/api/v1/exchanges")
                .then()
                .statusCode(422)
                .body("detail", containsString("Unknown cluster"));
        given().contentType(ContentType.JSON)
                .body(exchange(
                        title, "2024-02-02", "2024-02-02", null, List.of(UUID.randomUUID()), List.of(), List.of()))
                .when()
                .post("/api/v1/exchanges")
                .then()
                .statusCode(422)
                .body("detail", containsString("Unknown organisation"));
        assertThat(support.exchangesTitled(title)).isZero();
    }

    @Test
    @TestSecurity(user = "officer", roles = Roles.CITY_OFFICER)
    void shouldForbidExchangeWritesToCityOfficers() {
        String title = TestSupport.unique("Officer");
        given().contentType(ContentType.JSON)
                .body(exchange(title, "2024-02-02", "2024-02-02", null, List.of(), List.of(), List.of()))
                .when()
                .post("/api/v1/exchanges")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        assertThat(support.exchangesTitled(title)).isZero();
        Exchange planned = support.plannedExchange(support.registerCity());
        given().contentType(ContentType.JSON)
                .header("If-Match", "*")
                .body(Map.of())
                .when()
                .post("/api/v1/exchanges/" + planned.id + "/hold")
                .then()
                .statusCode(403);
        given().when().get("/api/v1/exchanges/" + planned.id).then().body("status", equalTo("PLANNED"));
    }

    @Test
    void shouldRequireATokenForExchangeWritesButNotForReads() {
        String title = TestSupport.unique("Anonymous");
        given().contentType(ContentType.JSON)
                .body(exchange(title, "2024-02-02", "2024-02-02", null, List.of(), List.of(), List.of()))
                .when()
                .post("/api/v1/exchanges")
                .then()
                .statusCode(401);
        Exchange planned = support.plannedExchange(support.registerCity());
        given().contentType(ContentType.JSON)
                .header("If-Match", "*")
                .body(Map.of("reason", "x"))
                .when()
                .post("/api/v1/exchanges/" + planned.id + "/cancel")
                .then()
                .statusCode(401);
        given().when()
                .get("/api/v1/exchanges/" + planned.id)
                .then()
                .statusCode(200)
                .header("ETag", equalTo("\"0\""));
        given().when().get("/api/v1/exchanges/" + UUID.randomUUID()).then().statusCode(404);
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

        given().queryParam("clusterId", cluster)
                .when()
                .get("/api/v1/exchanges")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(2))
                .body("items.id", contains(february.id.toString(), december.id.toString())); // newest first
        given().queryParam("clusterId", cluster)
                .queryParam("sort", "startDate")
                .when()
                .get("/api/v1/exchanges")
                .then()
                .body("items.id", contains(december.id.toString(), february.id.toString()));
        given().queryParam("cityId", other)
                .when()
                .get("/api/v1/exchanges")
                .then()
                .body("items.id", containsInAnyOrder(december.id.toString(), elsewhere.id.toString()));
        given().queryParam("clusterId", cluster)
                .queryParam("from", "2020-12-01")
                .queryParam("to", "2020-12-31")
                .when()
                .get("/api/v1/exchanges")
                .then()
                .body("items.id", contains(december.id.toString()));
        given().queryParam("cityId", city)
                .queryParam("status", "HELD")
                .when()
                .get("/api/v1/exchanges")
                .then()
                .body("items.id", contains(february.id.toString()));
        given().queryParam("cityId", city)
                .queryParam("size", 1)
                .when()
                .get("/api/v1/exchanges")
                .then()
                .body("totalItems", equalTo(2))
                .body("totalPages", equalTo(2))
                .body("items.size()", equalTo(1));

        given().queryParam("from", "2022-01-01")
                .queryParam("to", "2021-01-01")
                .when()
                .get("/api/v1/exchanges")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("to"));
        given().queryParam("from", "yesterday")
                .when()
                .get("/api/v1/exchanges")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("from"));
        given().queryParam("status", "POSTPONED")
                .when()
                .get("/api/v1/exchanges")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("status"));
        given().queryParam("sort", "secret")
                .when()
                .get("/api/v1/exchanges")
                .then()
                .statusCode(400);
        given().queryParam("q", "a\u0000b")
                .when()
                .get("/api/v1/exchanges")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("q"));
        given().queryParam("q", "x".repeat(201))
                .when()
                .get("/api/v1/exchanges")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("q"));
        given().queryParam("page", "first")
                .when()
                .get("/api/v1/exchanges")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("page"));
        given().queryParam("clusterId", "tourism")
                .when()
                .get("/api/v1/exchanges")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("clusterId"));
    }

    @Test
    void shouldShowACitysExchangeHistoryNewestFirst() {
        UUID city = support.registerCity();
        Exchange older = support.plannedExchange(null, LocalDate.of(2020, 12, 8), city);
        Exchange newer = support.plannedExchange(null, LocalDate.of(2022, 2, 22), city);
        support.plannedExchange(null, LocalDate.of(2022, 2, 22), support.registerCity());
        given().when()
                .get("/api/v1/cities/" + city + "/exchanges")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(2))
                .body("items.id", contains(newer.id.toString(), older.id.toString()));
        given().queryParam("to", "2021-01-01")
                .when()
                .get("/api/v1/cities/" + city + "/exchanges")
                .then()
                .body("items.id", contains(older.id.toString()));
        given().when()
                .get("/api/v1/cities/" + UUID.randomUUID() + "/exchanges")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(0));
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldReplayAnExchangeCreateWithTheSameIdempotencyKey() {
        UUID city = support.registerCity();
        String title = TestSupport.unique("Idempotent");
        String key = UUID.randomUUID().toString();
        Map<String, Object> body =
                exchange(title, "2024-02-02", "2024-02-02", null, List.of(), List.of(city), List.of("trade"));
        String first = given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body)
                .when()
                .post("/api/v1/exchanges")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String location = given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body)
                .when()
                .post("/api/v1/exchanges")
                .then()
                .statusCode(201)
                .header("ETag", equalTo("\"0\""))
                .body("id", equalTo(first))
                .extract()
                .header("Location");
        assertThat(location).endsWith("/api/v1/exchanges/" + first);
        assertThat(support.exchangesTitled(title)).isEqualTo(1);
        assertThat(support.outboxCount(UUID.fromString(first))).isEqualTo(1);
        body.put("title", title + " changed");
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body)
                .when()
                .post("/api/v1/exchanges")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
        assertThat(support.exchangesTitled(title + " changed")).isZero();
    }
}
