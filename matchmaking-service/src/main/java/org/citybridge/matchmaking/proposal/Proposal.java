package org.citybridge.matchmaking.proposal;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.citybridge.contracts.events.MatchReason;
import org.citybridge.contracts.events.ProposalAccepted;
import org.citybridge.contracts.events.ProposalCreated;
import org.citybridge.contracts.events.ProposalDeclined;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.citybridge.kit.persistence.Slices;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.matchmaking.scoring.Match;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.java.Immutability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A proposal that two cities partner; id = pair id (unordered pair and kind). Its lifecycle is its own:
 * each transition checks that it is allowed, changes the state and returns the event it causes, for the
 * caller to publish in the same transaction.
 *
 * <pre>
 * PROPOSED → ACCEPTED_BY_ONE → AGREED         (both sides accept; a partnership forms)
 * PROPOSED | ACCEPTED_BY_ONE → DECLINED      (either side; never proposed again for this kind)
 * PROPOSED → SUPERSEDED → PROPOSED           (the pair left every top list, and came back)
 * PROPOSED | ACCEPTED_BY_ONE → WITHDRAWN     (a city retired)
 * </pre>
 *
 * <p>Its reasons are replaced whole, never changed in place (CONTRIBUTING.md, Style): a change in place would
 * not be written.
 */
@Entity
@Table(name = "mm_proposal")
public class Proposal extends PanacheEntityBase {

    @Schema(name = "ProposalStatus") // the name clients generated from the OpenAPI document give it
    public enum Status {
        PROPOSED,
        ACCEPTED_BY_ONE,
        AGREED,
        DECLINED,
        SUPERSEDED,
        WITHDRAWN
    }

    /** Where a proposal came from: the continuous ranking, or a pairing round turned into proposals. */
    public enum Origin {
        RANKING,
        PAIRING_ROUND
    }

    /** The statuses in which the cities can still answer. */
    public static final List<Status> OPEN = List.of(Status.PROPOSED, Status.ACCEPTED_BY_ONE);

    @Id
    public UUID id;

    @Column(name = "city_a")
    public UUID cityA;

    @Column(name = "city_b")
    public UUID cityB;

    @Enumerated(EnumType.STRING)
    public ProposalKind kind;
    /** Area code of a thematic proposal. */
    @Column(name = "area")
    public String areaCode;

    public double score;

    /**
     * Loaded when first read: re-ranking rewrites proposals by the thousand and needs only {@link #reasonsDigest}
     * to tell whether they changed. Views read them with {@link ProposalService#reasonsOf}, one query per page.
     */
    @Basic(fetch = FetchType.LAZY)
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    public List<MatchReason> reasons = new ArrayList<>();

