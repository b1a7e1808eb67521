package org.citybridge.cities.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.citybridge.contracts.events.HeritageAsset;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.java.Immutability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A city of the directory. Retired cities are kept for history.
 *
 * <p>Its JSON values are replaced whole, never changed in place (CONTRIBUTING.md, Style): a change in place
 * would not be written.
 */
@Entity
@Table(name = "city")
public class City extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    @Column(name = "local_name")
    public String localName;

    /** ISO 3166-1 alpha-2. */
    public String country;

    /** UN M49, derived from the country. */
    public String region;

    @Column(name = "sub_region")
    public String subRegion;

    public Long population;

    public Double latitude;

    public Double longitude;

    /** ISO 639-1 codes. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    public List<String> languages = new ArrayList<>();

    public String description;

    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    @Column(name = "heritage_assets")
    public List<HeritageAsset> heritageAssets = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    public List<String> associations = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    public List<Official> officials = new ArrayList<>();

    public boolean retired;

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
