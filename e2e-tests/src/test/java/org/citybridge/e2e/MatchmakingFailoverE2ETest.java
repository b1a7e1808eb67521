package org.citybridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.citybridge.e2e.FaultPlatform.HTTP;
import static org.citybridge.e2e.FaultPlatform.MATCHMAKING;
import static org.citybridge.e2e.FaultPlatform.asAdmin;

/**
 * Two instances of matchmaking-service on one database: one leads the engine (consumes every partition,
 * ranks, writes proposals), the other answers reads from the database and forwards engine writes to it.
 * Acceptances sent to the follower form a partnership; then the leader is killed (SIGKILL) in the middle
 * of a stream of interest writes. The survivor takes the engine over (its time is printed),
 * and in the end the proposals, read from either instance, equal a clean replay's
 * ({@link MatchmakingOracle}), the instance killed comes back as a follower whose declination takes
 * effect, and no event on {@code matchmaking-events} is there twice.
 */
@ExtendWith(FaultLogs.class)
class MatchmakingFailoverE2ETest {

    private static final int CITIES = 24;
    private static final int WARM_UP_WRITES = 60;
    private static final int WRITES = 300;
    private static final long PACE_MILLIS = 30;

    @Test
    void shouldServeFromBothInstancesAndHandTheEngineToTheSurvivor() throws Exception {
        Platform platform = FaultPlatform.get();
        EventLog events = FaultPlatform.events();
        FaultScenario scenario = FaultScenario.withKnownCities("engine-failover", CITIES);
        ServiceProcess main = platform.service(MATCHMAKING);
        ServiceProcess second = platform.startInstance(MATCHMAKING, "matchmaking-service-2", Map.of());
        List<ServiceProcess> extra = new ArrayList<>(List.of(second));
        try {
            await("one instance leads the engine")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> leads(main) ^ leads(second));
            boolean mainLeads = leads(main);
            ServiceProcess leader = mainLeads ? main : second;
            ServiceProcess follower = mainLeads ? second : main;

            for (int i = 0; i < WARM_UP_WRITES; i++) {
                assertThat(scenario.post(scenario.interest(i)).ok()).isTrue();
            }
            // the follower reads from the database the leader writes, and passes engine writes on to it; both sides
            // accept (a partnership: a fact the replay learns from the topics too, unlike an open answer)
            JsonNode accepted = answerThroughFollower(follower, scenario, "accept");
            assertThat(status(leader, accepted)).isEqualTo("ACCEPTED_BY_ONE");
            asAdmin()
                    .post(
                            follower.baseUrl() + "/api/v1/proposals/"
                                    + accepted.get("id").asText() + "/accept?cityId="
                                    + accepted.get("cityB").asText(),
                            null)
                    .expect(200);
            assertThat(status(leader, accepted)).isEqualTo("AGREED");

            Instant first = Instant.now();
            ExecutorService writer = Executors.newSingleThreadExecutor();
            Future<List<ApiClient.Reply>> written = writer.submit(() -> {
                List<ApiClient.Reply> replies = new ArrayList<>();
                for (int i = 0; i < WRITES; i++) {
                    BrokerOutageE2ETest.pauseUntil(first.plusMillis(i * PACE_MILLIS));
                    replies.add(scenario.post(scenario.interest(WARM_UP_WRITES + i)));
                }
                return replies;
            });
            BrokerOutageE2ETest.pauseUntil(first.plusMillis(WRITES / 3 * PACE_MILLIS));
            Instant killed = Instant.now();
            if (mainLeads) {
                platform.killService(MATCHMAKING);
            } else {
                second.kill();
            }
            ServiceProcess survivor = follower;
            await("the survivor leads the engine")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> leads(survivor));
            long leadsAfter = Duration.between(killed, Instant.now()).toMillis();
            await("the survivor takes engine writes")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> takesEngineWrites(survivor));
            long writesAfter = Duration.between(killed, Instant.now()).toMillis();
            System.out.printf(
                    "Engine failover: the survivor led %d ms and took engine writes %d ms after the leader's SIGKILL%n",
                    leadsAfter, writesAfter);
            List<ApiClient.Reply> answers = written.get(120, TimeUnit.SECONDS);
            writer.shutdown();
            assertThat(answers.stream().filter(a -> !a.ok()).toList())
                    .as("interest writes during the failover that failed")
                    .isEmpty();

            // the dead instance comes back as a follower: reads there, engine writes forwarded to the survivor
            ServiceProcess back = mainLeads
                    ? platform.restartService(MATCHMAKING)
                    : platform.startInstance(MATCHMAKING, "matchmaking-service-3", Map.of());
            if (!mainLeads) {
                extra.add(back);
            }
            assertThat(leads(back)).isFalse();
            try (MatchmakingOracle oracle = MatchmakingOracle.start(platform)) {
                Map<UUID, List<String>> live = oracle.assertLiveEqualsReplay(platform, events, scenario.cities);
                assertThat(MatchmakingOracle.snapshot(survivor.baseUrl(), scenario.cities))
                        .as("the proposals as the leader shows them (the comparison read the main instance)")
                        .isEqualTo(live);
                assertThat(MatchmakingOracle.proposalCount(live)).isGreaterThanOrEqualTo(CITIES / 2);
            }
            // a declination is not in the topics the replay reads: only after the comparison
            JsonNode declined = answerThroughFollower(back, scenario, "decline");
            assertThat(status(survivor, declined)).isEqualTo("DECLINED");

            List<EventLog.Event> published = events.readAll(Topics.MATCHMAKING_EVENTS);
            BrokerOutageE2ETest.assertUniqueIds(published);
            assertThat(BrokerOutageE2ETest.countBy(
                                    published,
                                    e -> e.type().equals(EventType.PROPOSAL_ACCEPTED.ceType()),
                                    e -> e.data().path("proposalId").asText())
                            .get(accepted.get("id").asText()))
                    .as("ProposalAccepted of the proposal accepted through the follower (one per side)")
                    .isEqualTo(2);
            assertThat(BrokerOutageE2ETest.countBy(
                                    published,
                                    e -> e.type().equals(EventType.PARTNERSHIP_FORMED.ceType()),
                                    e -> e.data().path("proposalId").asText())
                            .get(accepted.get("id").asText()))
                    .as("PartnershipFormed of that proposal")
                    .isEqualTo(1);
        } finally {
            extra.forEach(ServiceProcess::close);
            if (!platform.service(MATCHMAKING).isAlive()) {
                platform.restartService(MATCHMAKING); // the other fault tests expect it
            }
        }
        await("the main instance leads the engine again (the other fault tests expect it)")
                .atMost(Duration.ofSeconds(30))
                .until(() -> leads(platform.service(MATCHMAKING)));
    }

    /**
     * Answers an open proposal between two cities of the scenario on behalf of its first city, sent to
     * the follower; returns the proposal as the follower then reads it.
     */
    private static JsonNode answerThroughFollower(ServiceProcess follower, FaultScenario scenario, String answer) {
        java.util.concurrent.atomic.AtomicReference<String> lastTry = new java.util.concurrent.atomic.AtomicReference<>(
                "no PROPOSED proposal between two cities of the scenario");
        return await(answer + " through the follower")
                .atMost(Duration.ofSeconds(60))
                .conditionEvaluationListener(condition -> {
                    if (condition.getRemainingTimeInMS() <= 0) {
                        System.out.println("Last try to " + answer + ": " + lastTry.get());
                    }
                })
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            JsonNode proposal = scenario.openProposal(follower.baseUrl());
                            if (proposal == null) {
                                return null;
                            }
                            String id = proposal.get("id").asText();
                            ApiClient.Reply reply = asAdmin()
                                    .post(
                                            follower.baseUrl() + "/api/v1/proposals/" + id + "/" + answer + "?cityId="
                                                    + proposal.get("cityA").asText(),
                                            null)
                                    .expect(200, 409); // 409: superseded by the ranking meanwhile, take another
                            lastTry.set(id + ": " + reply.status() + " " + reply.text());
                            return reply.ok() ? reply.json() : null;
                        },
                        p -> p != null);
    }

    private static String status(ServiceProcess instance, JsonNode proposal) {
        return HTTP.get(instance.baseUrl() + "/api/v1/proposals/"
                        + proposal.get("id").asText())
                .expect(200)
                .json()
                .get("status")
                .asText();
    }

    /** Whether the instance runs the engine (its gauge). */
    private static boolean leads(ServiceProcess instance) {
        return FaultPlatform.reports(instance, "citybridge_engine_leader{service=\"matchmaking-service\"} 1.0");
    }

    /**
     * Whether the instance takes a write that needs the engine: an answer to a proposal that does not
     * exist is a 404 from the engine's leader, a 503 while no instance can take it.
     */
    private static boolean takesEngineWrites(ServiceProcess instance) {
        return asAdmin()
                        .post(
                                instance.baseUrl() + "/api/v1/proposals/" + UUID.randomUUID() + "/decline?cityId="
                                        + UUID.randomUUID(),
                                null)
                        .status()
                == 404;
    }
}
