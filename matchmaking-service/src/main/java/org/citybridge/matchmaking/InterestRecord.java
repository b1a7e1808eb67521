package org.citybridge.matchmaking;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;

import java.time.Instant;
import java.util.UUID;

/** An active interest of a city (withdrawn interests are deleted). */
@Entity
@Table(name = "mm_interest")
public class InterestRecord extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "city_id")
    public UUID cityId;
    /** The cooperation area code. */
    public String area;
    @Enumerated(EnumType.STRING)
    public Stance stance;
    @Enumerated(EnumType.STRING)
    public Intent intent;
    @Column(name = "preferred_regions")
    public String preferredRegions = "[]";
    @Column(name = "preferred_countries")
    public String preferredCountries = "[]";
    @Column(name = "expressed_at")
    public Instant expressedAt;
    @Version
    public long version;
}
