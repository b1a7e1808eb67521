package org.citybridge.clusters.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A participating city's answer to the survey of a held exchange; one per city and exchange. */
@Entity
@Table(name = "survey_response")
public class SurveyResponse extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "exchange_id", nullable = false)
    public UUID exchangeId;

    @Column(name = "city_id", nullable = false)
    public UUID cityId;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "survey_interest", joinColumns = @JoinColumn(name = "response_id"))
    @OrderColumn(name = "position")
    public List<SurveyInterest> interests = new ArrayList<>();

    @Column(name = "wants_partnership", nullable = false)
    public boolean wantsPartnership;

    @Column(nullable = false)
    public int rating;

    public String comment;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Version
    public long version;
}
