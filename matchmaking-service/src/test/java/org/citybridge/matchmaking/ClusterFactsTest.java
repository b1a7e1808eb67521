package org.citybridge.matchmaking;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.assertj.core.data.Offset;
import org.citybridge.contracts.events.CityRegistered;
import org.citybridge.contracts.events.ClusterLaunched;
import org.citybridge.contracts.events.EventPayload;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.ExchangeCancelled;
import org.citybridge.contracts.events.ExchangeHeld;
import org.citybridge.contracts.events.MemberJoined;
import org.citybridge.contracts.events.MemberLeft;
import org.citybridge.contracts.events.SurveyResponseRecorded;
import org.citybridge.contracts.events.Topics;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ExchangeFormat;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.MemberKind;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.matchmaking.proposal.Proposal;
import org.citybridge.matchmaking.proposal.ReasonsDigest;
import org.citybridge.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.citybridge.matchmaking.Fixtures.codes;
import static org.citybridge.matchmaking.Fixtures.reasons;
import static org.citybridge.matchmaking.Scenario.interest;
import static org.hamcrest.Matchers.equalTo;

/**
 * Cluster-side facts: the same fact again (same event id, or a new one) changes nothing; a city
 * leaving a cluster or an exchange cancelled takes its share out of the score; a full re-score with
 * unchanged weights changes nothing either.
 */
@QuarkusTest
class ClusterFactsTest {

    @Inject
    EventFeed feed;

    private record Story(UUID a, UUID b, UUID cluster, UUID exchange, List<EventPayload> events) {}

    /** Two complementary cities in one cluster, who attended an exchange and both want partnerships. */
    private Story story(String prefix) {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID cluster = UUID.randomUUID();
        UUID exchange = UUID.randomUUID();
        List<EventPayload> events = List.of(
                Scenario.registered(Fixtures.place(a, Fixtures.name(prefix + " A"), "BR", 700_000)),
                Scenario.registered(Fixtures.place(b, Fixtures.name(prefix + " B"), "IN", 700_000)),
                interest(a, CooperationArea.CREATIVE_ECONOMY, Stance.SEEK, Intent.KNOWLEDGE_EXCHANGE),
                interest(b, CooperationArea.CREATIVE_ECONOMY, Stance.OFFER, Intent.KNOWLEDGE_EXCHANGE),
                Scenario.cluster(cluster, Fixtures.name(prefix + " cluster"), CooperationArea.CREATIVE_ECONOMY),
                Scenario.joined(cluster, a),
                Scenario.joined(cluster, b),
                Scenario.held(
                        exchange,
                        cluster,
                        Fixtures.name(prefix + " workshop"),
                        ExchangeFormat.WORKSHOP,
                        LocalDate.of(2024, 6, 3),
                        List.of(a, b),
                        CooperationArea.CREATIVE_ECONOMY),
                Scenario.survey(exchange, a, true),
                Scenario.survey(exchange, b, true));
        return new Story(a, b, cluster, exchange, events);
    }

