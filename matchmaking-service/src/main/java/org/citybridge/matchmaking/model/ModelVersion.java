package org.citybridge.matchmaking.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.citybridge.matchmaking.scoring.CountryPairs;
import org.citybridge.matchmaking.scoring.Weights;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One version of the matchmaking model: the weights of its features and what was learned with them. The
 * first comes from configuration; later ones from fits on the platform's history. One is active.
 */
@Entity
@Table(name = "mm_model")
public class ModelVersion extends PanacheEntityBase {

    public enum Source {
        /** The configuration's weights: version 1. */
        CONFIGURATION,
        /** Learned by a fit on the platform's history. */
        FIT,
        /** Weights programme staff set themselves (an analysis of their own, or a fitted version adjusted). */
        MANUAL
    }

    @Id
    public int version;

    /** Feature key to weight. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Double> weights = new LinkedHashMap<>();

    /** "DE-FR" to the number of partnerships the cities of the two countries had formed. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "country_pairs")
    public Map<String, Integer> countryPairs = new LinkedHashMap<>();

    @Enumerated(EnumType.STRING)
    public Source source;

    /** How it was made: a fit's method and evaluation, or the note of who set it by hand. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> report;

    public boolean active;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "activated_at")
    public Instant activatedAt;

    @Version
    @Column(name = "row_version")
    public long rowVersion;

    public Weights weightsAsModel() {
        return Weights.of(weights);
    }

    public CountryPairs countryPairsAsModel() {
        return CountryPairs.of(countryPairs);
    }
}
