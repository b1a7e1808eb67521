package org.citybridge.matchmaking.partnership;

import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.citybridge.contracts.events.PairIds;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.citybridge.kit.outbox.EventOutbox;
import org.citybridge.kit.paging.Page;
import org.citybridge.kit.paging.PageRequest;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.kit.time.Clock;
import org.citybridge.matchmaking.proposal.ProposalSync;
import org.citybridge.matchmaking.readmodel.MatchmakingState;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** Partnerships: formed through accepted proposals, or recorded by programme staff from history. */
@ApplicationScoped
public class PartnershipService {

    /** A partnership formed outside the platform, e.g. a historical sister-city agreement. */
    public record RecordPartnership(
            UUID cityA, UUID cityB, ProposalKind kind, CooperationArea area, LocalDate formedOn, String source) {}

    @Inject
    MatchmakingState state;

    @Inject
    ProposalSync proposals;

    @Inject
    EventOutbox outbox;

    /** Checks a historical partnership: 400 for a request that can never succeed. */
    static void validate(RecordPartnership command) {
        if (command.cityA().equals(command.cityB())) {
            throw ApiException.badRequest("cityB", "must differ from cityA");
        }
        if (command.kind() == ProposalKind.THEMATIC && command.area() == null) {
            throw ApiException.badRequest("area", "required for a thematic partnership");
        }
        if (command.kind() == ProposalKind.SISTER_CITY && command.area() != null) {
            throw ApiException.badRequest("area", "must be empty for a sister-city partnership");
        }
    }

    /**
     * Records a partnership formed outside the platform, in the caller's transaction; the caller holds
     * the engine lock ({@link #locked}).
     */
    public Partnership record(RecordPartnership command) {
        validate(command);
        return form(
                command.cityA(),
                command.cityB(),
                command.kind(),
                command.area(),
                command.formedOn(),
                command.source(),
                null,
                Clock.now());
    }

    /**
     * Runs {@code work} under the engine lock; the transaction {@code work} opens commits before the lock
     * is released, so the engine and the database change in the same order.
     */
    public <T> T locked(Supplier<T> work) {
        return state.locked(work);
    }

    /** Records a partnership, announces it and lets the ranking learn from it; inside a locked transaction. */
    public Partnership form(
            UUID cityX,
            UUID cityY,
            ProposalKind kind,
            CooperationArea area,
            LocalDate formedOn,
            String source,
            UUID proposalId,
            Instant now) {
        UUID pairId = PairIds.of(cityX, cityY, kind, area);
        if (Partnership.count("pairId", pairId) > 0) {
            throw ApiException.conflict("A " + kind + " partnership of these cities is already recorded");
        }
        Partnership partnership = persist(pairId, cityX, cityY, kind, area, formedOn, source, proposalId, now);
        proposals.partnershipFormed(pairId, proposalId, now);
        state.engine().partnershipFormed(cityX, cityY);
        proposals.apply(state.engine().drainChanges(), now);
        return partnership;
    }

    /**
     * Stores a partnership the caller checked is new and announces it; the caller settles a proposal of the
     * same pair ({@link ProposalSync}) and lets the engine learn it.
     */
    Partnership persist(
            UUID pairId,
            UUID cityX,
            UUID cityY,
            ProposalKind kind,
            CooperationArea area,
            LocalDate formedOn,
            String source,
            UUID proposalId,
            Instant now) {
        Partnership partnership = new Partnership();
        partnership.id = UUID.randomUUID();
        partnership.pairId = pairId;
        partnership.cityA = cityX.compareTo(cityY) < 0 ? cityX : cityY;
        partnership.cityB = partnership.cityA.equals(cityX) ? cityY : cityX;
        partnership.kind = kind;
        partnership.areaCode = area == null ? null : area.code();
        partnership.formedOn = formedOn;
        partnership.source = source;
        partnership.proposalId = proposalId;
        partnership.recordedAt = now;
        partnership.persist();
        outbox.append(partnership.announcement());
        return partnership;
    }

    public Optional<Partnership> find(UUID id) {
        return Partnership.findByIdOptional(id);
    }

    public Page<Partnership> search(UUID cityId, ProposalKind kind, PageRequest page) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (cityId != null) {
            where.add("(cityA = :city or cityB = :city)");
            params.and("city", cityId);
        }
        if (kind != null) {
            where.add("kind = :kind");
            params.and("kind", kind);
        }
        var found = Partnership.<Partnership>find(
                where.isEmpty() ? "1 = 1" : String.join(" and ", where), page.sort(), params.map());
        return Page.of(found.page(page.panachePage()).list(), page, found.count());
    }
}
