package org.citybridge.matchmaking.partnership;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.citybridge.contracts.events.PartnershipFormed;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ProposalKind;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A formed partnership: both sides accepted a proposal, or programme staff recorded a historical one. */
@Entity
@Table(name = "mm_partnership")
public class Partnership extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "pair_id")
    public UUID pairId;

    @Column(name = "city_a")
    public UUID cityA;

    @Column(name = "city_b")
    public UUID cityB;

    @Enumerated(EnumType.STRING)
    public ProposalKind kind;

    @Column(name = "area")
    public String areaCode;

    @Column(name = "formed_on")
    public LocalDate formedOn;

    public String source;

    @Column(name = "proposal_id")
    public UUID proposalId;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    @Version
    public long version;

    public CooperationArea area() {
        return areaCode == null ? null : CooperationArea.fromCode(areaCode);
    }

    /** The event that announces it. */
    PartnershipFormed announcement() {
        return new PartnershipFormed(id, pairId, proposalId, cityA, cityB, kind, area(), formedOn, source, recordedAt);
    }
}
