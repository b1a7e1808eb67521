package org.citybridge.matchmaking;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.PartnershipFormed;
import org.citybridge.contracts.events.ProposalAccepted;
import org.citybridge.contracts.events.ProposalDeclined;
import org.citybridge.contracts.events.Topics;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.kit.outbox.OutboxEvent;
import org.citybridge.testing.Concurrently;
import org.citybridge.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Accept/decline state machine and who may drive it. Cities get fixed ids per test so that the
 * {@code city_id} claim of the token can name them.
 */
@QuarkusTest
class ProposalLifecycleTest {

    static final UUID ACCEPT_A = UUID.fromString("00000000-0000-4000-8000-00000000a001");
    static final UUID ACCEPT_B = UUID.fromString("00000000-0000-4000-8000-00000000a002");
    static final UUID OFFICER_A = UUID.fromString("00000000-0000-4000-8000-00000000b001");
    static final UUID OFFICER_B = UUID.fromString("00000000-0000-4000-8000-00000000b002");
    static final UUID DECLINE_A = UUID.fromString("00000000-0000-4000-8000-00000000d001");
    static final UUID DECLINE_B = UUID.fromString("00000000-0000-4000-8000-00000000d002");
    static final UUID AUTH_A = UUID.fromString("00000000-0000-4000-8000-00000000e001");
    static final UUID AUTH_B = UUID.fromString("00000000-0000-4000-8000-00000000e002");
    static final UUID RACE_A = UUID.fromString("00000000-0000-4000-8000-0000000ace01");
    static final UUID RACE_B = UUID.fromString("00000000-0000-4000-8000-0000000ace02");
    static final String THIRD_CITY = "00000000-0000-4000-8000-00000000ffff";

    @Inject
    ObjectMapper mapper;

    private String pair(UUID a, UUID b, CooperationArea area) {
        try (TestEvents events = new TestEvents(mapper)) {
            events.publish(Scenario.registered(
                    Scenario.simpleCity(a, "Lifecycle " + a.toString().substring(30), "MX")));
            events.publish(Scenario.registered(
                    Scenario.simpleCity(b, "Lifecycle " + b.toString().substring(30), "CN")));
            events.publish(Scenario.interest(a, area, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP));
            events.publish(Scenario.interest(b, area, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP));
        }
        return (String) Scenario.awaitOpenProposal(a, b).get("id");
    }

    @Test
    @TestSecurity(user = "officer-o", roles = "city-officer")
    @OidcSecurity(claims = @Claim(key = "city_id", value = "00000000-0000-4000-8000-00000000b001"))
    void shouldLetTheOfficerOfOneSideAcceptForTheirCityOnlyOnce() {
        String id = pair(OFFICER_A, OFFICER_B, CooperationArea.GREEN_CITIES);
        var shown = Scenario.proposal(id).statusCode(200).extract();
        String etag = shown.header("ETag");
        // the version in the body is the ETag's: a page that lists proposals can send If-Match for each
        long version = shown.jsonPath().getLong("version");
        assertThat(etag).matches("\"" + version + "(-[a-z]+)?\"");
        assertThat(Scenario.cityProposals(OFFICER_A).<Integer>getList("proposal.version"))
                .contains((int) version);
        given().header("If-Match", "\"" + (version + 1) + "\"")
                .post("/api/v1/proposals/{id}/accept", id)
                .then()
                .statusCode(412);
        given().header("If-Match", "\"999\"")
                .post("/api/v1/proposals/{id}/accept", id)
                .then()
                .statusCode(412);
        given().header("If-Match", "\"" + version + "\"")
                .post("/api/v1/proposals/{id}/accept", id)
                .then()
                .statusCode(200)
                .body("version", equalTo((int) version + 1))
                .body("status", equalTo("ACCEPTED_BY_ONE"))
                .body("acceptedByA", equalTo(OFFICER_A.compareTo(OFFICER_B) < 0))
                .body("acceptedByB", equalTo(OFFICER_A.compareTo(OFFICER_B) > 0));
        Scenario.accept(id).statusCode(409).contentType("application/problem+json");
        // accepted by one side: it stays listed for both cities
        assertThat(Scenario.cityProposals(OFFICER_B).<String>getList("partnerCityId"))
                .contains(OFFICER_A.toString());
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldLetExactlyOneOfTwentyConcurrentAnswersWithTheSameETagWin() throws Exception {
        String id = pair(RACE_A, RACE_B, CooperationArea.ECONOMIC_DEVELOPMENT);
        String etag = Scenario.proposal(id).statusCode(200).extract().header("ETag");
        // answer i accepts when i is even, declines when it is odd
        List<Integer> statuses = Concurrently.run(
                20,
                i -> given().queryParam("cityId", RACE_A)
                        .header("If-Match", etag)
                        .post("/api/v1/proposals/{id}/" + (i % 2 == 0 ? "accept" : "decline"), id)
                        .then()
                        .extract()
                        .statusCode());
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 412).hasSize(19);
        // no lost update: the stored answer is the winner's, and only its event was written
        boolean accepted = statuses.indexOf(200) % 2 == 0;
        Scenario.proposal(id).statusCode(200).body("status", equalTo(accepted ? "ACCEPTED_BY_ONE" : "DECLINED"));
        long decisions = QuarkusTransaction.requiringNew()
                .call(() -> OutboxEvent.count(
                        "recordKey = ?1 and type in ?2",
                        id,
                        List.of(EventType.PROPOSAL_ACCEPTED.ceType(), EventType.PROPOSAL_DECLINED.ceType())));
        assertThat(decisions).isEqualTo(1);
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldAgreeWhenBothSidesAcceptAndFormAPartnership() {
        String id = pair(ACCEPT_A, ACCEPT_B, CooperationArea.SMART_CITIES);

        Scenario.accept(id, ACCEPT_A).statusCode(200).body("status", equalTo("ACCEPTED_BY_ONE"));
        Scenario.accept(id, ACCEPT_A).statusCode(409).contentType("application/problem+json");
        Scenario.accept(id, ACCEPT_B).statusCode(200).body("status", equalTo("AGREED"));

        Scenario.proposal(id).statusCode(200).body("status", equalTo("AGREED"));
        Scenario.partnerships(ACCEPT_A)
                .statusCode(200)
                .body("totalItems", equalTo(1))
                .body("items[0].proposalId", equalTo(id))
                .body("items[0].kind", equalTo("THEMATIC"))
                .body("items[0].area", equalTo("smart-cities"));
        Scenario.decline(id, ACCEPT_A).statusCode(409);

        try (TestEvents events = new TestEvents(mapper)) {
            var formed = events.read(
                    Topics.MATCHMAKING_EVENTS,
                    TestEvents.ofType(EventType.PARTNERSHIP_FORMED)
                            .and(r -> r.value().contains(id)),
                    1,
                    Duration.ofSeconds(30));
            assertThat(formed).hasSize(1);
            PartnershipFormed event = events.payload(formed.get(0), PartnershipFormed.class);
            assertThat(event.proposalId().toString()).isEqualTo(id);
            var accepted = events.read(
                    Topics.MATCHMAKING_EVENTS,
                    UUID.fromString(id),
                    EventType.PROPOSAL_ACCEPTED,
                    2,
                    Duration.ofSeconds(30));
            assertThat(accepted)
                    .extracting(r -> events.payload(r, ProposalAccepted.class).acceptedBy())
                    .containsExactlyInAnyOrder(ACCEPT_A, ACCEPT_B);
        }
        // partners are never proposed again
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(Scenario.cityProposals(ACCEPT_A).<String>getList("partnerCityId"))
                        .doesNotContain(ACCEPT_B.toString()));
    }

