package org.citybridge.clusters.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A city as this service knows it from {@code city-events}: just enough to accept it as a cluster
 * member, exchange participant or survey respondent. cities-service owns the city; this row is a
 * projection and is never changed through this service's API.
 */
@Entity
@Table(name = "known_city")
public class KnownCity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    public String country;

    /** Retired cities stay for history but can no longer join, take part or answer surveys. */
    @Column(nullable = false)
    public boolean retired;

    /** The city's own version from the latest profile that changed what is kept here; older profiles are ignored. */
    @Column(name = "profile_version", nullable = false)
    public long profileVersion;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
