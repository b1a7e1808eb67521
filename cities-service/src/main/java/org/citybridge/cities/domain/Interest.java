package org.citybridge.cities.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.citybridge.contracts.events.PartnerPreferences;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A city's statement about a cooperation area. At most one active interest exists per city, area,
 * stance and intent; restating it updates that interest.
 */
@Entity
@Table(name = "interest")
public class Interest extends PanacheEntityBase {

    /** Source of interests stated on the profile; survey ones are {@code survey:<responseId>}. */
    public static final String SOURCE_PROFILE = "profile";

    @Id
    public UUID id;

    @Column(name = "city_id")
    public UUID cityId;

    @Enumerated(EnumType.STRING)
    public CooperationArea area;

    @Enumerated(EnumType.STRING)
    public Stance stance;

    @Enumerated(EnumType.STRING)
    public Intent intent;

    @JdbcTypeCode(SqlTypes.JSON)
    public PartnerPreferences preferences = PartnerPreferences.NONE;

    public String note;

    public String source;

    @Column(name = "expressed_at")
    public Instant expressedAt;

    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;

    public boolean isActive() {
        return withdrawnAt == null;
    }

    public static Optional<Interest> findActive(UUID cityId, CooperationArea area, Stance stance, Intent intent) {
        return find(
                        "cityId = ?1 and area = ?2 and stance = ?3 and intent = ?4 and withdrawnAt is null",
                        cityId,
                        area,
                        stance,
                        intent)
                .firstResultOptional();
    }

    public static String surveySource(UUID responseId) {
        return "survey:" + responseId;
    }
}
