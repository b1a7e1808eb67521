package org.citybridge.webhooks.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One event on its way to one subscription: its id is the {@code webhook-id} of every attempt, so a
 * receiver that saw it already can tell. Deliveries with the same ordering key (the event's aggregate)
 * go one at a time, in the order the events arrived.
 */
@Entity
@Table(name = "webhook_delivery")
public class Delivery extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "subscription_id", nullable = false)
    public UUID subscriptionId;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(name = "event_seq", nullable = false)
    public long eventSeq;

    @Column(name = "ordering_key", nullable = false)
    public String orderingKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeliveryStatus status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    /** When it was first tried: its retries run for the retry window from here. */
    @Column(name = "first_attempt_at")
    public Instant firstAttemptAt;

    @Column(name = "last_status")
    public Integer lastStatus;

    @Column(name = "last_latency_ms")
    public Integer lastLatencyMs;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    public static Delivery of(UUID subscriptionId, StoredEvent event, Instant now) {
        Delivery delivery = new Delivery();
        delivery.id = UUID.randomUUID();
        delivery.subscriptionId = subscriptionId;
        delivery.eventId = event.id;
        delivery.eventSeq = event.seq;
        delivery.orderingKey = event.subject;
        delivery.status = DeliveryStatus.PENDING;
        delivery.nextAttemptAt = now;
        delivery.createdAt = now;
        return delivery;
    }
}
