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
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        List<StoredEvent> stored = store(events, now);
        List<Subscription> active = Subscription.list("status", SubscriptionStatus.ACTIVE);
        for (StoredEvent event : stored) {
            for (Subscription subscription : active) {
                if (subscription.wants(event.type)) {
                    em.persist(Delivery.of(subscription.id, event, now));
                }
            }
        }
    }

    /**
     * Writes a poll's events with one statement (every event of the platform passes here, most of them
     * wanted by no subscription) and returns them with the sequence numbers that order their deliveries;
     * an event stored before is left as it is and not returned.
     */
    private List<StoredEvent> store(List<ReceivedEvent> events, Instant now) {
        int n = events.size();
        String[] ids = new String[n];
        String[] types = new String[n];
        String[] sources = new String[n];
        String[] subjects = new String[n];
        String[] times = new String[n]; // ISO-8601, read by PostgreSQL as timestamptz whatever the zones
        String[] data = new String[n];
        Map<String, StoredEvent> byId = new HashMap<>();
        for (int i = 0; i < n; i++) {
            ReceivedEvent event = events.get(i);
            StoredEvent row = new StoredEvent();
            row.id = ids[i] = event.headers().id();
            row.type = types[i] = event.headers().type();
            row.source = sources[i] = event.headers().source();
            row.subject = subjects[i] = event.headers().subject();
            row.time = event.headers().time();
            times[i] = row.time.toString();
            row.data = data[i] = codec.toJson(event.payload());
            row.receivedAt = now;
            byId.put(row.id, row);
        }
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into webhook_event (id, type, source, subject, time, data, received_at)
                    select id, type, source, subject, time, data, ?
                    from unnest(?, ?, ?, ?, ?::timestamptz[], ?) with ordinality as e(id, type, source, subject, time, data, position)
                    order by position
                    on conflict (id) do nothing
                    returning id, seq""")) {
                insert.setObject(1, now.atOffset(ZoneOffset.UTC));
                insert.setArray(2, connection.createArrayOf("varchar", ids));
                insert.setArray(3, connection.createArrayOf("varchar", types));
                insert.setArray(4, connection.createArrayOf("varchar", sources));
                insert.setArray(5, connection.createArrayOf("varchar", subjects));
                insert.setArray(6, connection.createArrayOf("text", times));
                insert.setArray(7, connection.createArrayOf("text", data));
                List<StoredEvent> stored = new ArrayList<>(n);
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        StoredEvent row = byId.get(rows.getString(1));
                        row.seq = rows.getLong(2);
                        stored.add(row);
                    }
                }
                stored.sort(Comparator.comparing(row -> row.seq));
                return stored;
            }
        });
    }
}
