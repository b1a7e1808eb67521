package org.citybridge.kit.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * An event waiting in the transactional outbox (or already relayed). Written in the same
 * transaction as the state change it announces; {@code seq} gives the publication order.
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "event_id", nullable = false, unique = true)
    public String eventId;

    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public String source;

    @Column(nullable = false)
    public String topic;

    @Column(name = "record_key", nullable = false)
    public String recordKey;

    @Column(nullable = false, columnDefinition = "text")
    public String payload;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    /** The token subject of the API caller whose request caused the event; null when an event caused it. */
    public String actor;

    /** The type of the consumed event that caused it, where the producer states it; null for API requests. */
    public String cause;

    /** The W3C {@code traceparent} of the transaction that appended it; null while tracing is off. */
    @Column(name = "trace_parent")
    public String traceParent;

    @Column(name = "published_at")
    public Instant publishedAt;
}
