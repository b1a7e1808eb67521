package org.citybridge.webhooks.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.citybridge.kit.time.Clock;
import org.citybridge.webhooks.config.WebhooksConfig;
import org.citybridge.webhooks.domain.Attempt;
import org.citybridge.webhooks.domain.Delivery;
import org.citybridge.webhooks.domain.DeliveryMode;
import org.citybridge.webhooks.domain.DeliveryStatus;
import org.citybridge.webhooks.domain.SubscriptionStatus;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The deliveries' state in the database: which are due (the oldest pending one of each aggregate and
 * subscription, so events of one aggregate arrive in order), and what each attempt changed: delivered,
 * retried later with exponential back-off, or failed once retries ran out, which pauses the subscription.
 */
@ApplicationScoped
public class DeliveryStore {

    private final EntityManager em;
    private final WebhooksConfig config;
    private final Timer sinceEvent;

    public DeliveryStore(EntityManager em, WebhooksConfig config, MeterRegistry metrics) {
        this.em = em;
        this.config = config;
        this.sinceEvent = Timer.builder("citybridge.webhooks.delivered")
                .description("From an event's time to its delivery's 2xx answer")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(metrics);
    }

    /** What one attempt came to: the target's status code, or none and an error when it gave no answer. */
    public record Outcome(UUID deliveryId, Instant attemptedAt, Integer statusCode, int latencyMs, String error) {

        boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    /** Up to {@code limit} deliveries due now, at most one per subscription and aggregate (the oldest). */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<DueDelivery> due(int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                        select d.id, d.subscription_id, s.url, s.mode, s.secret,
                               case when s.previous_secret_until > now() then s.previous_secret end,
                               e.id, e.type, e.source, e.subject, e.time, e.data, d.attempts, d.created_at
                        from webhook_delivery d
                        join webhook_subscription s on s.id = d.subscription_id
                        join webhook_event e on e.id = d.event_id
                        where d.status = 'PENDING' and d.next_attempt_at <= now()
                          and (s.status = 'ACTIVE' or e.type = :ping)
                          and not exists (select 1 from webhook_delivery p
                                          where p.subscription_id = d.subscription_id
                                            and p.ordering_key = d.ordering_key
                                            and p.status = 'PENDING' and p.event_seq < d.event_seq)
                        order by d.next_attempt_at, d.event_seq
                        limit :limit""")
                .setParameter("limit", limit)
                .setParameter("ping", SubscriptionService.PING_TYPE)
                .getResultList();
        List<DueDelivery> due = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            List<String> secrets =
                    row[5] == null ? List.of((String) row[4]) : List.of((String) row[4], (String) row[5]);
            due.add(new DueDelivery(
                    (UUID) row[0],
                    (UUID) row[1],
                    (String) row[2],
                    DeliveryMode.valueOf((String) row[3]),
                    secrets,
                    (String) row[6],
                    (String) row[7],
                    (String) row[8],
                    (String) row[9],
                    instant(row[10]),
                    (String) row[11],
                    ((Number) row[12]).intValue(),
                    instant(row[13])));
        }
        return due;
    }

    /** Records the attempts of a round and what follows from each. */
    @Transactional
    public void record(List<Outcome> outcomes, Map<UUID, DueDelivery> sent) {
        Instant now = Clock.now();
        // successes first: a failure below may pause the subscription, and must not mark a delivery the
        // target accepted in the same round as never sent
        List<Outcome> ordered = new ArrayList<>(outcomes);
        ordered.sort(java.util.Comparator.comparing((Outcome outcome) -> !outcome.succeeded()));
        for (Outcome outcome : ordered) {
            Delivery delivery = em.find(Delivery.class, outcome.deliveryId());
            if (delivery == null || delivery.status != DeliveryStatus.PENDING) {
                continue; // its subscription was deleted, paused or replayed meanwhile
            }
            Attempt attempt = new Attempt();
            attempt.deliveryId = delivery.id;
            attempt.attemptedAt = outcome.attemptedAt();
            attempt.statusCode = outcome.statusCode();
            attempt.latencyMs = outcome.latencyMs();
            attempt.error = truncate(outcome.error());
            attempt.persist();
            if (delivery.attempts == 0) {
                delivery.firstAttemptAt = outcome.attemptedAt();
            }
            delivery.attempts++;
            delivery.lastStatus = outcome.statusCode();
            delivery.lastLatencyMs = outcome.latencyMs();
            delivery.lastError = attempt.error;
            if (outcome.succeeded()) {
                delivery.status = DeliveryStatus.DELIVERED;
                delivery.deliveredAt = now;
                delivery.nextAttemptAt = null;
                sinceEvent.record(Duration.between(sent.get(delivery.id).eventTime(), now));
            } else if (Integer.valueOf(410).equals(outcome.statusCode())) {
                // Gone: the receiver says the endpoint is no more (Standard Webhooks)
                fail(delivery);
                pause(delivery.subscriptionId, "The target answered 410 Gone");
            } else {
                Instant next = now.plus(backoff(delivery.attempts));
                // the window counts from the first attempt: a delivery that waited behind an earlier one of its
                // aggregate still gets its full retries
                if (next.isAfter(delivery.firstAttemptAt.plus(config.retryFor()))) {
                    fail(delivery);
                    pause(
                            delivery.subscriptionId,
                            "A delivery failed for " + config.retryFor() + "; last attempt: "
                                    + (outcome.statusCode() != null
                                            ? "status " + outcome.statusCode()
                                            : attempt.error));
                } else {
                    delivery.nextAttemptAt = next;
                }
            }
        }
    }

    /** Wait after the n-th failed attempt: the initial wait, doubled each time, at most the maximum. */
    Duration backoff(int failedAttempts) {
        Duration wait = config.backoffInitial();
        for (int i = 1; i < failedAttempts && wait.compareTo(config.backoffMax()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.backoffMax()) > 0 ? config.backoffMax() : wait;
    }

    private static void fail(Delivery delivery) {
        delivery.status = DeliveryStatus.FAILED;
        delivery.nextAttemptAt = null;
    }

    /**
     * Pauses a subscription: its pending deliveries fail, new events wait for a replay. One statement with
     * its own version step, so an owner's concurrent change makes theirs fail, never this round's record.
     */
    void pause(UUID subscriptionId, String reason) {
        int paused = em.createQuery("update Subscription set status = :paused, pausedReason = :why, updatedAt = :now, "
                        + "version = version + 1 where id = :id and status = :active")
                .setParameter("paused", SubscriptionStatus.PAUSED)
                .setParameter("why", truncate(reason))
                .setParameter("now", Clock.now())
                .setParameter("id", subscriptionId)
                .setParameter("active", SubscriptionStatus.ACTIVE)
                .executeUpdate();
        if (paused == 0) {
            return;
        }
        em.createQuery("update Delivery set status = :failed, nextAttemptAt = null, lastError = :why "
                        + "where subscriptionId = :id and status = :pending")
                .setParameter("failed", DeliveryStatus.FAILED)
                .setParameter("why", "Not sent: the subscription paused")
                .setParameter("pending", DeliveryStatus.PENDING)
                .setParameter("id", subscriptionId)
                .executeUpdate();
    }

    /** Deletes events older than the retention whose deliveries are settled (their log goes with them). */
    @Transactional
    public int prune() {
        return em.createNativeQuery("""
                        delete from webhook_event e where e.time < :cutoff
                          and not exists (select 1 from webhook_delivery d where d.event_id = e.id and d.status = 'PENDING')""")
                .setParameter("cutoff", Timestamp.from(Clock.now().minus(config.eventRetention())))
                .executeUpdate();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        throw new IllegalStateException("Not a time: " + value);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }
}
