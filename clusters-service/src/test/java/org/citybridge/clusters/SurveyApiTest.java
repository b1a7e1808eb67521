package org.citybridge.clusters;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import org.citybridge.clusters.domain.Exchange;
import org.citybridge.clusters.domain.SurveyResponse;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.StatedInterest;
import org.citybridge.contracts.events.SurveyResponseRecorded;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.kit.security.Roles;
import org.citybridge.testing.JsonApi;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class SurveyApiTest {

    @Inject
    TestSupport support;

    static Map<String, Object> luoyangInterest() {
        return Map.of(
                "area",
                "tourism",
                "stance",
                "MUTUAL",
                "intent",
                "SISTER_CITY",
                "preferences",
                Map.of("regions", List.of("Latin America and the Caribbean"), "countries", List.of("MX")));
    }

    static Map<String, Object> answer(UUID city, int rating) {
        Map<String, Object> body = new HashMap<>();
        body.put("cityId", city);
        body.put(
                "interests",
                List.of(
                        luoyangInterest(),
                        Map.of("area", "trade", "stance", "SEEK", "intent", "THEMATIC_PARTNERSHIP")));
        body.put("wantsPartnership", true);
        body.put("rating", rating);
        body.put("comment", "Strong interest in cooperation");
        return body;
    }

    private static String responses(UUID exchange) {
        return "/api/v1/exchanges/" + exchange + "/survey-responses";
    }

    private static long stored(UUID exchange) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> SurveyResponse.count("exchangeId", exchange));
    }

    @Test
    @TestSecurity(user = "officer", roles = Roles.CITY_OFFICER)
    @OidcSecurity(claims = @Claim(key = "city_id", value = TestSupport.OFFICER_CITY))
    void shouldRecordTheOwnCitysAnswerOnceAndAnnounceTheStatedInterests() {
        UUID own = support.ensureCity(TestSupport.OFFICER_CITY, "Officer City");
        Exchange exchange = support.heldExchange(own, support.registerCity());
        String id = JsonApi.post(responses(exchange.id), answer(own, 5))
                .statusCode(201)
                .header("Location", containsString(responses(exchange.id) + "/"))
                .header("ETag", equalTo("\"0\""))
                .body("cityId", equalTo(own.toString()))
                .body("rating", equalTo(5))
                .body("interests[0].area", equalTo("tourism"))
                .body("interests[0].preferences.regions", contains("Latin America and the Caribbean"))
                .body("interests[1].preferences.countries.size()", equalTo(0))
                .extract()
                .path("id");

        JsonApi.post(responses(exchange.id), answer(own, 4)).statusCode(409).contentType("application/problem+json");
        assertThat(stored(exchange.id)).isEqualTo(1);

        var record = support.oneClusterEvent(exchange.id, EventType.SURVEY_RESPONSE_RECORDED);
        SurveyResponseRecorded recorded = support.events().payload(record, SurveyResponseRecorded.class);
        assertThat(recorded.responseId()).isEqualTo(UUID.fromString(id));
        assertThat(recorded.cityId()).isEqualTo(own);
        assertThat(recorded.wantsPartnership()).isTrue();
        assertThat(recorded.rating()).isEqualTo(5);
        assertThat(recorded.interests()).hasSize(2);
        StatedInterest first = recorded.interests().get(0);
        assertThat(first.area()).isEqualTo(CooperationArea.TOURISM);
        assertThat(first.stance()).isEqualTo(Stance.MUTUAL);
        assertThat(first.intent()).isEqualTo(Intent.SISTER_CITY);
        assertThat(first.preferences().regions()).containsExactly("Latin America and the Caribbean");
        assertThat(first.preferences().countries()).containsExactly("MX");
        assertThat(recorded.interests().get(1).preferences().isEmpty()).isTrue();

        // the officer reads their own answer
        JsonApi.get(responses(exchange.id) + "/" + id).statusCode(200).body("comment", containsString("Strong"));
    }

    @Test
    @TestSecurity(user = "officer", roles = Roles.CITY_OFFICER)
    @OidcSecurity(claims = @Claim(key = "city_id", value = TestSupport.OFFICER_CITY))
    void shouldForbidAnOfficerToAnswerForAnotherCity() {
        support.ensureCity(TestSupport.OFFICER_CITY, "Officer City");
        UUID other = support.registerCity();
        Exchange exchange = support.heldExchange(other);
        JsonApi.post(responses(exchange.id), answer(other, 5)).statusCode(403).contentType("application/problem+json");
        assertThat(stored(exchange.id)).isZero();
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldRejectAnswersOfNonParticipantsWith422() {
        UUID participant = support.registerCity();
        UUID outsider = support.registerCity();
        Exchange exchange = support.heldExchange(participant);
        JsonApi.postRefused(responses(exchange.id), answer(outsider, 5), 422, "did not take part");
        assertThat(stored(exchange.id)).isZero();
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldRejectAnswersBeforeTheExchangeWasHeldWith422() {
        UUID city = support.registerCity();
        Exchange planned = support.plannedExchange(city);
        JsonApi.postRefused(responses(planned.id), answer(city, 5), 422, "PLANNED");
        Exchange cancelled = support.cancelledExchange(city);
        JsonApi.postRefused(responses(cancelled.id), answer(city, 5), 422, "CANCELLED");
        assertThat(stored(planned.id) + stored(cancelled.id)).isZero();
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldRejectAnswersOfUnknownOrRetiredCitiesWith422() {
        UUID city = support.registerCity();
        Exchange exchange = support.heldExchange(city);
        support.retireCity(city);
        JsonApi.postRefused(responses(exchange.id), answer(city, 5), 422, "retired");
        UUID stranger = UUID.randomUUID();
        JsonApi.postRefused(responses(exchange.id), answer(stranger, 5), 422, "Unknown city");
        assertThat(stored(exchange.id)).isZero();
        JsonApi.post(responses(UUID.randomUUID()), answer(city, 5)).statusCode(404);
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldValidateRatingAndInterestsNamingTheFieldsAndStoreNothing() {
        UUID city = support.registerCity();
        Exchange exchange = support.heldExchange(city);
        for (int rating : new int[] {0, 6}) {
            JsonApi.post(responses(exchange.id), answer(city, rating))
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", hasItem("rating"));
        }
        Map<String, Object> incomplete = new HashMap<>();
        incomplete.put("interests", List.of(Map.of("area", "tourism")));
        JsonApi.post(responses(exchange.id), incomplete)
                .statusCode(400)
                .body("violations.field", hasItem("cityId"))
                .body("violations.field", hasItem("wantsPartnership"))
                .body("violations.field", hasItem("rating"))
                .body("violations.field", hasItem("interests[0].stance"))
                .body("violations.field", hasItem("interests[0].intent"));
        Map<String, Object> unknownArea = answer(city, 5);
        unknownArea.put("interests", List.of(Map.of("area", "astrology", "stance", "SEEK", "intent", "SISTER_CITY")));
        JsonApi.postRefused(responses(exchange.id), unknownArea, 400, "astrology");
        Map<String, Object> badCountry = answer(city, 5);
        badCountry.put(
                "interests",
                List.of(Map.of(
                        "area",
                        "trade",
                        "stance",
                        "SEEK",
                        "intent",
                        "SISTER_CITY",
                        "preferences",
                        Map.of("countries", List.of("Mexico")))));
        JsonApi.post(responses(exchange.id), badCountry)
                .statusCode(400)
                .body("violations.field", hasItem(containsString("preferences.countries")));
        assertThat(stored(exchange.id)).isZero();
        assertThat(support.outboxCount(exchange.id)).isEqualTo(2); // Scheduled + Held only
    }

    @Test
    void shouldRequireATokenToAnswerOrReadSurveys() {
        assertSurveysRefused(401);
    }

    @Test
    @TestSecurity(user = "system", roles = Roles.PARTNER_SYSTEM)
    void shouldForbidSurveyAnswersAndReadsToPartnerSystems() {
        assertSurveysRefused(403);
    }

    /** The caller may neither answer a held exchange's survey nor read its answers: {@code status}, nothing stored. */
    private void assertSurveysRefused(int status) {
        UUID city = support.registerCity();
        Exchange exchange = support.heldExchange(city);
        JsonApi.post(responses(exchange.id), answer(city, 5)).statusCode(status);
        JsonApi.get(responses(exchange.id)).statusCode(status);
        assertThat(stored(exchange.id)).isZero();
    }

    @Test
    @TestSecurity(user = "officer", roles = Roles.CITY_OFFICER)
    @OidcSecurity(claims = @Claim(key = "city_id", value = TestSupport.OTHER_CITY))
    void shouldShowAnOfficerOnlyTheirOwnCitysResponses() {
        UUID own = support.ensureCity(TestSupport.OTHER_CITY, "Other City");
        UUID neighbour = support.registerCity();
        Exchange exchange = support.heldExchange(own, neighbour);
        UUID neighbourResponse = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> {
                    SurveyResponse r = new SurveyResponse();
                    r.id = UUID.randomUUID();
                    r.exchangeId = exchange.id;
                    r.cityId = neighbour;
                    r.wantsPartnership = false;
                    r.rating = 3;
                    r.recordedAt = TestSupport.now();
                    r.persist();
                    return r.id;
                });
        JsonApi.post(responses(exchange.id), answer(own, 4)).statusCode(201);

        JsonApi.get(responses(exchange.id))
                .statusCode(200)
                .body("totalItems", equalTo(1))
                .body("items.cityId", everyItem(equalTo(own.toString())));
        JsonApi.get(responses(exchange.id), Map.of("cityId", neighbour)).statusCode(403);
        JsonApi.get(responses(exchange.id) + "/" + neighbourResponse)
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldShowAdminsEveryResponseFilteredAndPaged() {
        UUID a = support.registerCity();
        UUID b = support.registerCity();
        UUID c = support.registerCity();
        Exchange exchange = support.heldExchange(a, b, c);
        for (UUID city : List.of(a, b, c)) {
            JsonApi.post(responses(exchange.id), answer(city, 5)).statusCode(201);
        }
        JsonApi.get(responses(exchange.id), Map.of("size", 2))
                .statusCode(200)
                .body("totalItems", equalTo(3))
                .body("items.size()", equalTo(2))
                .body("totalPages", equalTo(2));
        JsonApi.get(responses(exchange.id), Map.of("cityId", b))
                .body("totalItems", equalTo(1))
                .body("items[0].cityId", equalTo(b.toString()));
        JsonApi.get(responses(exchange.id) + "/" + UUID.randomUUID()).statusCode(404);
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldReplayASurveyAnswerWithTheSameIdempotencyKey() {
        UUID city = support.registerCity();
        Exchange exchange = support.heldExchange(city);
        String key = UUID.randomUUID().toString();
        String first = JsonApi.createdId(JsonApi.postIdempotent(responses(exchange.id), key, answer(city, 5)));
        String second = JsonApi.createdId(JsonApi.postIdempotent(responses(exchange.id), key, answer(city, 5)));
        assertThat(second).isEqualTo(first);
        assertThat(stored(exchange.id)).isEqualTo(1);
        assertThat(support.outboxCount(exchange.id)).isEqualTo(3);
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldAcceptExactlyOneOfConcurrentFirstAnswersAndRefuseTheOthersWithConflict() throws Exception {
        UUID city = support.registerCity();
        Exchange exchange = support.heldExchange(city);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                statuses.add(pool.submit(() -> JsonApi.post(responses(exchange.id), answer(city, 5))
                        .extract()
                        .statusCode()));
            }
            List<Integer> codes = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Integer> status : statuses) {
                codes.add(status.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(codes).containsOnly(201, 409);
            assertThat(codes).filteredOn(c -> c == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(stored(exchange.id)).isEqualTo(1);
        assertThat(support.outboxCount(exchange.id)).isEqualTo(3);
    }
}
