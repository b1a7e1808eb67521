package org.citybridge.matchmaking;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.citybridge.contracts.events.CloudEventHeaders;
import org.citybridge.contracts.events.EventPayload;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.InterestExpressed;
import org.citybridge.contracts.events.InterestWithdrawn;
import org.citybridge.contracts.events.PartnershipFormed;
import org.citybridge.contracts.events.ProposalAccepted;
import org.citybridge.contracts.events.ProposalCreated;
import org.citybridge.contracts.events.ProposalDeclined;
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
import static org.citybridge.matchmaking.Scenario.interest;
import static org.hamcrest.Matchers.equalTo;

/**
 * What matchmaking announces on matchmaking-events (each step exactly once, as a CloudEvent keyed by
 * the proposal) and the states a proposal goes through when its pair leaves the top lists.
 */
@QuarkusTest
class ProposalEventsTest {

    static final UUID OFFICER_CITY = UUID.fromString("00000000-0000-4000-8000-0000000f0001");
    static final UUID OFFICER_PARTNER = UUID.fromString("00000000-0000-4000-8000-0000000f0002");

    @Inject
    EventFeed feed;

    /** Two cities that complement each other both ways in two areas; returns their proposal. */
    private Map<String, Object> pair(UUID a, UUID b, CooperationArea first, CooperationArea second) {
        feed.publishAndAwait(
                Scenario.registered(Fixtures.place(a, Fixtures.name("Events A"), "MX", 2_500_000)),
                Scenario.registered(Fixtures.place(b, Fixtures.name("Events B"), "CN", 2_500_000)),
                interest(a, first, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP),
                interest(b, first, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP),
                interest(b, second, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP),
                interest(a, second, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP));
        return Scenario.awaitOpenProposal(a, b);
    }

    /**
     * Every record keyed by this aggregate: waits for {@code expected} of them, then a little longer
     * for any duplicate.
     */
    private static List<ConsumerRecord<String, String>> recordsOf(TestEvents events, UUID key, int expected) {
        List<ConsumerRecord<String, String>> first =
                events.read(Topics.MATCHMAKING_EVENTS, TestEvents.keyed(key), expected, Duration.ofSeconds(30));
        assertThat(first).hasSizeGreaterThanOrEqualTo(expected);
        return events.read(Topics.MATCHMAKING_EVENTS, TestEvents.keyed(key), expected + 1, Duration.ofSeconds(3));
    }

