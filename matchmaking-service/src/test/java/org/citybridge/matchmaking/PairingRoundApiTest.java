package org.citybridge.matchmaking;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.citybridge.contracts.events.EventPayload;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.matchmaking.readmodel.MatchmakingState;
import org.citybridge.matchmaking.scoring.Match;
import org.citybridge.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Pairing rounds through the API: optimal and stable as claimed, stored, turned into proposals. */
@QuarkusTest
class PairingRoundApiTest {

    @Inject
    ObjectMapper mapper;

    @Inject
    MatchmakingState state;

    /** Registers n Mexican and n Chinese cities in a new cluster with random interests; returns the cluster id. */
    private UUID world(int n, long seed, List<UUID> mexican, List<UUID> chinese) {
        Random random = new Random(seed);
        UUID cluster = UUID.randomUUID();
        CooperationArea[] areas = {
            CooperationArea.TOURISM,
            CooperationArea.CULTURE,
            CooperationArea.TRADE,
            CooperationArea.EDUCATION,
            CooperationArea.TECHNOLOGY
        };
        List<EventPayload> events = new ArrayList<>();
        events.add(Scenario.cluster(cluster, "Round cluster " + cluster, CooperationArea.TOURISM));
        for (int i = 0; i < 2 * n; i++) {
            UUID id = UUID.randomUUID();
            boolean mx = i < n;
            (mx ? mexican : chinese).add(id);
            events.add(Scenario.registered(Fixtures.place(
                    id, (mx ? "Round MX " : "Round CN ") + i, mx ? "MX" : "CN", 10_000 + random.nextInt(5_000_000))));
            for (int k = 0; k < 3; k++) {
                events.add(Scenario.interest(
                        id,
                        areas[random.nextInt(areas.length)],
                        Stance.values()[random.nextInt(3)],
                        Intent.values()[random.nextInt(3)]));
            }
            // last on the city's key: once it is applied, everything before it about the city is too
            events.add(
                    Scenario.interest(id, CooperationArea.WASTE_MANAGEMENT, Stance.OFFER, Intent.KNOWLEDGE_EXCHANGE));
            events.add(Scenario.joined(cluster, id));
        }
        try (TestEvents publisher = new TestEvents(mapper)) {
            Scenario.publishAll(publisher, events);
        }
        List<UUID> all = new ArrayList<>(mexican);
        all.addAll(chinese);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> state.locked(() -> all.stream()
                        .allMatch(id -> state.engine()
                                .city(id)
                                .map(c -> c.registered()
                                        && c.clusters().contains(cluster)
                                        && c.areas().contains(CooperationArea.WASTE_MANAGEMENT))
                                .orElse(false))));
        return cluster;
    }

    /** The ids of one group of a round. */
    private static List<UUID> cityIds(JsonPath round, String group) {
        return round.getList(group, String.class).stream().map(UUID::fromString).toList();
    }

    private double[][] scores(List<UUID> left, List<UUID> right) {
        return state.locked(() -> {
            double[][] w = new double[left.size()][right.size()];
            for (int i = 0; i < left.size(); i++) {
                for (int j = 0; j < right.size(); j++) {
                    w[i][j] = state.engine()
                            .matchFor(left.get(i), right.get(j), ProposalKind.SISTER_CITY, null, false)
                            .map(Match::score)
                            .filter(s -> s > 0)
                            .orElse(0.0);
                }
            }
            return w;
        });
    }

    private static double bruteForce(double[][] w, int row, boolean[] used) {
        if (row == w.length) {
            return 0;
        }
        double best = bruteForce(w, row + 1, used); // row stays unmatched
        for (int j = 0; j < used.length; j++) {
            if (!used[j] && w[row][j] > 0) {
                used[j] = true;
                best = Math.max(best, w[row][j] + bruteForce(w, row + 1, used));
                used[j] = false;
            }
        }
        return best;
    }

    private JsonPath run(UUID cluster, String method) {
        return given().contentType("application/json")
                .body(Map.of(
                        "groupA",
                        Map.of("clusterId", cluster.toString(), "country", "MX"),
                        "groupB",
                        Map.of("clusterId", cluster.toString(), "country", "CN"),
                        "kind",
                        "SISTER_CITY",
                        "method",
                        method))
                .post("/api/v1/pairing-rounds")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldFindTheMaximumTotalScoreAndTurnItIntoProposals() {
        List<UUID> mexican = new ArrayList<>();
        List<UUID> chinese = new ArrayList<>();
        UUID cluster = world(6, 11, mexican, chinese);
        JsonPath round = run(cluster, "optimal");

        List<UUID> left = cityIds(round, "groupA");
        List<UUID> right = cityIds(round, "groupB");
        assertThat(left).containsExactlyInAnyOrderElementsOf(mexican);
        assertThat(right).containsExactlyInAnyOrderElementsOf(chinese);
        double[][] w = scores(left, right);
        assertThat(round.getDouble("totalScore"))
                .isCloseTo(bruteForce(w, 0, new boolean[right.size()]), org.assertj.core.data.Offset.offset(1e-6));
        List<Map<String, Object>> pairs = round.getList("pairs");
        assertThat(pairs).isNotEmpty().allSatisfy(p -> {
            assertThat(p.get("kind")).isEqualTo("SISTER_CITY");
            assertThat((List<?>) p.get("reasons")).isNotEmpty();
        });
        int matched = pairs.size();
        assertThat(round.getList("unmatched")).hasSize(2 * 6 - 2 * matched);

        String id = round.getString("id");
        given().get("/api/v1/pairing-rounds/{id}", id)
                .then()
                .statusCode(200)
                .body("totalScore", equalTo(round.getFloat("totalScore")))
                .body("proposalsCreated", equalTo(false));
        List<Map<String, Object>> proposals = given().post("/api/v1/pairing-rounds/{id}/proposals", id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        assertThat(proposals)
                .hasSize(matched)
                .allSatisfy(p -> assertThat(p.get("status")).isIn("PROPOSED", "ACCEPTED_BY_ONE"));
        given().post("/api/v1/pairing-rounds/{id}/proposals", id).then().statusCode(409);
        given().get("/api/v1/pairing-rounds/{id}", id).then().statusCode(200).body("proposalsCreated", equalTo(true));
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldLeaveNoBlockingPairInAStableRound() {
        JsonPath round = run(world(6, 23, new ArrayList<>(), new ArrayList<>()), "stable");
        List<UUID> left = cityIds(round, "groupA");
        List<UUID> right = cityIds(round, "groupB");
        double[][] w = scores(left, right);
        int[] partnerOfLeft = new int[left.size()];
        int[] partnerOfRight = new int[right.size()];
        java.util.Arrays.fill(partnerOfLeft, -1);
        java.util.Arrays.fill(partnerOfRight, -1);
        for (Map<String, Object> pair : round.<Map<String, Object>>getList("pairs")) {
            int i = left.indexOf(UUID.fromString((String) pair.get("cityA")));
            int j = right.indexOf(UUID.fromString((String) pair.get("cityB")));
            partnerOfLeft[i] = j;
            partnerOfRight[j] = i;
        }
        for (int i = 0; i < left.size(); i++) {
            for (int j = 0; j < right.size(); j++) {
                if (w[i][j] <= 0 || partnerOfLeft[i] == j) {
                    continue;
                }
                boolean leftWants = partnerOfLeft[i] < 0 || w[i][j] > w[i][partnerOfLeft[i]];
                boolean rightWants = partnerOfRight[j] < 0 || w[i][j] > w[partnerOfRight[j]][j];
                assertThat(leftWants && rightWants)
                        .as("blocking pair %d-%d", i, j)
                        .isFalse();
            }
        }
        assertThat(round.getString("method")).isEqualTo("stable");
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldExplainWhyCitiesOfOneCountryCannotBePairedAsSisterCities() {
        List<UUID> mexican = new ArrayList<>();
        List<UUID> chinese = new ArrayList<>();
        world(2, 5, mexican, chinese);
        JsonPath round = given().contentType("application/json")
                .body(Map.of(
                        "groupA", Map.of("cityIds", List.of(mexican.get(0).toString())),
                        "groupB", Map.of("cityIds", List.of(mexican.get(1).toString())),
                        "kind", "SISTER_CITY"))
                .post("/api/v1/pairing-rounds")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        assertThat(round.getList("pairs")).isEmpty();
        assertThat(round.getList("unmatched.reason", String.class))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r).startsWith("No eligible partner"));
        given().contentType("application/json")
                .body(Map.of(
                        "groupA",
                        Map.of("cityIds", List.of(mexican.get(0).toString())),
                        "groupB",
                        Map.of("cityIds", List.of(mexican.get(0).toString())),
                        "kind",
                        "SISTER_CITY"))
                .post("/api/v1/pairing-rounds")
                .then()
                .statusCode(422);
        given().contentType("application/json")
                .body(Map.of("groupA", Map.of(), "groupB", Map.of("country", "CN"), "kind", "THEMATIC"))
                .post("/api/v1/pairing-rounds")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("groupA"));
        given().contentType("application/json")
                .body(Map.of(
                        "groupA",
                        Map.of("country", "MX"),
                        "groupB",
                        Map.of("country", "CN"),
                        "kind",
                        "THEMATIC",
                        "method",
                        "greedy"))
                .post("/api/v1/pairing-rounds")
                .then()
                .statusCode(400);
        given().get("/api/v1/pairing-rounds/{id}", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "partner", roles = "partner-system")
    void shouldForbidRoundsToAnyoneButAdmins() {
        given().contentType("application/json")
                .body(Map.of(
                        "groupA", Map.of("country", "MX"), "groupB", Map.of("country", "CN"), "kind", "SISTER_CITY"))
                .post("/api/v1/pairing-rounds")
                .then()
                .statusCode(403);
    }
}
