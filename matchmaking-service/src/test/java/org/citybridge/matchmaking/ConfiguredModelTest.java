package org.citybridge.matchmaking;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.assertj.core.data.Offset;
import org.citybridge.contracts.events.EventPayload;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.citybridge.matchmaking.Fixtures.codes;
import static org.citybridge.matchmaking.Scenario.interest;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/**
 * The model follows its configuration ({@link StrictModelProfile}): top-n = 1, min-score = 1.2,
 * South-South as a hard filter. With one proposal kept per city, a pair that both cities drop for
 * better partners is SUPERSEDED, unless one side had accepted it.
 */
@QuarkusTest
@TestProfile(StrictModelProfile.class)
class ConfiguredModelTest {

    @Inject
    EventFeed feed;

    private static EventPayload city(UUID id, String country, long population) {
        return Scenario.registered(Fixtures.place(id, Fixtures.name("Strict " + country), country, population));
    }

    @Test
    void shouldProposeOnlyPairsOfDevelopingEconomiesUnderTheSouthSouthFilter() {
        UUID mexican = UUID.randomUUID();
        UUID brazilian = UUID.randomUUID();
        UUID french = UUID.randomUUID();
        feed.publishAndAwait(
                city(mexican, "MX", 2_000_000),
                city(brazilian, "BR", 2_000_000),
                city(french, "FR", 2_000_000),
                interest(mexican, CooperationArea.RENEWABLE_ENERGY, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP),
                interest(mexican, CooperationArea.WASTE_MANAGEMENT, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP),
                // the French city complements the Mexican one better than the Brazilian one does
                interest(french, CooperationArea.RENEWABLE_ENERGY, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP),
                interest(french, CooperationArea.WASTE_MANAGEMENT, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP),
                interest(brazilian, CooperationArea.RENEWABLE_ENERGY, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP));

        Map<String, Object> south = Scenario.awaitOpenProposal(mexican, brazilian);
        assertThat(codes(south)).doesNotContain("south-south"); // a filter, not a bonus
        assertThat(Fixtures.score(south)).isCloseTo(3.0 + 0.5, Offset.offset(1e-6));
        assertThat(Fixtures.openProposal(mexican, french)).isEmpty();
        given().get("/api/v1/cities/{id}/proposals", french)
                .then()
                .statusCode(200)
                .body("$", empty());
    }

    @Test
    void shouldProposePairsFromTheConfiguredMinimumScore() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID tiny = UUID.randomUUID();
        // one shared interest (1.0) and the same scale (0.5): 1.5, enough for 1.2 (not for the default 3.0)
        feed.publishAndAwait(
                city(a, "KE", 400_000),
                city(b, "IN", 400_000),
                city(tiny, "PE", 2_000),
                interest(a, CooperationArea.SOCIAL_INTEGRATION, Stance.MUTUAL, Intent.KNOWLEDGE_EXCHANGE),
                interest(b, CooperationArea.SOCIAL_INTEGRATION, Stance.MUTUAL, Intent.KNOWLEDGE_EXCHANGE),
                // a factor of 200 in population: no scale, 1.0 < 1.2
                interest(tiny, CooperationArea.SOCIAL_INTEGRATION, Stance.MUTUAL, Intent.KNOWLEDGE_EXCHANGE));
        Map<String, Object> proposal = Scenario.awaitOpenProposal(a, b);
        assertThat(Fixtures.score(proposal)).isCloseTo(1.5, Offset.offset(1e-6));
        assertThat(Fixtures.openProposal(tiny, a)).isEmpty();
        assertThat(Fixtures.openProposal(tiny, b)).isEmpty();
    }

    /** s and w pair weakly in area {@code weak}; later t1 suits s better and t2 suits w better. */
    private String[] dropScenario(
            boolean acceptFirst, CooperationArea weak, CooperationArea forS, CooperationArea forW) {
        UUID s = UUID.randomUUID();
        UUID w = UUID.randomUUID();
        UUID t1 = UUID.randomUUID();
        UUID t2 = UUID.randomUUID();
        feed.publishAndAwait(
                city(s, "MX", 1_000_000),
                city(w, "CN", 1_000_000),
                interest(s, weak, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP),
                interest(s, forS, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP),
                interest(w, weak, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP),
                interest(w, forW, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP));
        String id = (String) Scenario.awaitOpenProposal(s, w).get("id");
        if (acceptFirst) {
            Scenario.accept(id, w).statusCode(200);
        }
        // t1 complements s both ways: s keeps t1 as its one proposal, w still keeps s
        feed.publishAndAwait(
                city(t1, "BR", 1_000_000),
                interest(t1, weak, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP),
                interest(t1, forS, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP));
        Scenario.awaitOpenProposal(s, t1);
        Scenario.proposal(id).statusCode(200).body("status", equalTo(acceptFirst ? "ACCEPTED_BY_ONE" : "PROPOSED"));
        // t2 complements w both ways: now neither s nor w keeps the pair
        feed.publishAndAwait(
                city(t2, "IN", 1_000_000),
                interest(t2, weak, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP),
                interest(t2, forW, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP));
        Scenario.awaitOpenProposal(w, t2);
        return new String[] {id, s.toString(), w.toString(), t1.toString(), t2.toString()};
    }

    @Test
    void shouldSupersedeAProposalThatBothCitiesDropForBetterOnes() {
        String[] ids = dropScenario(false, CooperationArea.TRADE, CooperationArea.EDUCATION, CooperationArea.CULTURE);
        Scenario.proposal(ids[0]).statusCode(200).body("status", equalTo("SUPERSEDED"));
        assertThat(Scenario.cityProposals(UUID.fromString(ids[1])).<String>getList("partnerCityId"))
                .containsExactly(ids[3]);
        assertThat(Scenario.cityProposals(UUID.fromString(ids[2])).<String>getList("partnerCityId"))
                .containsExactly(ids[4]);
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldKeepAProposalThatOneSideAcceptedWhenBothCitiesFindBetterOnes() {
        String[] ids = dropScenario(
                true, CooperationArea.GREEN_CITIES, CooperationArea.AGRICULTURE, CooperationArea.TRANSPORT);
        Scenario.proposal(ids[0]).statusCode(200).body("status", equalTo("ACCEPTED_BY_ONE"));
        assertThat(Scenario.cityProposals(UUID.fromString(ids[1])).<String>getList("partnerCityId"))
                .containsExactlyInAnyOrder(ids[3], ids[2]);
        Scenario.accept(ids[0], ids[1]).statusCode(200).body("status", equalTo("AGREED"));
    }
}
