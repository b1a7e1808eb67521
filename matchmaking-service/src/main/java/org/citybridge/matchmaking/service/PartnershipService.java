package org.citybridge.matchmaking.service;

import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.kit.web.IdempotencyKeys;
import org.citybridge.kit.web.IdempotentResponse;
import org.citybridge.kit.paging.Page;
import org.citybridge.kit.paging.PageRequest;
import org.citybridge.matchmaking.PartnershipRecord;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** Partnerships: formed through accepted proposals, or recorded by programme staff from history. */
@ApplicationScoped
public class PartnershipService {

    private final MatchmakingState state;
    private final ProposalService proposals;
    private final IdempotencyKeys keys;

    public PartnershipService(MatchmakingState state, ProposalService proposals, IdempotencyKeys keys) {
        this.state = state;
        this.proposals = proposals;
        this.keys = keys;
    }

    /**
     * Records a partnership formed outside the platform (e.g. a historical sister-city agreement).
     *
     * @param idempotencyKey optional; a replay returns the stored response and records nothing
     * @param respond        builds the response inside the same transaction
     */
    public IdempotentResponse record(UUID cityA, UUID cityB, ProposalKind kind, CooperationArea area, LocalDate formedOn,
                                     String source, String idempotencyKey, String scope, Object request,
                                     Function<PartnershipRecord, IdempotentResponse> respond) {
        if (cityA.equals(cityB)) {
            throw ApiException.badRequest("cityB", "must differ from cityA");
        }
        if (kind == ProposalKind.THEMATIC && area == null) {
            throw ApiException.badRequest("area", "required for a thematic partnership");
        }
        if (kind == ProposalKind.SISTER_CITY && area != null) {
            throw ApiException.badRequest("area", "must be empty for a sister-city partnership");
        }
        return state.locked(() -> keys.execute(idempotencyKey, scope, request, () -> respond.apply(
                proposals.formPartnership(cityA, cityB, kind, area, formedOn, source, null, Instant.now()))));
    }

    public Optional<PartnershipRecord> find(UUID id) {
        return PartnershipRecord.findByIdOptional(id);
    }

    public Page<PartnershipRecord> search(UUID cityId, ProposalKind kind, PageRequest page) {
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
        var found = PartnershipRecord.<PartnershipRecord>find(where.isEmpty() ? "1 = 1" : String.join(" and ", where),
                page.sort(), params.map());
        return Page.of(found.page(page.panachePage()).list(), page, found.count());
    }
}