    @Test
    @TestSecurity(user = "officer-d", roles = "city-officer")
    @OidcSecurity(claims = @Claim(key = "city_id", value = "00000000-0000-4000-8000-00000000d002"))
    void shouldNeverProposeADeclinedPairAgainForThatKind() {
        String id = pair(DECLINE_A, DECLINE_B, CooperationArea.WASTE_MANAGEMENT);
        Scenario.decline(id).statusCode(200).body("status", equalTo("DECLINED"));
        Scenario.accept(id).statusCode(409);
        Scenario.decline(id).statusCode(409);

        // the same facts again, under new event ids: still declined, nothing new proposed for this kind
        try (TestEvents events = new TestEvents(mapper)) {
            events.publish(Scenario.interest(
                    DECLINE_A, CooperationArea.WASTE_MANAGEMENT, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP));
            var declined = events.read(
                    Topics.MATCHMAKING_EVENTS,
                    UUID.fromString(id),
                    EventType.PROPOSAL_DECLINED,
                    1,
                    Duration.ofSeconds(30));
            assertThat(events.payload(declined.get(0), ProposalDeclined.class).declinedBy())
                    .isEqualTo(DECLINE_B);
            // a later fact about the pair is processed after the decline
            events.publish(
                    Scenario.interest(DECLINE_B, CooperationArea.AIR_QUALITY, Stance.OFFER, Intent.KNOWLEDGE_EXCHANGE));
            events.publish(
                    Scenario.interest(DECLINE_A, CooperationArea.AIR_QUALITY, Stance.SEEK, Intent.KNOWLEDGE_EXCHANGE));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> proposal = Scenario.awaitOpenProposal(DECLINE_A, DECLINE_B);
            // the pair may be proposed in another area, never again in the declined one
            assertThat(proposal.get("area")).isEqualTo("air-quality");
        });
        Scenario.proposal(id).statusCode(200).body("status", equalTo("DECLINED"));
    }

    @Test
    void shouldRequireATokenToAnswerAProposal() {
        String id = pair(AUTH_A, AUTH_B, CooperationArea.E_COMMERCE);
        Scenario.accept(id).statusCode(401);
        Scenario.decline(id).statusCode(401);
    }

    @Test
    @TestSecurity(user = "partner", roles = "partner-system")
    void shouldForbidOtherRolesToAnswerAProposal() {
        String id = pair(AUTH_A, AUTH_B, CooperationArea.E_COMMERCE);
        Scenario.accept(id).statusCode(403).contentType("application/problem+json");
        Scenario.decline(id).statusCode(403);
    }

    @Test
    @TestSecurity(user = "officer-x", roles = "city-officer")
    @OidcSecurity(claims = @Claim(key = "city_id", value = THIRD_CITY))
    void shouldForbidTheOfficerOfAThirdCityToAnswerAProposal() {
        String id = pair(AUTH_A, AUTH_B, CooperationArea.E_COMMERCE);
        Scenario.accept(id).statusCode(403).contentType("application/problem+json");
        Scenario.decline(id).statusCode(403);
        // an officer may not act as another city either
        Scenario.accept(id, AUTH_A).statusCode(403);
        Scenario.proposal(id).statusCode(200).body("status", equalTo("PROPOSED"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldLetAnAdminAnswerForANamedSideOnly() {
        String id = pair(AUTH_A, AUTH_B, CooperationArea.E_COMMERCE);
        Scenario.accept(id).statusCode(400).body("violations[0].field", equalTo("cityId"));
        Scenario.accept(id, THIRD_CITY).statusCode(400);
        Scenario.accept(UUID.randomUUID()).statusCode(404);
        Scenario.proposal(id).statusCode(200).body("status", equalTo("PROPOSED"));
    }
}
