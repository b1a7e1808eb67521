package org.citybridge.matchmaking.proposal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.citybridge.kit.outbox.EventOutbox;
import org.citybridge.kit.persistence.Slices;
import org.citybridge.matchmaking.proposal.Proposal.Origin;
import org.citybridge.matchmaking.proposal.Proposal.Status;
import org.citybridge.matchmaking.ranking.PairChange;
import org.citybridge.matchmaking.scoring.Match;
import org.hibernate.query.NativeQuery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * Keeps the stored proposals equal to the union of the cities' top lists: a newly listed pair becomes a
 * proposal (announced), a changed one is rescored, one listed by nobody is superseded. Runs inside the
 * caller's transaction, under the engine lock, after the engine changed.
 */
@ApplicationScoped
public class ProposalSync {

    @Inject
    EventOutbox outbox;

    @Inject
    EntityManager em;

    /**
     * Applies ranking changes: new listed pairs become proposals, pairs listed by nobody are superseded.
     * The proposals of the changed pairs are read with two queries per chunk of pairs instead of two
     * per pair: an event changes tens of pairs, and one query (with its auto-flush) per pair was what
     * bounded event ingest.
     */
    public void apply(List<PairChange> changes, Instant now) {
        // a slice of pairs names at most one proposal per kind and area each: within a statement's bounds
        Slices.forEach(changes, slice -> applyChunk(slice, now));
    }

    private void applyChunk(List<PairChange> changes, Instant now) {
        // every stored proposal of the current matches, whatever its status (absent = new), and the open
        // proposals of the changed pairs, of any kind: one load, without their reasons
        UUID[] pairIds = new UUID[changes.size()]; // name-based UUIDs (a hash each): computed once
        Set<UUID> wanted = new HashSet<>(openProposalsOf(changes));
        for (int i = 0; i < changes.size(); i++) {
            if (changes.get(i).current() != null) {
                pairIds[i] = changes.get(i).current().pairId();
                wanted.add(pairIds[i]);
            }
        }
        Map<UUID, Proposal> byId = new HashMap<>();
        Map<List<UUID>, List<Proposal>> openByPair = new HashMap<>();
        if (!wanted.isEmpty()) {
            List<Proposal> stored = Proposal.list("id in ?1", wanted);
            Proposal.fillMissingDigests(stored);
            for (Proposal proposal : stored) {
                byId.put(proposal.id, proposal);
                if (proposal.isOpen()) {
                    openByPair
                            .computeIfAbsent(List.of(proposal.cityA, proposal.cityB), k -> new ArrayList<>())
                            .add(proposal);
                }
            }
        }
        for (int i = 0; i < changes.size(); i++) {
            PairChange change = changes.get(i);
            UUID keep = pairIds[i];
            for (Proposal proposal : openByPair.getOrDefault(List.of(change.cityA(), change.cityB()), List.of())) {
                if (!proposal.id.equals(keep)) {
                    proposal.supersedeIfUnanswered(now);
                }
            }
            if (change.current() != null) {
                upsert(change.current(), keep, byId.get(keep), Origin.RANKING, now);
            }
        }
    }

    /**
     * The ids of the open proposals of exactly these pairs (any kind). The pairs go in as two parallel
     * arrays, so the statement is the same whatever their number; selecting every open proposal of any first
     * city with any second city, as before, loaded hundreds of unrelated proposals per event.
     */
    @SuppressWarnings("unchecked")
    private List<UUID> openProposalsOf(List<PairChange> changes) {
        StringJoiner firsts = new StringJoiner(",", "{", "}");
        StringJoiner seconds = new StringJoiner(",", "{", "}");
        for (PairChange change : changes) {
            firsts.add(change.cityA().toString());
            seconds.add(change.cityB().toString());
        }
        return em.createNativeQuery("""
                        select p.id from mm_proposal p
                        join unnest(cast(:firsts as uuid[]), cast(:seconds as uuid[])) as pair(city_a, city_b)
                          on p.city_a = pair.city_a and p.city_b = pair.city_b
                        where p.status in ('PROPOSED', 'ACCEPTED_BY_ONE')""", UUID.class)
                .unwrap(NativeQuery.class)
                .addSynchronizedEntityClass(Proposal.class) // flushes pending proposal changes first, as a query would
                .setParameter("firsts", firsts.toString())
                .setParameter("seconds", seconds.toString())
                .getResultList();
    }

    /** Creates or refreshes the proposal of a match; returns it, or empty if its history forbids it. */
    public Optional<Proposal> upsert(Match match, Origin origin, Instant now) {
        UUID pairId = match.pairId();
        Proposal stored = Proposal.findById(pairId);
        if (stored != null) {
            Proposal.fillMissingDigests(List.of(stored));
        }
        return upsert(match, pairId, stored, origin, now);
    }

    /** As {@link #upsert(Match, Origin, Instant)}, with its pair id and the stored proposal (null if none). */
    private Optional<Proposal> upsert(Match match, UUID pairId, Proposal stored, Origin origin, Instant now) {
        if (stored == null) {
            Proposal proposal = Proposal.propose(match, pairId, origin, now);
            proposal.persist();
            outbox.append(proposal.announcement(match, now));
            return Optional.of(proposal);
        }
        if (stored.isOpen()) {
            stored.rescore(match, now);
            return Optional.of(stored);
        }
        if (stored.status == Status.SUPERSEDED) {
            outbox.append(stored.reopen(match, origin, now));
            return Optional.of(stored);
        }
        return Optional.empty(); // declined, agreed or withdrawn: never proposed again
    }

    /** A city retired: its open proposals are withdrawn. */
    public void withdrawOpen(UUID cityId, Instant now) {
        for (Proposal proposal :
                Proposal.<Proposal>list("(cityA = ?1 or cityB = ?1) and status in ?2", cityId, Proposal.OPEN)) {
            proposal.withdraw(now);
        }
    }

    /**
     * A partnership of this pair and kind was formed: an open proposal of it other than the one agreed
     * can no longer be agreed (a second partnership would be a conflict), so it closes.
     */
    public void partnershipFormed(UUID pairId, UUID agreedProposalId, Instant now) {
        Proposal same = Proposal.findById(pairId);
        if (same != null && !same.id.equals(agreedProposalId)) {
            same.supersedeByPartnership(now);
        }
    }

    /**
     * The same for the pairs of an import's chunk, none of them agreed through a proposal: their open
     * proposals found with one query instead of a look-up per pair.
     */
    public void partnershipsFormed(List<UUID> pairIds, Instant now) {
        Slices.forEach(
                pairIds,
                slice -> Proposal.<Proposal>list("id in ?1", slice)
                        .forEach(proposal -> proposal.supersedeByPartnership(now)));
    }
}
