package org.citybridge.matchmaking;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.matchmaking.proposal.CatchUpRanking;
import org.citybridge.matchmaking.readmodel.MatchmakingState;
import org.citybridge.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A backlog (here: events piling up while the engine is busy) goes into the scoring graph alone, and every
 * city is re-ranked once after it drained: the rankings then are exactly what a full re-score makes.
 */
@QuarkusTest
@TestProfile(StrictModelProfile.class) // polls of 20 events or more are a backlog
class CatchUpRankingTest {

    @Inject
    ObjectMapper mapper;

    @Inject
    MatchmakingState state;

    @Inject
    CatchUpRanking catchUp;

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldRankABacklogOnceItDrainedExactlyAsAFullRescore() throws Exception {
        long before = catchUp.backlogPolls();
        List<UUID> cities = new ArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(1);
        // the engine busy (as with a long re-ranking step): the events pile up on the topic meanwhile
        CompletableFuture<Void> busy = CompletableFuture.runAsync(() -> state.locked(() -> {
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
        try (TestEvents events = new TestEvents(mapper)) {
            for (int i = 0; i < 60; i++) {
                UUID id = UUID.randomUUID();
                cities.add(id);
                boolean mexican = i % 2 == 0;
                events.publish(Scenario.registered(Scenario.simpleCity(id, "Backlog " + i, mexican ? "MX" : "CN")));
                events.publish(Scenario.interest(
                        id, CooperationArea.PUBLIC_HEALTH, mexican ? Stance.SEEK : Stance.OFFER, Intent.SISTER_CITY));
            }
        } finally {
            release.countDown();
            busy.get(30, TimeUnit.SECONDS);
        }

        await().atMost(Duration.ofSeconds(60))
                .until(() -> state.locked(() -> cities.stream()
                                .allMatch(id -> state.engine().city(id).isPresent()))
                        && state.locked(() -> state.engine().waitingForReranking()) == 0);

        assertThat(catchUp.backlogPolls()).as("polls applied as a backlog").isGreaterThan(before);
        for (UUID city : cities.subList(0, 4)) {
            assertThat(Scenario.cityProposals(city).getList("$"))
                    .as("proposals of %s", city)
                    .isNotEmpty();
        }
        String job = given().post("/api/v1/admin/rescore")
                .then()
                .statusCode(202)
                .extract()
                .header("Location");
        assertThat(Scenario.awaitJob(job)).containsEntry("changedPairs", 0);
    }
}
