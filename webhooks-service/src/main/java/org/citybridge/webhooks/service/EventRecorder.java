package org.citybridge.webhooks.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.citybridge.kit.inbox.EventCodec;
import org.citybridge.kit.inbox.ReceivedEvent;
import org.citybridge.kit.time.Clock;
import org.citybridge.webhooks.domain.Delivery;
import org.citybridge.webhooks.domain.StoredEvent;
import org.citybridge.webhooks.domain.Subscription;
import org.citybridge.webhooks.domain.SubscriptionStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps each event of the platform (for delivery and replays) and queues a delivery of it to every
 * active subscription that wants its type, in the inbox's transaction: an event is stored and queued
 * once, whatever Kafka redelivers.
 */
@ApplicationScoped
public class EventRecorder {

    private final EntityManager em;
    private final EventCodec codec;

    public EventRecorder(EntityManager em, EventCodec codec) {
        this.em = em;
        this.codec = codec;
    }

    public void record(List<ReceivedEvent> events) {
        Instant now = Clock.now();
        List<StoredEvent> stored = new ArrayList<>(events.size());
        for (ReceivedEvent event : events) {
            StoredEvent row = new StoredEvent();
            row.id = event.headers().id();
            row.type = event.headers().type();
            row.source = event.headers().source();
            row.subject = event.headers().subject();
            row.time = event.headers().time();
            row.data = codec.toJson(event.payload());
            row.receivedAt = now;
            em.persist(row);
            stored.add(row);
        }
        List<Subscription> active = Subscription.list("status", SubscriptionStatus.ACTIVE);
        if (active.isEmpty()) {
            return;
        }
        em.flush(); // the events' sequence numbers, which order the deliveries
        for (StoredEvent event : stored) {
            for (Subscription subscription : active) {
                if (subscription.wants(event.type)) {
                    em.persist(Delivery.of(subscription.id, event, now));
                }
            }
        }
    }
}