    private static void assertCloudEvent(ConsumerRecord<String, String> record, EventType type, UUID key) {
        assertThat(record.key()).isEqualTo(key.toString());
        assertThat(TestEvents.header(record, CloudEventHeaders.H_SPECVERSION)).isEqualTo("1.0");
        assertThat(TestEvents.header(record, CloudEventHeaders.H_TYPE)).isEqualTo(type.ceType());
        assertThat(TestEvents.header(record, CloudEventHeaders.H_SOURCE)).isEqualTo("/citybridge/matchmaking-service");
        assertThat(TestEvents.header(record, CloudEventHeaders.H_SUBJECT)).isEqualTo(key.toString());
        assertThat(TestEvents.header(record, CloudEventHeaders.H_CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(UUID.fromString(TestEvents.header(record, CloudEventHeaders.H_ID)))
                .isNotNull();
        assertThat(Instant.parse(TestEvents.header(record, CloudEventHeaders.H_TIME)))
                .isBefore(Instant.now().plusSeconds(1));
        assertThat(CloudEventHeaders.fromHeaders(TestEvents.headers(record)).type())
                .isEqualTo(type.ceType());
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldAnnounceCreationEachAcceptanceAndThePartnershipExactlyOnceAsCloudEvents() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Map<String, Object> proposal = pair(a, b, CooperationArea.SMART_CITIES, CooperationArea.TRANSPORT);
        UUID id = UUID.fromString((String) proposal.get("id"));

        Scenario.accept(id, a).statusCode(200);
        Scenario.accept(id, a).statusCode(409); // refused: no event
        Scenario.accept(id, b).statusCode(200).body("status", equalTo("AGREED"));
        Scenario.decline(id, b).statusCode(409);

        try (TestEvents events = feed.events()) {
            List<ConsumerRecord<String, String>> records = recordsOf(events, id, 4);
            assertThat(TestEvents.headerOfEach(records, CloudEventHeaders.H_TYPE))
                    .containsExactly(
                            EventType.PROPOSAL_CREATED.ceType(), EventType.PROPOSAL_ACCEPTED.ceType(),
                            EventType.PROPOSAL_ACCEPTED.ceType(), EventType.PARTNERSHIP_FORMED.ceType());
            assertThat(TestEvents.headerOfEach(records, CloudEventHeaders.H_ID)).doesNotHaveDuplicates();
            assertCloudEvent(records.get(0), EventType.PROPOSAL_CREATED, id);
            assertCloudEvent(records.get(1), EventType.PROPOSAL_ACCEPTED, id);
            assertCloudEvent(records.get(3), EventType.PARTNERSHIP_FORMED, id);

            ProposalCreated created = events.payload(records.get(0), ProposalCreated.class);
            assertThat(created.proposalId()).isEqualTo(id);
            assertThat(List.of(created.cityA(), created.cityB())).containsExactlyInAnyOrder(a, b);
            assertThat(created.cityA().compareTo(created.cityB())).isNegative();
            assertThat(created.kind()).isEqualTo(ProposalKind.THEMATIC);
            // the score when first proposed (the cities' later interests raised it without a new announcement)
            assertThat(created.score())
                    .isGreaterThanOrEqualTo(3.0)
                    .isLessThanOrEqualTo(Fixtures.score(proposal))
                    .isCloseTo(
                            created.reasons().stream()
                                    .mapToDouble(r -> r.contribution())
                                    .sum(),
                            org.assertj.core.data.Offset.offset(1e-9));
            assertThat(created.reasons()).extracting(r -> r.code()).contains("complementary-interest");
            assertThat(events.payload(records.get(1), ProposalAccepted.class).acceptedBy())
                    .isEqualTo(a);
            assertThat(events.payload(records.get(2), ProposalAccepted.class).acceptedBy())
                    .isEqualTo(b);
            PartnershipFormed formed = events.payload(records.get(3), PartnershipFormed.class);
            assertThat(formed.proposalId()).isEqualTo(id);
            assertThat(formed.pairId()).isEqualTo(id);
            assertThat(formed.kind()).isEqualTo(ProposalKind.THEMATIC);
            assertThat(formed.area()).isEqualTo(created.area());
            assertThat(formed.source()).isEqualTo("proposal");
            Scenario.partnerships(b)
                    .statusCode(200)
                    .body("totalItems", equalTo(1))
                    .body("items[0].id", equalTo(formed.partnershipId().toString()));
        }
    }

    @Test
    @TestSecurity(user = "officer-f", roles = "city-officer")
    @OidcSecurity(claims = @Claim(key = "city_id", value = "00000000-0000-4000-8000-0000000f0002"))
    void shouldLetTheOtherSideDeclineAfterOneAcceptedAndAnnounceItOnce() {
        Map<String, Object> proposal =
                pair(OFFICER_CITY, OFFICER_PARTNER, CooperationArea.AIR_QUALITY, CooperationArea.E_COMMERCE);
        UUID id = UUID.fromString((String) proposal.get("id"));
        // the partner's officer cannot accept for the other city
        Scenario.accept(id, OFFICER_CITY).statusCode(403);
        String etag = Scenario.proposal(id).statusCode(200).extract().header("ETag");
        Scenario.accept(id).statusCode(200).body("status", equalTo("ACCEPTED_BY_ONE"));
        // the ETag read before the acceptance is stale now
        given().header("If-Match", etag)
                .post("/api/v1/proposals/{id}/decline", id)
                .then()
                .statusCode(412)
                .contentType("application/problem+json");
        String current = Scenario.proposal(id)
                .statusCode(200)
                .body("status", equalTo("ACCEPTED_BY_ONE"))
                .extract()
                .header("ETag");
        given().header("If-Match", current)
                .post("/api/v1/proposals/{id}/decline", id)
                .then()
                .statusCode(200)
                .body("status", equalTo("DECLINED"));
        Scenario.decline(id).statusCode(409).contentType("application/problem+json");
        Scenario.decline(UUID.randomUUID()).statusCode(404).contentType("application/problem+json");
        Scenario.cityProposals(OFFICER_CITY)
                .<String>getList("proposal.id")
                .forEach(open -> assertThat(open).isNotEqualTo(id.toString()));

        try (TestEvents events = feed.events()) {
            List<ConsumerRecord<String, String>> records = recordsOf(events, id, 3);
            assertThat(TestEvents.headerOfEach(records, CloudEventHeaders.H_TYPE))
                    .containsExactly(
                            EventType.PROPOSAL_CREATED.ceType(),
                            EventType.PROPOSAL_ACCEPTED.ceType(),
                            EventType.PROPOSAL_DECLINED.ceType());
            assertCloudEvent(records.get(2), EventType.PROPOSAL_DECLINED, id);
            ProposalDeclined declined = events.payload(records.get(2), ProposalDeclined.class);
            assertThat(declined.declinedBy()).isEqualTo(OFFICER_PARTNER);
            assertThat(events.payload(records.get(1), ProposalAccepted.class).acceptedBy())
                    .isEqualTo(OFFICER_PARTNER);
        }
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldKeepAnAcceptedProposalOpenWhenItsPairNoLongerMatchesButSupersedeAnUnansweredOne() {
        UUID a = UUID.randomUUID();
        UUID accepted = UUID.randomUUID();
        UUID unanswered = UUID.randomUUID();
        InterestExpressed seek =
                interest(a, CooperationArea.DISASTER_RISK_REDUCTION, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP);
        InterestExpressed offer = interest(a, CooperationArea.PUBLIC_HEALTH, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP);
        List<EventPayload> setup = new ArrayList<>(List.of(
                Scenario.registered(Fixtures.place(a, Fixtures.name("Keeps A"), "PE", 300_000)),
                Scenario.registered(Fixtures.place(accepted, Fixtures.name("Keeps B"), "KE", 300_000)),
                Scenario.registered(Fixtures.place(unanswered, Fixtures.name("Keeps C"), "IN", 300_000)),
                seek,
                offer));
        for (UUID partner : List.of(accepted, unanswered)) {
            setup.add(interest(
                    partner, CooperationArea.DISASTER_RISK_REDUCTION, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP));
            setup.add(interest(partner, CooperationArea.PUBLIC_HEALTH, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP));
        }
        feed.publishAndAwait(setup.toArray(EventPayload[]::new));
        String acceptedId = (String) Scenario.awaitOpenProposal(a, accepted).get("id");
        String unansweredId = (String) Scenario.awaitOpenProposal(a, unanswered).get("id");
        Scenario.accept(acceptedId, accepted).statusCode(200);

        // a withdraws both interests: neither pair matches any more
        feed.publishAndAwait(
                new InterestWithdrawn(a, seek.interestId(), seek.area(), seek.stance(), seek.intent(), Instant.now()),
                new InterestWithdrawn(
                        a, offer.interestId(), offer.area(), offer.stance(), offer.intent(), Instant.now()));
        Scenario.proposal(unansweredId).statusCode(200).body("status", equalTo("SUPERSEDED"));
        Scenario.accept(unansweredId, a).statusCode(409).contentType("application/problem+json");
        Scenario.proposal(acceptedId).statusCode(200).body("status", equalTo("ACCEPTED_BY_ONE"));
        assertThat(Scenario.cityProposals(a).<String>getList("partnerCityId")).containsExactly(accepted.toString());

        // the other side may still agree
        Scenario.accept(acceptedId, a).statusCode(200).body("status", equalTo("AGREED"));
        Scenario.partnerships(a).statusCode(200).body("items.proposalId", org.hamcrest.Matchers.hasItem(acceptedId));
        try (TestEvents events = feed.events()) {
            assertThat(TestEvents.headerOfEach(
                            recordsOf(events, UUID.fromString(unansweredId), 1), CloudEventHeaders.H_TYPE))
                    .containsExactly(EventType.PROPOSAL_CREATED.ceType());
        }
    }
}
