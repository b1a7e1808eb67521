package org.citybridge.matchmaking.pairing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** A stored pairing round: what was asked and what it gave. */
@Entity
@Table(name = "mm_pairing_round")
public class PairingRound extends PanacheEntityBase {

    @Id
    public UUID id;

    public String method;

    @Enumerated(EnumType.STRING)
    public ProposalKind kind;

    public String area;
    public int capacity;

    @JdbcTypeCode(SqlTypes.JSON)
    public PairingService.RunRound request;

    @JdbcTypeCode(SqlTypes.JSON)
    public PairingRoundResult result;

    @Column(name = "total_score")
    public double totalScore;

    @Column(name = "proposals_created")
    public boolean proposalsCreated;

    @Column(name = "created_at")
    public Instant createdAt;

    @Version
    public long version;

    /** The result as it stands now (whether its proposals were created). */
    public PairingRoundResult current() {
        return proposalsCreated && !result.proposalsCreated() ? result.withProposalsCreated() : result;
    }
}