    /** The proposal once every cluster-side feature of the story is in it. */
    private static Map<String, Object> awaitFullProposal(Story story) {
        Map<String, Object>[] found = new Map[1];
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    Map<String, Object> proposal =
                            Fixtures.openProposal(story.a(), story.b()).orElseThrow();
                    assertThat(codes(proposal))
                            .contains("shared-cluster", "exchange-together", "survey-partnership-wish");
                    found[0] = proposal;
                });
        return found[0];
    }

    @Test
    void shouldChangeNothingWhenClusterFactsArriveAgainWithTheSameOrANewEventId() {
        Story story = story("Again");
        List<String> ids = feed.publishAndAwait(story.events());
        try (TestEvents events = feed.events()) {
            Map<String, Object> before = awaitFullProposal(story);
            String id = (String) before.get("id");
            String etag = Scenario.proposal(id).statusCode(200).extract().header("ETag");

            // redeliveries (same ids) first, then the same facts under new ids on the same keys, so once the
            // latter are consumed the former were too
            for (int i = 0; i < ids.size(); i++) {
                events.republish(story.events().get(i), ids.get(i));
            }
            List<EventPayload> restated = new ArrayList<>();
            for (EventPayload payload : story.events()) {
                if (payload instanceof MemberJoined joined) {
                    restated.add(new MemberJoined(
                            joined.clusterId(),
                            UUID.randomUUID(),
                            joined.memberKind(),
                            joined.memberId(),
                            null,
                            joined.role(),
                            Instant.now()));
                } else if (payload instanceof SurveyResponseRecorded survey) {
                    restated.add(new SurveyResponseRecorded(
                            UUID.randomUUID(),
                            survey.exchangeId(),
                            survey.cityId(),
                            survey.interests(),
                            survey.wantsPartnership(),
                            survey.rating(),
                            Instant.now()));
                } else if (payload instanceof ExchangeHeld
                        || payload instanceof ClusterLaunched
                        || payload instanceof CityRegistered) {
                    restated.add(payload);
                }
            }
            feed.publishAndAwait(restated);

            Map<String, Object> after =
                    Fixtures.openProposal(story.a(), story.b()).orElseThrow();
            assertThat(after).isEqualTo(before);
            assertThat(reasons(after, "shared-cluster"))
                    .singleElement()
                    .satisfies(r -> assertThat(Fixtures.contribution(r)).isEqualTo(0.75));
            assertThat(reasons(after, "exchange-together")).hasSize(1);
            assertThat(reasons(after, "survey-partnership-wish")).hasSize(1);
            Scenario.proposal(id).statusCode(200).header("ETag", etag);
            assertThat(events.read(
                            Topics.MATCHMAKING_EVENTS,
                            UUID.fromString(id),
                            EventType.PROPOSAL_CREATED,
                            2,
                            Duration.ofSeconds(3)))
                    .hasSize(1);
        }
    }

    @Test
    void shouldTakeTheShareOutWhenACityLeavesTheClusterAndTheExchangeIsCancelled() {
        Story story = story("Leaves");
        feed.publishAndAwait(story.events());
        Map<String, Object> before = awaitFullProposal(story);

        feed.publishAndAwait(
                new MemberLeft(story.cluster(), UUID.randomUUID(), MemberKind.CITY, story.b(), Instant.now()));
        Map<String, Object> afterLeaving =
                Fixtures.openProposal(story.a(), story.b()).orElseThrow();
        assertThat(codes(afterLeaving)).doesNotContain("shared-cluster").contains("exchange-together");
        assertThat(Fixtures.score(afterLeaving)).isCloseTo(Fixtures.score(before) - 0.75, Offset.offset(1e-6));

        feed.publishAndAwait(new ExchangeCancelled(story.exchange(), "Recorded by mistake", Instant.now()));
        Map<String, Object> afterCancel =
                Fixtures.openProposal(story.a(), story.b()).orElseThrow();
        assertThat(codes(afterCancel)).doesNotContain("shared-cluster", "exchange-together", "survey-partnership-wish");
        assertThat(Fixtures.score(afterCancel))
                .isCloseTo(Fixtures.score(before) - 0.75 - 1.5 - 0.5, Offset.offset(1e-6));
        assertThat(afterCancel.get("id")).isEqualTo(before.get("id"));
    }

    @Test
    void shouldStoreEachProposalsReasonsWithTheirDigestAndCompareThoseStoredWithoutOneByTheirText() {
        Story story = story("Digest");
        feed.publishAndAwait(story.events());
        Map<String, Object> before = awaitFullProposal(story);
        UUID id = UUID.fromString((String) before.get("id"));
        assertThat(storedDigestMatchesStoredReasons(id)).isTrue();

        // as stored before digests were: the next change compares the reasons themselves, then keeps a digest
        QuarkusTransaction.requiringNew().run(() -> Proposal.update("reasonsDigest = null where id = ?1", id));
        feed.publishAndAwait(
                new MemberLeft(story.cluster(), UUID.randomUUID(), MemberKind.CITY, story.b(), Instant.now()));
        Map<String, Object> afterLeaving =
                Fixtures.openProposal(story.a(), story.b()).orElseThrow();
        assertThat(codes(afterLeaving)).doesNotContain("shared-cluster").contains("exchange-together");
        assertThat(storedDigestMatchesStoredReasons(id)).isTrue();

        // written without reading the former reasons: the new ones are what is served
        feed.publishAndAwait(new ExchangeCancelled(story.exchange(), "Recorded by mistake", Instant.now()));
        Map<String, Object> afterCancel =
                Fixtures.openProposal(story.a(), story.b()).orElseThrow();
        assertThat(codes(afterCancel)).doesNotContain("exchange-together", "survey-partnership-wish");
        assertThat(storedDigestMatchesStoredReasons(id)).isTrue();
    }

    /** Whether the proposal's stored digest is that of its stored reasons, read back from the database. */
    private static boolean storedDigestMatchesStoredReasons(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Proposal proposal = Proposal.findById(id);
            return proposal.reasonsDigest != null
                    && Arrays.equals(proposal.reasonsDigest, ReasonsDigest.of(proposal.reasons));
        });
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldChangeNoProposalOnAFullRescoreWithUnchangedWeights() {
        Story story = story("Rescore");
        feed.publishAndAwait(story.events());
        Map<String, Object> before = awaitFullProposal(story);
        String etag = Scenario.proposal(before.get("id")).extract().header("ETag");
        String job = given().post("/api/v1/admin/rescore")
                .then()
                .statusCode(202)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/jobs/"))
                .extract()
                .header("Location");
        Map<String, Object> result = Scenario.awaitJob(job);
        assertThat(((Number) result.get("cities")).intValue()).isGreaterThanOrEqualTo(2);
        assertThat(((Number) result.get("changedPairs")).intValue())
                .as("pairs changed by a rescore with the same weights")
                .isZero();
        assertThat(Fixtures.openProposal(story.a(), story.b()).orElseThrow()).isEqualTo(before);
        Scenario.proposal(before.get("id")).statusCode(200).header("ETag", equalTo(etag));
    }

    @Test
    @TestSecurity(user = "officer", roles = "city-officer")
    void shouldForbidARescoreToAnyoneButAnAdmin() {
        given().post("/api/v1/admin/rescore").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void shouldRequireATokenForARescore() {
        given().post("/api/v1/admin/rescore").then().statusCode(401);
    }
}
