package org.citybridge.matchmaking;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.citybridge.contracts.events.CityProfile;
import org.citybridge.contracts.events.CityRegistered;
import org.citybridge.contracts.events.ClusterLaunched;
import org.citybridge.contracts.events.EventPayload;
import org.citybridge.contracts.events.ExchangeHeld;
import org.citybridge.contracts.events.HeritageAsset;
import org.citybridge.contracts.events.InterestExpressed;
import org.citybridge.contracts.events.MemberJoined;
import org.citybridge.contracts.events.PartnerPreferences;
import org.citybridge.contracts.events.SurveyResponseRecorded;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ExchangeFormat;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.MemberKind;
import org.citybridge.contracts.vocabulary.MemberRole;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.testing.JsonApi;
import org.citybridge.testing.TestEvents;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Builders of the events other services publish, and small API helpers, for this module's tests. */
final class Scenario {

    static final String LATAM = "Latin America and the Caribbean";
    static final String WHS = "UNESCO World Heritage site";

    private Scenario() {}

    static CityProfile simpleCity(UUID id, String name, String country) {
        String subRegion = switch (country) {
            case "MX", "BR", "PE" -> LATAM;
            case "CN" -> "Eastern Asia";
            default -> "Elsewhere";
        };
        String region = subRegion.equals(LATAM) ? "Americas" : "Asia";
        return Fixtures.profile(id, name, country, region, subRegion, 500_000, List.of(), List.of(), List.of(), 1);
    }

    static CityRegistered registered(CityProfile city) {
        return new CityRegistered(city, Instant.now());
    }

    static InterestExpressed interest(
            UUID city, CooperationArea area, Stance stance, Intent intent, List<String> regions) {
        return new InterestExpressed(
                city,
                UUID.randomUUID(),
                area,
                stance,
                intent,
                new PartnerPreferences(regions, List.of()),
                null,
                "profile",
                Instant.now());
    }

    static InterestExpressed interest(
            UUID city,
            CooperationArea area,
            Stance stance,
            Intent intent,
            List<String> regions,
            List<String> countries) {
        return new InterestExpressed(
                city,
                UUID.randomUUID(),
                area,
                stance,
                intent,
                new PartnerPreferences(regions, countries),
                null,
                "profile",
                Instant.now());
    }

    static InterestExpressed interest(UUID city, CooperationArea area, Stance stance, Intent intent) {
        return interest(city, area, stance, intent, List.of());
    }

    static HeritageAsset heritage(String name, int year) {
        return new HeritageAsset(name, WHS, year, List.of());
    }

    static ClusterLaunched cluster(UUID id, String name, CooperationArea... areas) {
        return new ClusterLaunched(id, name.toLowerCase().replace(' ', '-'), name, List.of(areas), Instant.now());
    }

    static MemberJoined joined(UUID cluster, UUID city) {
        return new MemberJoined(
                cluster, UUID.randomUUID(), MemberKind.CITY, city, null, MemberRole.MEMBER, Instant.now());
    }

    static ExchangeHeld held(
            UUID exchange,
            UUID cluster,
            String title,
            ExchangeFormat format,
            LocalDate date,
            List<UUID> cities,
            CooperationArea... topics) {
        return new ExchangeHeld(
                exchange, cluster, title, format, date, date, cities, List.of(topics), null, Instant.now());
    }

    static SurveyResponseRecorded survey(UUID exchange, UUID city, boolean wantsPartnership) {
        return new SurveyResponseRecorded(
                UUID.randomUUID(), exchange, city, List.of(), wantsPartnership, 5, Instant.now());
    }

    static void publishAll(TestEvents events, List<? extends EventPayload> payloads) {
        payloads.forEach(events::publish);
    }

    /** A proposal as the API shows it. */
    static ValidatableResponse proposal(Object id) {
        return RestAssured.given().get("/api/v1/proposals/{id}", id).then();
    }

    /** Accepts a proposal for one side of the pair (an admin names the side, an officer may name its own). */
    static ValidatableResponse accept(Object id, Object cityId) {
        return answer("accept", id, cityId);
    }

    /** Declines a proposal for one side of the pair. */
    static ValidatableResponse decline(Object id, Object cityId) {
        return answer("decline", id, cityId);
    }

    /** Accepts a proposal without naming a side: an officer answers for its own city. */
    static ValidatableResponse accept(Object id) {
        return RestAssured.given().post("/api/v1/proposals/{id}/accept", id).then();
    }

    /** Declines a proposal without naming a side. */
    static ValidatableResponse decline(Object id) {
        return RestAssured.given().post("/api/v1/proposals/{id}/decline", id).then();
    }

    private static ValidatableResponse answer(String answer, Object id, Object cityId) {
        return RestAssured.given()
                .queryParam("cityId", cityId)
                .post("/api/v1/proposals/{id}/" + answer, id)
                .then();
    }

    /** The body of a partnership formed outside the platform ({@code POST /api/v1/partnerships}). */
    static Map<String, Object> partnership(UUID cityA, UUID cityB, String kind, String formedOn, String source) {
        return Map.of(
                "cityA",
                cityA.toString(),
                "cityB",
                cityB.toString(),
                "kind",
                kind,
                "formedOn",
                formedOn,
                "source",
                source);
    }

    /** Records a partnership formed outside the platform. */
    static ValidatableResponse recordPartnership(Map<String, Object> partnership) {
        return RestAssured.given()
                .contentType("application/json")
                .body(partnership)
                .post("/api/v1/partnerships")
                .then();
    }

    /** The partnerships of a city. */
    static ValidatableResponse partnerships(Object cityId) {
        return RestAssured.given()
                .queryParam("cityId", cityId)
                .get("/api/v1/partnerships")
                .then();
    }

    /** Open proposals of a city, as the API ranks them. */
    static JsonPath cityProposals(UUID city) {
        return RestAssured.given()
                .get("/api/v1/cities/{id}/proposals", city)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static Map<String, Object> awaitJob(String location) {
        return JsonApi.awaitJob(location);
    }

    static JsonPath awaitJobEnd(String location) {
        return JsonApi.awaitJobEnd(location);
    }

    /** Waits until the two cities have an open proposal and returns it. */
    static Map<String, Object> awaitOpenProposal(UUID cityA, UUID cityB) {
        Map<String, Object>[] found = new Map[1];
        await().atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> {
                    var response = RestAssured.given().get("/api/v1/cities/{id}/proposals", cityA);
                    if (response.statusCode() != 200) {
                        return false;
                    }
                    List<Map<String, Object>> list = response.jsonPath().getList("$");
                    for (Map<String, Object> entry : list) {
                        if (cityB.toString().equals(entry.get("partnerCityId"))) {
                            @SuppressWarnings("unchecked")
                            Map<String, Object> proposal = (Map<String, Object>) entry.get("proposal");
                            found[0] = proposal;
                            return true;
                        }
                    }
                    return false;
                });
        return found[0];
    }
}
