package org.citybridge.matchmaking.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.citybridge.contracts.events.PairIds;
import org.citybridge.contracts.events.PartnershipFormed;
import org.citybridge.contracts.events.ProposalAccepted;
import org.citybridge.contracts.events.ProposalCreated;
import org.citybridge.contracts.events.ProposalDeclined;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.citybridge.kit.outbox.EventOutbox;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.kit.security.Caller;
import org.citybridge.kit.web.ETags;
import org.citybridge.kit.paging.Page;
import org.citybridge.kit.paging.PageRequest;
import org.citybridge.matchmaking.PartnershipRecord;
import org.citybridge.matchmaking.ProposalRecord;
import org.citybridge.matchmaking.ProposalRecord.Origin;
import org.citybridge.matchmaking.ProposalRecord.Status;
import org.citybridge.matchmaking.domain.Match;
import org.citybridge.matchmaking.domain.PairChange;
import org.hibernate.query.NativeQuery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
 * Proposals: keeps the stored proposals equal to the union of the cities' top lists, and runs their
 * lifecycle (accept, decline) with the authorisation rules. Writes run under the engine lock in one
 * transaction each (see {@link MatchmakingState}); events go through the outbox in that transaction.
 */
@ApplicationScoped
public class ProposalService {

    private static final List<Status> OPEN = List.of(Status.PROPOSED, Status.ACCEPTED_BY_ONE);

    private final MatchmakingState state;
    private final EventOutbox outbox;
    private final Json json;
    private final EntityManager em;

    public ProposalService(MatchmakingState state, EventOutbox outbox, Json json, EntityManager em) {
        this.state = state;
        this.outbox = outbox;
        this.json = json;
        this.em = em;
    }

    /** Pairs per round of {@link #sync}: keeps the id list of its second query well below PostgreSQL's bind limit. */
    private static final int SYNC_CHUNK = 500;

    /**
     * Applies ranking changes: new listed pairs become proposals, pairs listed by nobody are superseded.
     * The proposals of the changed pairs are read with two queries per chunk of pairs instead of two
     * per pair: an event changes tens of pairs, and one query (with its auto-flush) per pair was what
     * bounded event ingest.
     */
    void sync(List<PairChange> changes, Instant now) {
        for (int from = 0; from < changes.size(); from += SYNC_CHUNK) {
            syncChunk(changes.subList(from, Math.min(changes.size(), from + SYNC_CHUNK)), now);
        }
    }

    private void syncChunk(List<PairChange> changes, Instant now) {
        Map<List<UUID>, List<ProposalRecord>> openByPair = new HashMap<>();
        for (ProposalRecord proposal : openProposalsOf(changes)) {
            openByPair.computeIfAbsent(List.of(proposal.cityA, proposal.cityB), k -> new ArrayList<>()).add(proposal);
        }
        // every stored proposal of the current matches, whatever its status; absent = new
        UUID[] pairIds = new UUID[changes.size()]; // name-based UUIDs (a hash each): computed once
        Set<UUID> matched = new HashSet<>();
        for (int i = 0; i < changes.size(); i++) {
            if (changes.get(i).current() != null) {
                pairIds[i] = changes.get(i).current().pairId();
                matched.add(pairIds[i]);
            }
        }
        Map<UUID, ProposalRecord> byId = new HashMap<>();
        if (!matched.isEmpty()) {
            for (ProposalRecord proposal : ProposalRecord.<ProposalRecord>list("id in ?1", matched)) {
                byId.put(proposal.id, proposal);
            }
        }
        for (int i = 0; i < changes.size(); i++) {
            PairChange change = changes.get(i);
            Match match = change.current();
            UUID keep = pairIds[i];
            for (ProposalRecord proposal : openByPair.getOrDefault(List.of(change.cityA(), change.cityB()), List.of())) {
                if (!proposal.id.equals(keep) && proposal.status == Status.PROPOSED && proposal.origin == Origin.RANKING) {
                    proposal.status = Status.SUPERSEDED;
                    proposal.updatedAt = now;
                }
            }
            if (match != null) {
                upsert(match, keep, byId.get(keep), Origin.RANKING, now);
            }
        }
    }

    /**
     * The open proposals of exactly these pairs (any kind). The pairs go in as two parallel arrays, so
     * the statement is the same whatever their number; selecting every open proposal of any first city
     * with any second city, as before, loaded hundreds of unrelated proposals per event.
     */
    @SuppressWarnings("unchecked")
    private List<ProposalRecord> openProposalsOf(List<PairChange> changes) {
        StringJoiner firsts = new StringJoiner(",", "{", "}");
        StringJoiner seconds = new StringJoiner(",", "{", "}");
        for (PairChange change : changes) {
            firsts.add(change.cityA().toString());
            seconds.add(change.cityB().toString());
        }
        return em.createNativeQuery("""
                        select p.* from mm_proposal p
                        join unnest(cast(:firsts as uuid[]), cast(:seconds as uuid[])) as pair(city_a, city_b)
                          on p.city_a = pair.city_a and p.city_b = pair.city_b
                        where p.status in ('PROPOSED', 'ACCEPTED_BY_ONE')""", ProposalRecord.class)
                .unwrap(NativeQuery.class)
                .addSynchronizedEntityClass(ProposalRecord.class) // flushes pending proposal changes first, as a query would
                .setParameter("firsts", firsts.toString())
                .setParameter("seconds", seconds.toString())
                .getResultList();
    }

