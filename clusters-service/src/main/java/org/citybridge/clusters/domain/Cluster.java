package org.citybridge.clusters.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.citybridge.contracts.vocabulary.CooperationArea;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A thematic community of practice (a South-South Cities Cluster), mapped to cooperation areas. */
@Entity
@Table(name = "cluster")
public class Cluster extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String slug;

    @Column(nullable = false)
    public String name;

    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ClusterStatus status;

    @Column(name = "launched_at", nullable = false)
    public Instant launchedAt;

    /** Set in the transaction that puts ClusterLaunched into the outbox. */
    @Column(nullable = false)
    public boolean announced;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "cluster_area", joinColumns = @JoinColumn(name = "cluster_id"))
    @Enumerated(EnumType.STRING)
    @Column(name = "area", nullable = false)
    public Set<CooperationArea> areas = EnumSet.noneOf(CooperationArea.class);

    @Version
    public long version;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Optional<Cluster> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }
}