    /** {@link ReasonsDigest} of {@link #reasons}; null for a proposal stored before digests were. */
    @Column(name = "reasons_digest")
    public byte[] reasonsDigest;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "accepted_by_a")
    public boolean acceptedByA;

    @Column(name = "accepted_by_b")
    public boolean acceptedByB;
    /** The city that declined. */
    @Column(name = "decided_by")
    public UUID decidedBy;

    @Enumerated(EnumType.STRING)
    public Origin origin;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    /** A new proposal of a match, PROPOSED; persist it and publish {@link #announcement}. */
    static Proposal propose(Match match, UUID pairId, Origin origin, Instant now) {
        Proposal proposal = new Proposal();
        proposal.id = pairId;
        proposal.cityA = match.cityA();
        proposal.cityB = match.cityB();
        proposal.kind = match.kind();
        proposal.areaCode = match.area() == null ? null : match.area().code();
        proposal.origin = origin;
        proposal.createdAt = now;
        proposal.status = Status.PROPOSED;
        proposal.score = match.score();
        proposal.reasons = new ArrayList<>(match.reasons());
        proposal.reasonsDigest = ReasonsDigest.of(match.reasons());
        proposal.updatedAt = now;
        return proposal;
    }

    public CooperationArea area() {
        return areaCode == null ? null : CooperationArea.fromCode(areaCode);
    }

    public boolean isOpen() {
        return OPEN.contains(status);
    }

    /** The stored reasons of these proposals, read in one query per slice of ids, without loading the proposals. */
    static Map<UUID, List<MatchReason>> storedReasons(List<UUID> ids) {
        Map<UUID, List<MatchReason>> reasons = new HashMap<>();
        Slices.forEach(
                ids,
                slice -> getEntityManager()
                        .createQuery("select p.id, p.reasons from Proposal p where p.id in :ids", Object[].class)
                        .setParameter("ids", slice)
                        .getResultList()
                        .forEach(row -> reasons.put((UUID) row[0], reasonList(row[1]))));
        return reasons;
    }

    @SuppressWarnings("unchecked")
    private static List<MatchReason> reasonList(Object column) {
        return (List<MatchReason>) column;
    }

    /**
     * Proposals stored before digests were get theirs from their stored reasons, read together, so that
     * {@link #rescore} compares digests instead of reading each one's reasons with a query of its own.
     */
    static void fillMissingDigests(Collection<Proposal> proposals) {
        Map<UUID, Proposal> missing = new HashMap<>();
        for (Proposal proposal : proposals) {
            if (proposal.reasonsDigest == null) {
                missing.put(proposal.id, proposal);
            }
        }
        storedReasons(List.copyOf(missing.keySet()))
                .forEach((id, stored) -> missing.get(id).reasonsDigest = ReasonsDigest.of(stored));
    }

    /** The event that announces this proposal of its match, with the match's reasons (equal to its own). */
    ProposalCreated announcement(Match match, Instant now) {
        return new ProposalCreated(id, cityA, cityB, kind, area(), score, match.reasons(), now);
    }

    /**
     * Takes the match's current score and reasons, if they changed; the status stays. The reasons are compared
     * by digest and written only when they changed, so re-ranking never reads them back.
     */
    void rescore(Match match, Instant now) {
        byte[] digest = ReasonsDigest.of(match.reasons());
        // a proposal stored before digests has had its digest filled by fillMissingDigests; without one, the
        // reasons are written again
        boolean sameReasons = Arrays.equals(reasonsDigest, digest);
        if (!sameReasons) {
            reasons = new ArrayList<>(match.reasons());
            reasonsDigest = digest;
        }
        if (score != match.score() || !sameReasons) {
            score = match.score();
            updatedAt = now;
        }
    }

    /**
     * A superseded proposal whose pair is listed again: PROPOSED afresh, answers reset.
     *
     * @return the event announcing it again
     */
    ProposalCreated reopen(Match match, Origin from, Instant now) {
        if (status != Status.SUPERSEDED) {
            throw new IllegalStateException("Only a superseded proposal reopens, not a " + status + " one");
        }
        rescore(match, now);
        status = Status.PROPOSED;
        acceptedByA = false;
        acceptedByB = false;
        origin = from;
        updatedAt = now;
        return announcement(match, now);
    }

    /** The pair left every top list: a PROPOSED ranking proposal is superseded (an answered one stays). */
    boolean supersedeIfUnanswered(Instant now) {
        if (status != Status.PROPOSED || origin != Origin.RANKING) {
            return false;
        }
        status = Status.SUPERSEDED;
        updatedAt = now;
        return true;
    }

    /** The partnership this proposal stands for exists already (recorded otherwise): it can no longer be agreed. */
    void supersedeByPartnership(Instant now) {
        if (isOpen()) {
            status = Status.SUPERSEDED;
            updatedAt = now;
        }
    }

    /** A city of the pair retired. */
    void withdraw(Instant now) {
        if (isOpen()) {
            status = Status.WITHDRAWN;
            updatedAt = now;
        }
    }

    /**
     * One side accepts; once both have, the proposal is AGREED (the caller forms the partnership).
     *
     * @throws ApiException 409 if the proposal is closed or this side accepted already
     */
    ProposalAccepted accept(UUID side, Instant now) {
        requireOpen("accepted");
        boolean sideA = side.equals(cityA);
        if (sideA ? acceptedByA : acceptedByB) {
            throw ApiException.conflict("City " + side + " has already accepted proposal " + id);
        }
        if (sideA) {
            acceptedByA = true;
        } else {
            acceptedByB = true;
        }
        status = acceptedByA && acceptedByB ? Status.AGREED : Status.ACCEPTED_BY_ONE;
        updatedAt = now;
        return new ProposalAccepted(id, cityA, cityB, side, now);
    }

    /**
     * One side declines: the pair is never proposed again for this kind.
     *
     * @throws ApiException 409 if the proposal is closed
     */
    ProposalDeclined decline(UUID side, Instant now) {
        requireOpen("declined");
        status = Status.DECLINED;
        decidedBy = side;
        updatedAt = now;
        return new ProposalDeclined(id, cityA, cityB, side, now);
    }

    private void requireOpen(String verb) {
        if (!isOpen()) {
            throw ApiException.conflict("Proposal " + id + " is " + status + " and can no longer be " + verb);
        }
    }
}
