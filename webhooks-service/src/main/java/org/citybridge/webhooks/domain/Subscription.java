package org.citybridge.webhooks.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A partner system's subscription: which event types go to which HTTPS address, signed with its secret. */
@Entity
@Table(name = "webhook_subscription")
public class Subscription extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The token subject of the partner system (or administrator) that made it: only it sees it. */
    @Column(nullable = false)
    public String owner;

    @Column(nullable = false)
    public String url;

    /** CloudEvents types, comma-separated (see {@link #eventTypes()}). */
    @Column(name = "event_types", nullable = false)
    public String eventTypes;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeliveryMode mode;

    public String description;

    @Column(nullable = false)
    public String secret;

    @Column(name = "previous_secret")
    public String previousSecret;

    @Column(name = "previous_secret_until")
    public Instant previousSecretUntil;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SubscriptionStatus status;

    @Column(name = "paused_reason")
    public String pausedReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public List<String> eventTypes() {
        return Arrays.asList(eventTypes.split(","));
    }

    public boolean wants(String eventType) {
        return eventTypes().contains(eventType);
    }
}
