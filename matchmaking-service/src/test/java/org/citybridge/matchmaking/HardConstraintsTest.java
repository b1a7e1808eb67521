package org.citybridge.matchmaking;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.citybridge.contracts.events.CityRetired;
import org.citybridge.contracts.events.CityUpdated;
import org.citybridge.contracts.events.EventPayload;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.PairIds;
import org.citybridge.contracts.events.Topics;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.citybridge.matchmaking.Scenario.interest;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/** Hard constraints through the broker and the API: what is never proposed, whatever the score. */
@QuarkusTest
class HardConstraintsTest {

    @Inject
    EventFeed feed;

    private static EventPayload city(UUID id, String prefix, String country) {
        return Scenario.registered(Fixtures.place(id, Fixtures.name(prefix), country, 1_200_000));
    }

    /** Sister-city intents on both sides, complementary both ways: a pair as strong as it gets. */
    private static List<EventPayload> sisterCityWishes(UUID a, UUID b) {
        return List.of(
                interest(a, CooperationArea.TOURISM, Stance.MUTUAL, Intent.SISTER_CITY),
                interest(b, CooperationArea.TOURISM, Stance.MUTUAL, Intent.SISTER_CITY),
                interest(a, CooperationArea.TRADE, Stance.SEEK, Intent.SISTER_CITY),
                interest(b, CooperationArea.TRADE, Stance.OFFER, Intent.SISTER_CITY),
                interest(b, CooperationArea.CULTURE, Stance.SEEK, Intent.SISTER_CITY),
                interest(a, CooperationArea.CULTURE, Stance.OFFER, Intent.SISTER_CITY));
    }

    /**
     * Two cities that wish to be sister cities as strongly as can be, consumed: returns the id of their sister-city
     * proposal, open.
     */
    private Sisters sisterCities(String nameA, String countryA, String nameB, String countryB) {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        List<EventPayload> events = new ArrayList<>(List.of(city(a, nameA, countryA), city(b, nameB, countryB)));
        events.addAll(sisterCityWishes(a, b));
        feed.publishAndAwait(events);
        String sisterId = PairIds.of(a, b, ProposalKind.SISTER_CITY, null).toString();
        assertThat(Scenario.awaitOpenProposal(a, b).get("id")).isEqualTo(sisterId);
        return new Sisters(a, b, sisterId);
    }

    /** Two cities and their open sister-city proposal. */
    private record Sisters(UUID a, UUID b, String sisterId) {}

