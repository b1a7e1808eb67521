package org.citybridge.matchmaking;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.citybridge.contracts.vocabulary.ProposalKind;

import java.time.Instant;
import java.util.UUID;

/** A proposal that two cities partner; id = pair id (unordered pair and kind). */
@Entity
@Table(name = "mm_proposal")
public class ProposalRecord extends PanacheEntityBase {

    /** Lifecycle: PROPOSED → ACCEPTED_BY_ONE → AGREED, or DECLINED, SUPERSEDED, WITHDRAWN. */
    public enum Status { PROPOSED, ACCEPTED_BY_ONE, AGREED, DECLINED, SUPERSEDED, WITHDRAWN }

    /** Where a proposal came from: the continuous ranking, or a pairing round turned into proposals. */
    public enum Origin { RANKING, PAIRING_ROUND }

    @Id
    public UUID id;
    @Column(name = "city_a")
    public UUID cityA;
    @Column(name = "city_b")
    public UUID cityB;
    @Enumerated(EnumType.STRING)
    public ProposalKind kind;
    /** Area code of a thematic proposal. */
    public String area;
    public double score;
    /** JSON array of reasons. */
    public String reasons;
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

    public boolean isOpen() {
        return status == Status.PROPOSED || status == Status.ACCEPTED_BY_ONE;
    }
}
