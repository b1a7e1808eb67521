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
import org.citybridge.contracts.vocabulary.ExchangeFormat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/** A facilitated event between cities (video conference, study course, webinar, ...). */
@Entity
@Table(name = "exchange")
public class Exchange extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String title;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ExchangeFormat format;

    @Column(name = "start_date", nullable = false)
    public LocalDate startDate;

    /** Same as the start date for one-day events; a two-day course spans two dates. */
    @Column(name = "end_date", nullable = false)
    public LocalDate endDate;

    @Column(name = "cluster_id")
    public UUID clusterId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ExchangeStatus status;

    @Column(name = "outcome_notes")
    public String outcomeNotes;

    @Column(name = "cancellation_reason")
    public String cancellationReason;

    @Column(name = "held_at")
    public Instant heldAt;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    /** Organisation ids. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "exchange_facilitator", joinColumns = @JoinColumn(name = "exchange_id"))
    @Column(name = "organisation_id", nullable = false)
    public Set<UUID> facilitatorIds = new LinkedHashSet<>();

    /** City ids. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "exchange_participant", joinColumns = @JoinColumn(name = "exchange_id"))
    @Column(name = "city_id", nullable = false)
    public Set<UUID> participantCityIds = new LinkedHashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "exchange_topic", joinColumns = @JoinColumn(name = "exchange_id"))
    @Enumerated(EnumType.STRING)
    @Column(name = "area", nullable = false)
    public Set<CooperationArea> topics = EnumSet.noneOf(CooperationArea.class);

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
