package org.citybridge.matchmaking.proposal;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.citybridge.contracts.events.MatchReason;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.citybridge.kit.command.ExpectedVersion;
import org.citybridge.kit.outbox.EventOutbox;
import org.citybridge.kit.paging.Page;
import org.citybridge.kit.paging.PageRequest;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.kit.security.Caller;
import org.citybridge.kit.time.Clock;
import org.citybridge.matchmaking.partnership.PartnershipService;
import org.citybridge.matchmaking.proposal.Proposal.Status;
import org.citybridge.matchmaking.ranking.Ranked;
import org.citybridge.matchmaking.readmodel.City;
import org.citybridge.matchmaking.readmodel.MatchmakingState;
import org.hibernate.Hibernate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The lifecycle of proposals (accept, decline) with its authorisation rules, and their reads. Writes run under the engine lock in one
 * transaction each (see {@link MatchmakingState}); events go through the outbox in that transaction.
 */
@ApplicationScoped
public class ProposalService {

    @Inject
    MatchmakingState state;

    @Inject
    EventOutbox outbox;

    @Inject
    ProposalSync sync;

    @Inject
    PartnershipService partnerships;

    /** One side's answer to a proposal: who acts (an admin names the side; an officer's city is in its token). */
    public record Answer(UUID proposalId, UUID asCity, ExpectedVersion expected, Caller caller) {}

    // ------------------------------------------------------------- lifecycle

    /** One side accepts; when both have, the proposal is AGREED and a partnership forms. */
    public Proposal accept(Answer answer) {
        return answer(answer, (proposal, side, now) -> {
            outbox.append(proposal.accept(side, now));
            if (proposal.status == Status.AGREED) {
                partnerships.form(
                        proposal.cityA,
                        proposal.cityB,
                        proposal.kind,
                        proposal.area(),
                        LocalDate.ofInstant(now, ZoneOffset.UTC),
                        "proposal",
                        proposal.id,
                        now);
            }
        });
    }

    /** One side declines: the pair is never proposed again for this kind. */
    public Proposal decline(Answer answer) {
        return answer(answer, (proposal, side, now) -> {
            outbox.append(proposal.decline(side, now));
            state.engine().declined(proposal.cityA, proposal.cityB, proposal.kind, proposal.area());
            sync.apply(state.engine().drainChanges(), now);
        });
    }

    /** What accepting or declining does to a proposal, for the side that answers. */
    @FunctionalInterface
    private interface Transition {
        void apply(Proposal proposal, UUID side, Instant now);
    }

    /**
     * The checks both answers share, in one locked transaction: the proposal exists, the caller may act
     * for the side, the expected version is current; the transition checks that the proposal is open.
     */
    private Proposal answer(Answer answer, Transition transition) {
        return state.locked(() -> QuarkusTransaction.requiringNew().call(() -> {
            Proposal proposal = require(answer.proposalId());
            UUID side = side(proposal, answer.asCity(), answer.caller());
            answer.expected().check(proposal.version);
            transition.apply(proposal, side, Clock.now());
            return proposal;
        }));
    }

    private static Proposal require(UUID id) {
        Proposal proposal = Proposal.findById(id);
        if (proposal == null) {
            throw ApiException.notFound("Proposal", id);
        }
        return proposal;
    }

    /** Which side the caller acts for: an officer's own city (one of the pair), or the side an admin names. */
    private static UUID side(Proposal proposal, UUID asCity, Caller caller) {
        if (caller.isAdmin()) {
            if (asCity == null) {
                throw ApiException.badRequest("cityId", "required for platform-admin: the side you act for");
            }
            if (!asCity.equals(proposal.cityA) && !asCity.equals(proposal.cityB)) {
                throw ApiException.badRequest("cityId", "must be one of the two cities of the proposal");
            }
            return asCity;
        }
        UUID own = caller.officerCity()
                .orElseThrow(() -> ApiException.forbidden("Only an officer of one of the two cities may answer"));
        if ((asCity != null && !asCity.equals(own)) || (!own.equals(proposal.cityA) && !own.equals(proposal.cityB))) {
            throw ApiException.forbidden("You may answer only your own city's proposals");
        }
        return own;
    }

    // ------------------------------------------------------------- reads

    public Optional<Proposal> find(UUID id) {
        return Proposal.findByIdOptional(id);
    }

    /**
     * The proposals' reasons, for their views: those not read yet with {@link Proposal#storedReasons}, one
     * query for a page (the entity reads its reasons only when asked, one query each).
     */
    public Map<UUID, List<MatchReason>> reasonsOf(Collection<Proposal> proposals) {
        Map<UUID, List<MatchReason>> reasons = new HashMap<>();
        List<UUID> unread = new ArrayList<>();
        for (Proposal proposal : proposals) {
            if (Hibernate.isPropertyInitialized(proposal, "reasons")) {
                reasons.put(proposal.id, proposal.reasons);
            } else {
                unread.add(proposal.id);
            }
        }
        reasons.putAll(Proposal.storedReasons(unread));
        return reasons;
    }

    /** One of a city's open proposals, with the partner it proposes. */
    public record CityProposal(Proposal proposal, UUID partnerId, String partnerName) {}

    /** A city's open proposals, best first; 404 for a city matchmaking does not know. */
    public List<CityProposal> openFor(UUID cityId) {
        if (City.findById(cityId) == null) {
            throw ApiException.notFound("City", cityId);
        }
        List<CityProposal> ranked = new ArrayList<>();
        for (Proposal proposal :
                Proposal.<Proposal>list("(cityA = ?1 or cityB = ?1) and status in ?2", cityId, Proposal.OPEN)) {
            UUID partner = proposal.cityA.equals(cityId) ? proposal.cityB : proposal.cityA;
            City partnerCity = City.findById(partner);
            ranked.add(new CityProposal(proposal, partner, partnerCity == null ? null : partnerCity.name));
        }
        // the engine's order (ties by partner id as Java compares UUIDs, which the database does not)
        Comparator<CityProposal> order =
                Comparator.comparing(p -> new Ranked(p.partnerId(), p.proposal().score), Ranked.BEST_FIRST);
        ranked.sort(order);
        return ranked;
    }

    public Page<Proposal> search(
            UUID cityId, Status status, ProposalKind kind, CooperationArea area, PageRequest page) {
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
            where.add("areaCode = :area");
            params.and("area", area.code());
        }
        String query = where.isEmpty() ? "1 = 1" : String.join(" and ", where);
        var found = Proposal.<Proposal>find(query, page.sort(), params.map());
        long total = found.count();
        return Page.of(found.page(page.panachePage()).list(), page, total);
    }
}
