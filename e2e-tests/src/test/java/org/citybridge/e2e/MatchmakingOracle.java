package org.citybridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.citybridge.contracts.events.Topics;
import org.citybridge.launcher.Platform;
import org.citybridge.launcher.ServiceProcess;
import org.citybridge.launcher.http.ApiClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.citybridge.e2e.FaultPlatform.HTTP;

/**
 * What matchmaking would show had nothing gone wrong: a second matchmaking-service process with a
 * fresh database (a new database in the same PostgreSQL) and a new consumer group, which replays
 * {@code city-events} and {@code cluster-events} from the beginning without any fault. Its outbox relay
 * is off, so it publishes nothing and the platform does not see it.
 *
 * <p>The topics are the platform's record of every fact, and matchmaking's proposals are meant to be a
 * function of those facts (README: "a fresh database and a new consumer group replaying the topics give
 * the same proposals"). So when both instances have read the topics to their end, the live instance,
 * which lived through the fault, must show exactly the proposals of the clean replay: same pairs, kinds,
 * areas, scores, statuses and ranks for every city. A lost, duplicated or half-applied event, or an
 * in-memory ranking that drifted from the database across a crash, makes them differ.
 */
final class MatchmakingOracle implements AutoCloseable {

    static final String LIVE_GROUP = "matchmaking-service";
    static final List<String> INPUT_TOPICS = List.of(Topics.CITY_EVENTS, Topics.CLUSTER_EVENTS);

    private final ServiceProcess process;
    private final String group;

    private MatchmakingOracle(ServiceProcess process, String group) {
        this.process = process;
        this.group = group;
    }

    static MatchmakingOracle start(Platform platform) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String database = "matchmaking_oracle_" + suffix;
        String group = "matchmaking-service-oracle-" + suffix; // the service may use groups with its name as prefix
        Map<String, String> env = new LinkedHashMap<>();
        env.putAll(platform.postgres().serviceEnvironment(database));
        env.put("CITYBRIDGE_OUTBOX_ENABLED", "false");
        env.put("MP_MESSAGING_INCOMING_CITY_EVENTS_GROUP_ID", group);
        env.put("MP_MESSAGING_INCOMING_CLUSTER_EVENTS_GROUP_ID", group);
        return new MatchmakingOracle(
                platform.startInstance(FaultPlatform.MATCHMAKING, "matchmaking-oracle-" + suffix, env), group);
    }

    /**
     * Waits until the live matchmaking, the replay and cities-service (which turns partnerships into
     * city updates) have read every event published so far, and stay so for a few seconds; then the
     * live instance must show the replay's proposals for each city.
     *
     * @return the live proposals compared, for further checks
     */
    Map<UUID, List<String>> assertLiveEqualsReplay(Platform platform, EventLog events, List<UUID> cities) {
        await("matchmaking (live and replay) and cities-service have read every event")
                .atMost(Duration.ofSeconds(150))
                .pollInterval(Duration.ofMillis(500))
                .during(Duration.ofSeconds(3))
                .until(() -> events.caughtUp(LIVE_GROUP, INPUT_TOPICS)
                        && events.caughtUp(group, INPUT_TOPICS)
                        && events.caughtUp(
                                "cities-service", List.of(Topics.CLUSTER_EVENTS, Topics.MATCHMAKING_EVENTS)));
        Map<UUID, List<String>> live = snapshot(platform.serviceUrl(FaultPlatform.MATCHMAKING), cities);
        Map<UUID, List<String>> replay = snapshot(process.baseUrl(), cities);
        assertThat(live)
                .as("live proposals per city (left) against a clean replay (right)")
                .isEqualTo(replay);
        return live;
    }

    /** Each city's ranked open proposals as one line per rank: partner, proposal id, kind, area, score, status. */
    static Map<UUID, List<String>> snapshot(String matchmakingUrl, List<UUID> cities) {
        Map<UUID, List<String>> snapshot = new LinkedHashMap<>();
        for (UUID city : cities) {
            ApiClient.Reply answer = HTTP.get(matchmakingUrl + "/api/v1/cities/" + city + "/proposals")
                    .expect(200, 404);
            List<String> lines = new ArrayList<>();
            if (answer.status() == 404) {
                lines.add("unknown to matchmaking");
            } else {
                for (JsonNode ranked : answer.json()) {
                    JsonNode p = ranked.get("proposal");
                    lines.add("#" + ranked.get("rank").asInt() + " "
                            + ranked.get("partnerCityId").asText()
                            + " " + p.get("id").asText() + " " + p.get("kind").asText() + " "
                            + p.path("area").asText("-")
                            + " score=" + p.get("score").asText() + " "
                            + p.get("status").asText());
                }
            }
            snapshot.put(city, lines);
        }
        return snapshot;
    }

    static int proposalCount(Map<UUID, List<String>> snapshot) {
        return snapshot.values().stream()
                .mapToInt(lines ->
                        (int) lines.stream().filter(l -> l.startsWith("#")).count())
                .sum();
    }

    @Override
    public void close() {
        process.close();
    }
}
