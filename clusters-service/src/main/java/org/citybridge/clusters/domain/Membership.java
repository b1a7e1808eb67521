package org.citybridge.clusters.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.citybridge.contracts.vocabulary.MemberKind;
import org.citybridge.contracts.vocabulary.MemberRole;

import java.time.Instant;
import java.util.UUID;

/**
 * A city or organisation in a cluster, from joining until leaving. Left memberships stay as history;
 * a member that leaves and comes back gets a new membership.
 */
@Entity
@Table(name = "membership")
public class Membership extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "cluster_id", nullable = false)
    public UUID clusterId;

    @Enumerated(EnumType.STRING)
    @Column(name = "member_kind", nullable = false)
    public MemberKind memberKind;

    @Column(name = "member_id", nullable = false)
    public UUID memberId;

    /** The member's name when it joined (kept current for cities from city-events). */
    @Column(name = "member_name", nullable = false)
    public String memberName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MemberRole role;

    @Column(name = "joined_at", nullable = false)
    public Instant joinedAt;

    @Column(name = "left_at")
    public Instant leftAt;

    @Version
    public long version;

    public boolean isActive() {
        return leftAt == null;
    }
}
