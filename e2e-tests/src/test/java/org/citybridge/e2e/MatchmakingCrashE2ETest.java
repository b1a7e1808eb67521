package org.citybridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.core.ConditionTimeoutException;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.Topics;
import org.citybridge.launcher.Platform;
import org.citybridge.launcher.ServiceProcess;
import org.citybridge.launcher.http.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.citybridge.e2e.FaultPlatform.HTTP;
import static org.citybridge.e2e.FaultPlatform.MATCHMAKING;
import static org.citybridge.e2e.FaultPlatform.asAdmin;

/**
 * Crash (issue 7): matchmaking-service is killed with SIGKILL five times while a stream of events
 * flows (interest writes to cities-service and cluster memberships to clusters-service, about 15 a
 * second), and restarted each time. Before each kill one proposal between the scenario's cities is
 * accepted by one side, and the other side's acceptance is sent at the very moment of the kill, so a
 * kill can fall between the commit of an agreement and the publication of its events; after the
 * restart that acceptance is retried (a 409 then says it had committed).
 *
 * <p>Proves, on the packaged platform with real tokens:
 * <ul>
 *   <li>the final proposals equal a clean run's: a fresh matchmaking instance replaying the topics
 *       without any crash ({@link MatchmakingOracle}) shows the same ranked proposals for every city
 *       of the scenario (the live one rebuilt its in-memory ranking from its database five times,
 *       and re-read events whose offsets the crash left uncommitted);</li>
 *   <li>no duplicated partnership: each agreed pair has exactly one partnership in the API and
 *       exactly one {@code PartnershipFormed} on {@code matchmaking-events}, and each side's
 *       acceptance exactly one {@code ProposalAccepted};</li>
 *   <li>no duplicated event: no {@code ce_id} appears twice on {@code matchmaking-events}.</li>
 * </ul>
 */
@ExtendWith(FaultLogs.class)
class MatchmakingCrashE2ETest {

    private static final int CITIES = 24;
    private static final int KILLS = 5;
    private static final long STREAM_PACE_MILLIS = 70;

    @Test
    void shouldEndWithTheProposalsOfACleanRunAndNoDuplicateAfterFiveKills() throws Exception {
        Platform platform = FaultPlatform.get();
        FaultScenario scenario = FaultScenario.withKnownCities("crash", CITIES);
        EventLog events = FaultPlatform.events();

        AtomicBoolean streaming = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> failedWrites = new ConcurrentLinkedQueue<>();
        AtomicInteger written = new AtomicInteger();
        Thread stream = new Thread(
                () -> {
                    for (int i = 0; streaming.get(); i++) {
                        ApiClient.Reply answer = scenario.post(scenario.interest(i));
                        if (!answer.ok()) {
                            failedWrites.add("interest " + i + ": " + answer.status() + " " + answer.text());
                        }
                        if (i % 10 == 0 && i / 10 < CITIES) {
                            ApiClient.Reply join = scenario.join(i / 10);
                            if (!join.ok()) {
                                failedWrites.add("join " + i / 10 + ": " + join.status() + " " + join.text());
                            }
                        }
                        written.incrementAndGet();
                        BrokerOutageE2ETest.pauseUntil(Instant.now().plusMillis(STREAM_PACE_MILLIS));
                    }
                },
                "crash-stream");
        stream.start();

        List<String> agreed = new ArrayList<>();
        try {
            for (int kill = 1; kill <= KILLS; kill++) {
                String matchmaking = platform.serviceUrl(MATCHMAKING);
                // the stream keeps re-ranking: a proposal may be superseded before the first acceptance (409), then
                // take another
                AtomicReference<String> lastTry = new AtomicReference<>("nothing tried yet");
                JsonNode proposal;
                try {
                    proposal = await("one side accepted an open proposal between two cities of the scenario")
                            .atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(500))
                            .until(
                                    () -> acceptedByA(matchmaking, scenario.openProposal(matchmaking), lastTry),
                                    p -> p != null);
                } catch (ConditionTimeoutException e) {
                    throw new AssertionError("Before kill " + kill + ", last try: " + lastTry.get(), e);
                }
                UUID cityA = UUID.fromString(proposal.get("cityA").asText());
                UUID cityB = UUID.fromString(proposal.get("cityB").asText());
                String id = proposal.get("id").asText();

                // the other side accepts just as the process dies: the kill may land before the commit,
                // between the commit and the relay, or after both
                CompletableFuture<ApiClient.Reply> lastAccept =
                        CompletableFuture.supplyAsync(() -> accept(matchmaking, id, cityB));
                BrokerOutageE2ETest.pauseUntil(Instant.now().plusMillis(5L * kill));
                ServiceProcess killed = platform.service(MATCHMAKING);
                platform.killService(MATCHMAKING);
                assertThat(killed.isAlive()).isFalse();
                int status = lastAccept.get(60, TimeUnit.SECONDS).status();

                ServiceProcess restarted = platform.restartService(MATCHMAKING);
                assertThat(restarted).isNotSameAs(killed);
                ApiClient.Reply retried = accept(matchmaking, id, cityB);
                assertThat(retried.status())
                        .as("acceptance retried after the crash (first try answered %d)", status)
                        .isIn(200, 409);
                assertThat(HTTP.get(matchmaking + "/api/v1/proposals/" + id)
                                .expect(200)
                                .json()
                                .get("status")
                                .asText())
                        .isEqualTo("AGREED");
                agreed.add(id);
            }
        } finally {
            streaming.set(false);
            stream.join(TimeUnit.SECONDS.toMillis(60));
            if (!platform.service(MATCHMAKING).isAlive()) {
                platform.restartService(MATCHMAKING);
            }
        }
        assertThat(failedWrites)
                .as("writes to cities-service and clusters-service during the crashes")
                .isEmpty();
        System.out.printf("Crash: matchmaking killed %d times during %d writes%n", KILLS, written.get());

