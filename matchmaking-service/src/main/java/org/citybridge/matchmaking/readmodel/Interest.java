package org.citybridge.matchmaking.readmodel;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.matchmaking.scoring.InterestFacts;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.java.Immutability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An active interest of a city (withdrawn interests are deleted).
 *
 * <p>Its JSON values are replaced whole, never changed in place (CONTRIBUTING.md, Style): a change in place
 * would not be written.
 */
@Entity
@Table(name = "mm_interest")
public class Interest extends PanacheEntityBase {

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

    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    @Column(name = "preferred_regions")
    public List<String> preferredRegions = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    @Column(name = "preferred_countries")
    public List<String> preferredCountries = new ArrayList<>();

    @Column(name = "expressed_at")
    public Instant expressedAt;

    @Version
    public long version;

    /** The interest as the scoring core uses it. */
    public InterestFacts facts() {
        return new InterestFacts(
                id, CooperationArea.fromCode(area), stance, intent, preferredRegions, preferredCountries);
    }
}
