package org.citybridge.matchmaking;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.citybridge.contracts.events.PairIds;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.kit.jobs.Job;
import org.citybridge.matchmaking.partnership.Partnership;
import org.citybridge.matchmaking.proposal.Proposal;
import org.citybridge.matchmaking.ranking.Ranked;
import org.citybridge.matchmaking.readmodel.MatchmakingState;
import org.citybridge.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The engine rebuilt from the database (at start, or after a failed write) ranks every city again: the stored
 * proposals must then be what it proposes, also where lists were waiting for a re-ranking when the last engine
 * stopped (an import's, an activated model's), which nothing else would set right.
 */
@QuarkusTest
class EngineRebuildTest {

    @Inject
    ObjectMapper mapper;

    @Inject
    MatchmakingState state;

    @Test
    void shouldSetRightTheStoredProposalsARebuiltEngineDoesNotProposeAndWriteNothingWhenNoneDiffers() {
        UUID seeker = UUID.randomUUID();
        UUID offerer = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        try (TestEvents events = new TestEvents(mapper)) {
            events.publish(Scenario.registered(Scenario.simpleCity(seeker, Fixtures.name("Rebuilt seeker"), "MX")));
            events.publish(Scenario.registered(Scenario.simpleCity(offerer, Fixtures.name("Rebuilt offerer"), "CN")));
            events.publish(Scenario.registered(Scenario.simpleCity(other, Fixtures.name("Rebuilt other"), "CN")));
            events.publish(Scenario.interest(seeker, CooperationArea.CULTURE, Stance.SEEK, Intent.SISTER_CITY));
            events.publish(Scenario.interest(seeker, CooperationArea.TOURISM, Stance.SEEK, Intent.SISTER_CITY));
            events.publish(Scenario.interest(offerer, CooperationArea.CULTURE, Stance.OFFER, Intent.SISTER_CITY));
            events.publish(Scenario.interest(offerer, CooperationArea.TOURISM, Stance.OFFER, Intent.SISTER_CITY));
            events.publish(Scenario.interest(other, CooperationArea.CULTURE, Stance.OFFER, Intent.SISTER_CITY));
            Scenario.awaitOpenProposal(seeker, offerer);
            Scenario.awaitOpenProposal(seeker, other);
        }
        UUID proposal = PairIds.of(seeker, offerer, ProposalKind.SISTER_CITY, null);
        assertThat(status(proposal)).isEqualTo(Proposal.Status.PROPOSED);

        // the two became partners, and the engine that recorded it stopped before re-ranking anyone (its
        // memory gone): the database knows the partnership, the stored proposals do not show it
        QuarkusTransaction.requiringNew().run(() -> {
            Partnership partnership = new Partnership();
            partnership.id = UUID.randomUUID();
            partnership.pairId = proposal;
            partnership.cityA = seeker.compareTo(offerer) < 0 ? seeker : offerer;
            partnership.cityB = partnership.cityA.equals(seeker) ? offerer : seeker;
            partnership.kind = ProposalKind.SISTER_CITY;
            partnership.formedOn = LocalDate.of(2001, 1, 1);
            partnership.source = "Charter";
            partnership.recordedAt = Instant.now();
            partnership.persist();
        });
        long syncs = syncJobs();
        rebuild();

        // a job sets the stored proposals right, a chunk at a time
        await().atMost(Duration.ofSeconds(30)).until(() -> status(proposal) == Proposal.Status.SUPERSEDED);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> QuarkusTransaction.requiringNew()
                                .call(() -> Job.count("kind = ?1 and state = ?2", "proposal-sync", Job.State.SUCCEEDED))
                        > syncs);
        for (UUID city : List.of(seeker, offerer, other)) {
            assertThat(storedOpen(city)).as("what the engine proposes").isEqualTo(ranked(city));
        }
        assertThat(ranked(seeker)).contains(other);

        // a rebuild where every stored proposal is what the ranking proposes finds none to set right
        long before = syncJobs();
        rebuild();
        assertThat(state.locked(() -> state.engine().unsynced())).isZero();
        assertThat(syncJobs()).isEqualTo(before);
    }

    private static long syncJobs() {
        return QuarkusTransaction.requiringNew().call(() -> Job.count("kind", "proposal-sync"));
    }

    private void rebuild() {
        state.invalidate();
        state.locked(() -> {}); // loads the engine, and finds the stored proposals to set right
    }

    private static Proposal.Status status(UUID proposal) {
        return QuarkusTransaction.requiringNew().call(() -> Proposal.<Proposal>findById(proposal).status);
    }

    /** The partners of the city's open proposals of the ranking, as stored. */
    private static Set<UUID> storedOpen(UUID city) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Proposal.<Proposal>list(
                                "(cityA = ?1 or cityB = ?1) and status in ?2 and origin = ?3",
                                city,
                                Proposal.OPEN,
                                Proposal.Origin.RANKING)
                        .stream()
                        .map(p -> p.cityA.equals(city) ? p.cityB : p.cityA)
                        .collect(Collectors.toSet()));
    }

    /** The partners of every pair the engine proposes the city in (its own proposals and those proposing it). */
    private Set<UUID> ranked(UUID city) {
        return state.locked(() -> state.engine().proposedWith(city)).stream()
                .map(Ranked::partner)
                .collect(Collectors.toSet());
    }
}