        try (MatchmakingOracle oracle = MatchmakingOracle.start(platform)) {
            Map<UUID, List<String>> proposals = oracle.assertLiveEqualsReplay(platform, events, scenario.cities);
            assertThat(MatchmakingOracle.proposalCount(proposals))
                    .as("open proposals among the scenario's cities")
                    .isGreaterThanOrEqualTo(CITIES / 2);
        }

        List<EventLog.Event> matchmakingEvents = events.readAll(Topics.MATCHMAKING_EVENTS);
        BrokerOutageE2ETest.assertUniqueIds(matchmakingEvents);
        Map<String, Long> formed = BrokerOutageE2ETest.countBy(
                matchmakingEvents,
                e -> e.type().equals(EventType.PARTNERSHIP_FORMED.ceType()),
                e -> e.data().path("proposalId").asText());
        Map<String, Long> accepted = BrokerOutageE2ETest.countBy(
                matchmakingEvents,
                e -> e.type().equals(EventType.PROPOSAL_ACCEPTED.ceType()),
                e -> e.data().path("proposalId").asText() + " by "
                        + e.data().path("acceptedBy").asText());
        String matchmaking = platform.serviceUrl(MATCHMAKING);
        for (String id : agreed) {
            assertThat(formed.get(id))
                    .as("PartnershipFormed events of proposal %s", id)
                    .isEqualTo(1);
            JsonNode proposal = HTTP.get(matchmaking + "/api/v1/proposals/" + id)
                    .expect(200)
                    .json();
            for (String side : List.of(
                    proposal.get("cityA").asText(), proposal.get("cityB").asText())) {
                assertThat(accepted.get(id + " by " + side))
                        .as("ProposalAccepted of %s by %s", id, side)
                        .isEqualTo(1);
            }
            JsonNode partnerships = HTTP.get(matchmaking + "/api/v1/partnerships?size=100&cityId="
                            + proposal.get("cityA").asText())
                    .expect(200)
                    .json()
                    .get("items");
            long forProposal = 0;
            for (JsonNode partnership : partnerships) {
                if (id.equals(partnership.path("proposalId").asText())) {
                    forProposal++;
                }
            }
            assertThat(forProposal)
                    .as("partnerships formed from proposal %s", id)
                    .isEqualTo(1);
        }
    }

    /**
     * The proposal once city A accepted it (200); null if it was no longer open (409) or none was given.
     * {@code lastTry} says which, for the failure message.
     */
    private static JsonNode acceptedByA(String matchmaking, JsonNode proposal, AtomicReference<String> lastTry) {
        if (proposal == null) {
            lastTry.set("no PROPOSED proposal between two cities of the scenario");
            return null;
        }
        ApiClient.Reply answer = accept(
                        matchmaking,
                        proposal.get("id").asText(),
                        UUID.fromString(proposal.get("cityA").asText()))
                .expect(200, 409);
        lastTry.set("proposal " + proposal.get("id").asText() + ": acceptance answered " + answer.status() + " "
                + answer.text());
        return answer.ok() ? proposal : null;
    }

    /** Accepts as platform-admin on behalf of one side. */
    private static ApiClient.Reply accept(String matchmaking, String proposalId, UUID side) {
        return asAdmin().post(matchmaking + "/api/v1/proposals/" + proposalId + "/accept?cityId=" + side, null);
    }
}