    /** A search of proposals; the answer must be 200. */
    private static JsonPath proposals(Map<String, ?> query) {
        return given().queryParams(query)
                .get("/api/v1/proposals")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /**
     * Twinning is international: two cities of one country are never sister cities, and are proposed at
     * all only once one of them asks for partners in its own country, then as a thematic partnership.
     */
    @Test
    void shouldProposeCitiesOfOneCountryOnlyAsThematicPartnersWhereAnInterestAsksForIt() {
        UUID a = UUID.randomUUID();
        UUID sameCountry = UUID.randomUUID();
        UUID abroad = UUID.randomUUID();
        List<EventPayload> events = new ArrayList<>(List.of(
                city(a, "Border A", "MX"), city(sameCountry, "Border B", "MX"), city(abroad, "Border C", "CN")));
        events.addAll(sisterCityWishes(a, sameCountry));
        // the foreign city states the same wishes as the domestic one (a's are already there)
        events.addAll(sisterCityWishes(a, abroad).stream()
                .filter(e -> ((org.citybridge.contracts.events.InterestExpressed) e)
                        .cityId()
                        .equals(abroad))
                .toList());
        feed.publishAndAwait(events.toArray(EventPayload[]::new));

        Map<String, Object> international = Scenario.awaitOpenProposal(a, abroad);
        assertThat(international.get("kind")).isEqualTo("SISTER_CITY");
        assertThat(international.get("id"))
                .isEqualTo(PairIds.of(a, abroad, ProposalKind.SISTER_CITY, null).toString());
        assertThat(Fixtures.openProposal(a, sameCountry))
                .as("nobody asked for a partner at home")
                .isEmpty();

        // the domestic city now looks for cultural partners in its own country
        feed.publishAndAwait(Scenario.interest(
                sameCountry, CooperationArea.CULTURE, Stance.SEEK, Intent.SISTER_CITY, List.of(), List.of("MX")));
        Map<String, Object> domestic = Scenario.awaitOpenProposal(a, sameCountry);
        assertThat(domestic.get("kind")).isEqualTo("THEMATIC");
        assertThat(domestic.get("area")).isIn("trade", "culture"); // a complementary area beats the shared one
        assertThat(domestic.get("id"))
                .isNotEqualTo(PairIds.of(a, sameCountry, ProposalKind.SISTER_CITY, null)
                        .toString());

        List<Map<String, Object>> sister = proposals(Map.of("cityId", a, "kind", "SISTER_CITY", "size", 100))
                .getList("items");
        assertThat(sister)
                .extracting(p -> p.get("cityA").equals(a.toString()) ? p.get("cityB") : p.get("cityA"))
                .contains(abroad.toString())
                .doesNotContain(sameCountry.toString());
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldProposeTheOtherKindAfterASisterCityDeclineButNeverTheDeclinedKindAgain() {
        Sisters pair = sisterCities("Decline kind A", "PE", "Decline kind B", "IN");
        UUID a = pair.a();
        UUID b = pair.b();
        String sisterId = pair.sisterId();

        Scenario.decline(sisterId, b).statusCode(200).body("status", equalTo("DECLINED"));
        Map<String, Object> thematic = Scenario.awaitOpenProposal(a, b);
        assertThat(thematic.get("kind")).isEqualTo("THEMATIC");
        assertThat(thematic.get("id"))
                .isEqualTo(
                        PairIds.of(a, b, ProposalKind.THEMATIC, CooperationArea.fromCode((String) thematic.get("area")))
                                .toString());

        // every wish restated under new event ids, and the profile updated: still no sister-city proposal
        List<EventPayload> again = new ArrayList<>(sisterCityWishes(a, b));
        again.add(new CityUpdated(
                Fixtures.place(a, Fixtures.name("Decline kind A2"), "PE", 1_200_000, 2), Instant.now()));
        feed.publishAndAwait(again.toArray(EventPayload[]::new));
        Scenario.proposal(sisterId).statusCode(200).body("status", equalTo("DECLINED"));
        assertThat(Scenario.awaitOpenProposal(a, b).get("kind")).isEqualTo("THEMATIC");
        given().queryParam("cityId", a)
                .queryParam("kind", "SISTER_CITY")
                .queryParam("status", "PROPOSED")
                .get("/api/v1/proposals")
                .then()
                .statusCode(200)
                .body("items.findAll { it.cityA == '" + b + "' || it.cityB == '" + b + "' }", empty());
        try (TestEvents topic = feed.events()) {
            assertThat(topic.read(
                            Topics.MATCHMAKING_EVENTS,
                            UUID.fromString(sisterId),
                            EventType.PROPOSAL_CREATED,
                            2,
                            Duration.ofSeconds(3)))
                    .as("the declined kind is announced once, never again")
                    .hasSize(1);
        }
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldWithdrawEveryOpenProposalOfARetiredCityAndNeverProposeItAgain() {
        UUID retiring = UUID.randomUUID();
        UUID accepted = UUID.randomUUID();
        UUID proposed = UUID.randomUUID();
        List<EventPayload> events = new ArrayList<>(List.of(
                city(retiring, "Retiring", "MX"),
                city(accepted, "Retiring partner 1", "CN"),
                city(proposed, "Retiring partner 2", "BR")));
        events.add(interest(retiring, CooperationArea.HERITAGE_PROTECTION, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP));
        events.add(interest(retiring, CooperationArea.GREEN_CITIES, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP));
        for (UUID partner : List.of(accepted, proposed)) {
            events.add(
                    interest(partner, CooperationArea.HERITAGE_PROTECTION, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP));
            events.add(interest(partner, CooperationArea.GREEN_CITIES, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP));
        }
        feed.publishAndAwait(events.toArray(EventPayload[]::new));
        String acceptedId =
                (String) Scenario.awaitOpenProposal(retiring, accepted).get("id");
        String proposedId =
                (String) Scenario.awaitOpenProposal(retiring, proposed).get("id");
        Scenario.accept(acceptedId, accepted).statusCode(200).body("status", equalTo("ACCEPTED_BY_ONE"));

        feed.publishAndAwait(new CityRetired(retiring, Instant.now()));
        for (String id : List.of(acceptedId, proposedId)) {
            Scenario.proposal(id).statusCode(200).body("status", equalTo("WITHDRAWN"));
            Scenario.accept(id, retiring).statusCode(409).contentType("application/problem+json");
            Scenario.decline(id, retiring).statusCode(409);
        }
        given().get("/api/v1/cities/{id}/proposals", retiring)
                .then()
                .statusCode(200)
                .body("$", empty());

        // later facts about the retired city, and a new city that would suit it perfectly
        UUID newcomer = UUID.randomUUID();
        feed.publishAndAwait(
                new CityUpdated(
                        Fixtures.place(retiring, Fixtures.name("Retired renamed"), "MX", 1_200_000, 2), Instant.now()),
                interest(retiring, CooperationArea.TECHNOLOGY, Stance.SEEK, Intent.SISTER_CITY),
                new CityRetired(retiring, Instant.now()),
                city(newcomer, "Newcomer", "CN"),
                interest(newcomer, CooperationArea.HERITAGE_PROTECTION, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP),
                interest(newcomer, CooperationArea.GREEN_CITIES, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP),
                interest(newcomer, CooperationArea.TECHNOLOGY, Stance.OFFER, Intent.SISTER_CITY),
                interest(newcomer, CooperationArea.AGRICULTURE, Stance.SEEK, Intent.KNOWLEDGE_EXCHANGE),
                interest(proposed, CooperationArea.AGRICULTURE, Stance.OFFER, Intent.KNOWLEDGE_EXCHANGE));
        // the newcomer's events were applied (it found another partner), yet the retired city stays out
        Scenario.awaitOpenProposal(newcomer, proposed);
        assertThat(Fixtures.openProposal(newcomer, retiring)).isEmpty();
        given().get("/api/v1/cities/{id}/proposals", retiring)
                .then()
                .statusCode(200)
                .body("$", empty());
        assertThat(proposals(Map.of("cityId", retiring, "size", 100)).<String>getList("items.status"))
                .isNotEmpty()
                .doesNotContain("PROPOSED", "ACCEPTED_BY_ONE");
        for (String id : List.of(acceptedId, proposedId)) {
            Scenario.proposal(id).statusCode(200).body("status", equalTo("WITHDRAWN"));
        }
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldNeverProposeCitiesThatRecordedAPartnershipOfAnyKind() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        feed.publishAndAwait(
                city(a, "Thematic partners A", "KE"),
                city(b, "Thematic partners B", "IN"),
                interest(a, CooperationArea.WASTE_MANAGEMENT, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP),
                interest(b, CooperationArea.WASTE_MANAGEMENT, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP),
                interest(a, CooperationArea.TOURISM, Stance.MUTUAL, Intent.SISTER_CITY),
                interest(b, CooperationArea.TOURISM, Stance.MUTUAL, Intent.SISTER_CITY));
        Map<String, Object> open = Scenario.awaitOpenProposal(a, b);
        assertThat(open.get("kind")).isEqualTo("SISTER_CITY");

        // a thematic partnership on record makes them partners: no sister-city proposal either
        given().contentType("application/json")
                .body(Map.of(
                        "cityA",
                        a.toString(),
                        "cityB",
                        b.toString(),
                        "kind",
                        "THEMATIC",
                        "area",
                        "waste-management",
                        "formedOn",
                        "2019-11-20",
                        "source",
                        "Memorandum " + a))
                .post("/api/v1/partnerships")
                .then()
                .statusCode(201)
                .body("area", equalTo("waste-management"));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(Fixtures.openProposal(a, b)).isEmpty());
        Scenario.proposal(open.get("id")).body("status", equalTo("SUPERSEDED"));
        feed.publishAndAwait(
                interest(a, CooperationArea.TOURISM, Stance.MUTUAL, Intent.SISTER_CITY),
                interest(b, CooperationArea.EDUCATION, Stance.OFFER, Intent.SISTER_CITY),
                interest(a, CooperationArea.EDUCATION, Stance.SEEK, Intent.SISTER_CITY));
        assertThat(Fixtures.openProposal(a, b)).isEmpty();
        Scenario.proposal(open.get("id")).body("status", equalTo("SUPERSEDED"));
    }

    @Test
    void shouldSupersedeASisterCityProposalWhenACityUpdateBringsBothIntoOneCountry() {
        Sisters pair = sisterCities("Moving A", "MX", "Moving B", "CN");
        UUID a = pair.a();
        UUID b = pair.b();
        String sisterId = pair.sisterId();

        // cities-service corrects b's country: now both are Mexican
        feed.publishAndAwait(
                new CityUpdated(Fixtures.place(b, Fixtures.name("Moving B"), "MX", 1_200_000, 2), Instant.now()));
        Scenario.proposal(sisterId).statusCode(200).body("status", equalTo("SUPERSEDED"));
        assertThat(Fixtures.openProposal(a, b))
                .as("one country, and neither asks for a partner at home")
                .isEmpty();
        assertThat(proposals(Map.of("cityId", a, "kind", "SISTER_CITY", "size", 100))
                        .<Map<String, Object>>getList("items"))
                .noneSatisfy(p -> {
                    assertThat(List.of(p.get("cityA"), p.get("cityB"))).contains(b.toString());
                    assertThat(p.get("status")).isIn("PROPOSED", "ACCEPTED_BY_ONE");
                });
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldCloseAnAcceptedProposalWhenThePairIsRecordedAsPartnersOfThatKind() {
        Sisters pair = sisterCities("Recorded A", "BR", "Recorded B", "KE");
        Scenario.accept(pair.sisterId(), pair.a()).statusCode(200).body("status", equalTo("ACCEPTED_BY_ONE"));

        // meanwhile programme staff record the agreement the two cities signed outside the platform
        Scenario.recordPartnership(Scenario.partnership(
                        pair.a(), pair.b(), "SISTER_CITY", "2024-02-02", "Signed at a summit " + pair.a()))
                .statusCode(201);

        // partners are never proposed: the accepted proposal must not stay open, waiting for an answer that
        // can only fail
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        assertThat(Fixtures.openProposal(pair.a(), pair.b())).isEmpty());
        Scenario.accept(pair.sisterId(), pair.b()).statusCode(409).contentType("application/problem+json");
        Scenario.partnerships(pair.a()).statusCode(200).body("totalItems", equalTo(1));
    }
}
