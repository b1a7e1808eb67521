package org.citybridge.matchmaking;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A city as matchmaking knows it from city-events (public profile facts only). */
@Entity
@Table(name = "mm_city")
public class CityRecord extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    public String country;
    public String region;
    @Column(name = "sub_region")
    public String subRegion;
    public Long population;
    public Double latitude;
    public Double longitude;
    /** JSON array of World Heritage site names. */
    @Column(name = "world_heritage")
    public String worldHeritage = "[]";
    /** JSON array. */
    public String associations = "[]";
    /** JSON array of partner city ids from the profile. */
    public String partners = "[]";
    public boolean retired;
    /** The profile version of the last applied city event: older restatements are ignored. */
    @Column(name = "profile_version")
    public long profileVersion;
    @Version
    public long version;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
