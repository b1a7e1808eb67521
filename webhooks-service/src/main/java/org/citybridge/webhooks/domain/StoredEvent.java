package org.citybridge.webhooks.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Generated;

import java.time.Instant;

/** An event of the platform as it came from Kafka, kept for delivery and for replays. */
@Entity
@Table(name = "webhook_event")
public class StoredEvent extends PanacheEntityBase {

    /** The CloudEvents id. */
    @Id
    public String id;

    /** Order of arrival (the database's sequence): the order deliveries of one aggregate keep. */
    @Generated
    @Column(insertable = false, updatable = false)
    public Long seq;

    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public String source;

    /** The aggregate id (the record key). */
    @Column(nullable = false)
    public String subject;

    @Column(nullable = false)
    public Instant time;

    /** The event's data as JSON. */
    @Column(nullable = false, columnDefinition = "text")
    public String data;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