    /** Creates or refreshes the proposal of a match; returns it, or empty if its history forbids it. */
    Optional<ProposalRecord> upsert(Match match, Origin origin, Instant now) {
        UUID pairId = match.pairId();
        return upsert(match, pairId, ProposalRecord.findById(pairId), origin, now);
    }

    /** As {@link #upsert(Match, Origin, Instant)}, with its pair id and the stored proposal (null if none). */
    private Optional<ProposalRecord> upsert(Match match, UUID pairId, ProposalRecord stored, Origin origin, Instant now) {
        ProposalRecord proposal = stored;
        if (proposal == null) {
            proposal = new ProposalRecord();
            proposal.id = pairId;
            proposal.cityA = match.cityA();
            proposal.cityB = match.cityB();
            proposal.kind = match.kind();
            proposal.area = match.area() == null ? null : match.area().code();
            proposal.origin = origin;
            proposal.createdAt = now;
            fill(proposal, match, now);
            proposal.status = Status.PROPOSED;
            proposal.persist();
            announce(proposal, match, now);
            return Optional.of(proposal);
        }
        if (proposal.isOpen()) {
            if (proposal.score != match.score() || !proposal.reasons.equals(json.write(match.reasons()))) {
                fill(proposal, match, now);
            }
            return Optional.of(proposal);
        }
        if (proposal.status == Status.SUPERSEDED) {
            fill(proposal, match, now);
            proposal.status = Status.PROPOSED;
            proposal.acceptedByA = false;
            proposal.acceptedByB = false;
            proposal.origin = origin;
            announce(proposal, match, now);
            return Optional.of(proposal);
        }
        return Optional.empty(); // declined, agreed or withdrawn: never proposed again
    }

    private void fill(ProposalRecord proposal, Match match, Instant now) {
        proposal.score = match.score();
        proposal.reasons = json.write(match.reasons());
        proposal.updatedAt = now;
    }

    private void announce(ProposalRecord proposal, Match match, Instant now) {
        outbox.append(new ProposalCreated(proposal.id, proposal.cityA, proposal.cityB, proposal.kind, match.area(),
                match.score(), match.reasons(), now));
    }

    /** A city retired: its open proposals are withdrawn. */
    void withdrawOpen(UUID cityId, Instant now) {
        for (ProposalRecord proposal : ProposalRecord.<ProposalRecord>list("(cityA = ?1 or cityB = ?1) and status in ?2", cityId, OPEN)) {
            proposal.status = Status.WITHDRAWN;
            proposal.updatedAt = now;
        }
    }

    // ------------------------------------------------------------- lifecycle

    /** One side accepts; when both have, the proposal is AGREED and a partnership forms. */
    public ProposalRecord accept(UUID proposalId, UUID asCity, String ifMatch, Caller caller) {
        return answer(proposalId, asCity, ifMatch, caller, "accepted", (proposal, side, now) -> {
            boolean sideA = side.equals(proposal.cityA);
            if (sideA ? proposal.acceptedByA : proposal.acceptedByB) {
                throw ApiException.conflict("City " + side + " has already accepted proposal " + proposalId);
            }
            if (sideA) {
                proposal.acceptedByA = true;
            } else {
                proposal.acceptedByB = true;
            }
            proposal.updatedAt = now;
            outbox.append(new ProposalAccepted(proposal.id, proposal.cityA, proposal.cityB, side, now));
            if (proposal.acceptedByA && proposal.acceptedByB) {
                proposal.status = Status.AGREED;
                formPartnership(proposal.cityA, proposal.cityB, proposal.kind,
                        proposal.area == null ? null : CooperationArea.fromCode(proposal.area),
                        LocalDate.ofInstant(now, ZoneOffset.UTC), "proposal", proposal.id, now);
            } else {
                proposal.status = Status.ACCEPTED_BY_ONE;
            }
        });
    }

    /** One side declines: the pair is never proposed again for this kind. */
    public ProposalRecord decline(UUID proposalId, UUID asCity, String ifMatch, Caller caller) {
        return answer(proposalId, asCity, ifMatch, caller, "declined", (proposal, side, now) -> {
            proposal.status = Status.DECLINED;
            proposal.decidedBy = side;
            proposal.updatedAt = now;
            outbox.append(new ProposalDeclined(proposal.id, proposal.cityA, proposal.cityB, side, now));
            state.engine().declined(proposal.cityA, proposal.cityB, proposal.kind,
                    proposal.area == null ? null : CooperationArea.fromCode(proposal.area));
            sync(state.engine().drainChanges(), now);
        });
    }

