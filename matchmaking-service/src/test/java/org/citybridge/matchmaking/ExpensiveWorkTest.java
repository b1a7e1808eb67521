package org.citybridge.matchmaking;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.citybridge.matchmaking.pairing.PairingService;
import org.citybridge.matchmaking.readmodel.MatchmakingState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Work over every city cannot pile up: one rescore (and one model fit) at a time, a bounded number of
 * pairing rounds; the engine is held busy by the test so that the first requests are still running when
 * the next arrive.
 */
@QuarkusTest
@TestSecurity(user = "admin", roles = "platform-admin")
class ExpensiveWorkTest {

    @Inject
    MatchmakingState state;

    @Inject
    PairingService pairing;

    @Test
    void aSecondRescoreWhileTheFirstIsQueuedOrRunningIsAConflictNamingIt() throws Exception {
        String first;
        try (EngineHeld held = new EngineHeld()) {
            first = given().post("/api/v1/admin/rescore")
                    .then()
                    .statusCode(202)
                    .extract()
                    .path("id");
            given().post("/api/v1/admin/rescore")
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("detail", containsString("/api/v1/jobs/" + first));
        }
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> given().get("/api/v1/jobs/{id}", first).then().body("state", equalTo("SUCCEEDED")));
        given().post("/api/v1/admin/rescore").then().statusCode(202);
    }

    @Test
    void pairingRoundsBeyondTheLimitAreTurnedAwayWithRetryAfter() throws Exception {
        List<CompletableFuture<Integer>> admitted;
        try (EngineHeld held = new EngineHeld()) {
            // the default limit is two rounds at a time: both wait for the engine the test holds
            admitted = List.of(CompletableFuture.supplyAsync(this::round), CompletableFuture.supplyAsync(this::round));
            await().atMost(Duration.ofSeconds(30)).until(() -> pairing.roundsInProgress() == 2);
            Response third =
                    given().contentType(ContentType.JSON).body(roundBody()).post("/api/v1/pairing-rounds");
            assertThat(third.statusCode()).isEqualTo(503);
            assertThat(third.contentType()).startsWith("application/problem+json");
            assertThat(third.header("Retry-After")).isEqualTo("5");
        }
        for (CompletableFuture<Integer> round : admitted) {
            assertThat(round.get(60, TimeUnit.SECONDS)).isEqualTo(201);
        }
        assertThat(pairing.roundsInProgress()).isZero();
    }

    private int round() {
        return given().contentType(ContentType.JSON)
                .body(roundBody())
                .post("/api/v1/pairing-rounds")
                .statusCode();
    }

    private static Map<String, Object> roundBody() {
        return Map.of("groupA", Map.of("country", "TV"), "groupB", Map.of("country", "NR"), "kind", "SISTER_CITY");
    }

    /** Holds the engine lock on a thread of its own until closed, as a long re-ranking step would. */
    private final class EngineHeld implements AutoCloseable {

        private final CountDownLatch release = new CountDownLatch(1);
        private final CompletableFuture<Void> holder;

        EngineHeld() throws InterruptedException {
            CountDownLatch held = new CountDownLatch(1);
            holder = CompletableFuture.runAsync(() -> state.locked(() -> {
                held.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(held.await(30, TimeUnit.SECONDS)).as("engine lock taken").isTrue();
        }

        @Override
        public void close() throws Exception {
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
        }
    }
}
