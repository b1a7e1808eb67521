package org.citybridge.matchmaking.readmodel;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.citybridge.matchmaking.scoring.CityFacts;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.java.Immutability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A city as matchmaking knows it from city-events (public profile facts only).
 *
 * <p>Its JSON values are replaced whole, never changed in place (CONTRIBUTING.md, Style): a change in place
 * would not be written.
 */
@Entity
@Table(name = "mm_city")
public class City extends PanacheEntityBase {

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
    /** Names of its UNESCO World Heritage sites. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    @Column(name = "world_heritage")
    public List<String> worldHeritage = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    public List<String> associations = new ArrayList<>();
    /** Partner city ids from the profile. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    public List<UUID> partners = new ArrayList<>();

    /** ISO 639-1 codes of its official languages. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    public List<String> languages = new ArrayList<>();

    public boolean retired;
    /**
     * The version of the last profile that changed a fact kept here (one that restates them is passed
     * over): older versions are ignored.
     */
    @Column(name = "profile_version")
    public long profileVersion;

    @Version
    public long version;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** These cities by id (those matchmaking knows). */
    public static Map<UUID, City> byId(Collection<UUID> ids) {
        return City.<City>list("id in ?1", ids).stream().collect(Collectors.toMap(c -> c.id, c -> c));
    }

    /** The facts the scoring core uses. */
    public CityFacts facts() {
        boolean located = latitude != null && longitude != null;
        return new CityFacts(
                id,
                name,
                country,
                region,
                subRegion,
                population,
                worldHeritage,
                associations,
                partners,
                located ? latitude : null,
                located ? longitude : null,
                languages);
    }
}