    /** What accepting or declining does to an open proposal, for the side that answers. */
    @FunctionalInterface
    private interface Answer {
        void apply(ProposalRecord proposal, UUID side, Instant now);
    }

    /**
     * The checks both answers share, in one locked transaction: the proposal exists, the caller may act
     * for the side, If-Match (when sent) is current and the proposal is still open.
     */
    private ProposalRecord answer(UUID proposalId, UUID asCity, String ifMatch, Caller caller, String verb, Answer answer) {
        return state.locked(() -> QuarkusTransaction.requiringNew().call(() -> {
            ProposalRecord proposal = require(proposalId);
            UUID side = side(proposal, asCity, caller);
            if (ifMatch != null) {
                ETags.requireMatch(ifMatch, proposal.version);
            }
            if (!proposal.isOpen()) {
                throw ApiException.conflict("Proposal " + proposalId + " is " + proposal.status + " and can no longer be " + verb);
            }
            answer.apply(proposal, side, Instant.now());
            return proposal;
        }));
    }

    /** Records a partnership, announces it and lets the ranking learn from it; inside a locked transaction. */
    PartnershipRecord formPartnership(UUID cityX, UUID cityY, ProposalKind kind, CooperationArea area, LocalDate formedOn,
                                      String source, UUID proposalId, Instant now) {
        UUID pairId = PairIds.of(cityX, cityY, kind, area);
        if (PartnershipRecord.count("pairId", pairId) > 0) {
            throw ApiException.conflict("A " + kind + " partnership of these cities is already recorded");
        }
        PartnershipRecord partnership = new PartnershipRecord();
        partnership.id = UUID.randomUUID();
        partnership.pairId = pairId;
        partnership.cityA = cityX.compareTo(cityY) < 0 ? cityX : cityY;
        partnership.cityB = partnership.cityA.equals(cityX) ? cityY : cityX;
        partnership.kind = kind;
        partnership.area = area == null ? null : area.code();
        partnership.formedOn = formedOn;
        partnership.source = source;
        partnership.proposalId = proposalId;
        partnership.recordedAt = now;
        partnership.persist();
        // a proposal of this very partnership that one side had accepted can no longer be agreed (the
        // partnership exists, a second one would be a conflict): close it rather than leave it open
        ProposalRecord same = ProposalRecord.findById(pairId);
        if (same != null && same.isOpen() && !same.id.equals(proposalId)) {
            same.status = Status.SUPERSEDED;
            same.updatedAt = now;
        }
        outbox.append(new PartnershipFormed(partnership.id, pairId, proposalId, partnership.cityA, partnership.cityB,
                kind, area, formedOn, source, now));
        state.engine().partnershipFormed(cityX, cityY);
        sync(state.engine().drainChanges(), now);
        return partnership;
    }

    private static ProposalRecord require(UUID id) {
        ProposalRecord proposal = ProposalRecord.findById(id);
        if (proposal == null) {
            throw ApiException.notFound("Proposal", id);
        }
        return proposal;
    }

    /** Which side the caller acts for: an officer's own city (one of the pair), or the side an admin names. */
    private static UUID side(ProposalRecord proposal, UUID asCity, Caller caller) {
        if (caller.isAdmin()) {
            if (asCity == null) {
                throw ApiException.badRequest("cityId", "required for platform-admin: the side you act for");
            }
            if (!asCity.equals(proposal.cityA) && !asCity.equals(proposal.cityB)) {
                throw ApiException.badRequest("cityId", "must be one of the two cities of the proposal");
            }
            return asCity;
        }
        UUID own = caller.officerCity().orElseThrow(() -> ApiException.forbidden("Only an officer of one of the two cities may answer"));
        if ((asCity != null && !asCity.equals(own)) || (!own.equals(proposal.cityA) && !own.equals(proposal.cityB))) {
            throw ApiException.forbidden("You may answer only your own city's proposals");
        }
        return own;
    }

    // ------------------------------------------------------------- reads

    public Optional<ProposalRecord> find(UUID id) {
        return ProposalRecord.findByIdOptional(id);
    }

    /** Open proposals of a city, best first. */
    public List<ProposalRecord> openFor(UUID cityId) {
        return ProposalRecord.list("(cityA = ?1 or cityB = ?1) and status in ?2 order by score desc, id", cityId, OPEN);
    }

    public Page<ProposalRecord> search(UUID cityId, Status status, ProposalKind kind, CooperationArea area, PageRequest page) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (cityId != null) {
            where.add("(cityA = :city or cityB = :city)");
            params.and("city", cityId);
        }
        if (status != null) {
            where.add("status = :status");
            params.and("status", status);
        }
        if (kind != null) {
            where.add("kind = :kind");
            params.and("kind", kind);
        }
        if (area != null) {
            where.add("area = :area");
            params.and("area", area.code());
        }
        String query = where.isEmpty() ? "1 = 1" : String.join(" and ", where);
        var found = ProposalRecord.<ProposalRecord>find(query, page.sort(), params.map());
        long total = found.count();
        return Page.of(found.page(page.panachePage()).list(), page, total);
    }
}
