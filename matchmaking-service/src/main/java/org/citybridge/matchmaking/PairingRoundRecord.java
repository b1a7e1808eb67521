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

/** A stored pairing round: the request and its result as JSON. */
@Entity
@Table(name = "mm_pairing_round")
public class PairingRoundRecord extends PanacheEntityBase {

    @Id
    public UUID id;
    public String method;
    @Enumerated(EnumType.STRING)
    public ProposalKind kind;
    public String area;
    public int capacity;
    public String request;
    public String result;
    @Column(name = "total_score")
    public double totalScore;
    @Column(name = "proposals_created")
    public boolean proposalsCreated;
    @Column(name = "created_at")
    public Instant createdAt;
    @Version
    public long version;
}
