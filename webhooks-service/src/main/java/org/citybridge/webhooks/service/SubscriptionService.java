package org.citybridge.webhooks.service;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.citybridge.contracts.events.EventType;
import org.citybridge.kit.command.ExpectedVersion;
import org.citybridge.kit.paging.Page;
import org.citybridge.kit.paging.PageRequest;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.kit.time.Clock;
import org.citybridge.webhooks.config.WebhooksConfig;
import org.citybridge.webhooks.domain.Attempt;
import org.citybridge.webhooks.domain.Delivery;
import org.citybridge.webhooks.domain.DeliveryMode;
import org.citybridge.webhooks.domain.DeliveryStatus;
import org.citybridge.webhooks.domain.StoredEvent;
import org.citybridge.webhooks.domain.Subscription;
import org.citybridge.webhooks.domain.SubscriptionStatus;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Subscriptions and their deliveries, as their owner sees them: a partner system sees and changes only
 * the subscriptions it made (another's is a 404, as if it did not exist); an administrator sees all.
 */
@ApplicationScoped
public class SubscriptionService {

    /** The type of a test delivery, sent only to the subscription that asked for it. */
    public static final String PING_TYPE = "org.citybridge.webhook.ping.v1";

    public static final String SOURCE = "/citybridge/webhooks-service";

    private final EntityManager em;
    private final TargetPolicy policy;
    private final WebhooksConfig config;
    private final Dispatcher dispatcher;

    public SubscriptionService(EntityManager em, TargetPolicy policy, WebhooksConfig config, Dispatcher dispatcher) {
        this.em = em;
        this.policy = policy;
        this.config = config;
        this.dispatcher = dispatcher;
    }

    /** Who asks: their token subject, and whether they administer the platform (and so see everything). */
    public record Viewer(String subject, boolean admin) {}

    /** A new subscription with its secret, which is shown this once. */
    public record Created(Subscription subscription, String secret) {}

    public record Rotated(Subscription subscription, String secret) {}

    @Transactional
    public Created create(Viewer viewer, String url, List<String> eventTypes, DeliveryMode mode, String description) {
        requireDeliverable(url);
        Subscription subscription = new Subscription();
        subscription.id = UUID.randomUUID();
        subscription.owner = viewer.subject();
        subscription.url = url.trim();
        subscription.eventTypes = String.join(",", allowedTypes(viewer, eventTypes));
        subscription.mode = mode == null ? DeliveryMode.STRUCTURED : mode;
        subscription.description = description;
        subscription.secret = Signatures.newSecret();
        subscription.status = SubscriptionStatus.ACTIVE;
        subscription.createdAt = Clock.now();
        subscription.updatedAt = subscription.createdAt;
        subscription.persist();
        return new Created(subscription, subscription.secret);
    }

    public Page<Subscription> list(Viewer viewer, PageRequest paging) {
        PanacheQuery<Subscription> query = viewer.admin()
                ? Subscription.findAll(paging.sort())
                : Subscription.find("owner", paging.sort(), viewer.subject());
        query.page(paging.panachePage());
        return Page.of(query.list(), paging, query.count());
    }

    public Subscription get(Viewer viewer, UUID id) {
        Subscription subscription = Subscription.findById(id);
        if (subscription == null || !(viewer.admin() || subscription.owner.equals(viewer.subject()))) {
            throw ApiException.notFound("Webhook subscription", id);
        }
        return subscription;
    }

    /** Deletes the subscription with its deliveries and their log. */
    @Transactional
    public void delete(Viewer viewer, UUID id, ExpectedVersion expected) {
        Subscription subscription = get(viewer, id);
        expected.check(subscription.version);
        subscription.delete();
    }

    /** A new secret, shown this once; the previous one still signs, as a second signature, for a while. */
    @Transactional
    public Rotated rotateSecret(Viewer viewer, UUID id) {
        Subscription subscription = get(viewer, id);
        subscription.previousSecret = subscription.secret;
        subscription.previousSecretUntil = Clock.now().plus(config.previousSecretValidFor());
        subscription.secret = Signatures.newSecret();
        subscription.updatedAt = Clock.now();
        return new Rotated(subscription, subscription.secret);
    }

    /**
     * Sends again, in their order, the kept events of the subscription's types from {@code from} on, and
     * resumes a paused subscription; deliveries of those events still pending are replaced, so none
     * arrives twice from this call. Returns how many deliveries were queued.
     */
    @Transactional
    public int replay(Viewer viewer, UUID id, Instant from) {
        Subscription subscription = get(viewer, id);
        subscription.status = SubscriptionStatus.ACTIVE;
        subscription.pausedReason = null;
        subscription.updatedAt = Clock.now();
        em.createQuery("update Delivery d set d.status = :failed, d.nextAttemptAt = null, d.lastError = :why "
                        + "where d.subscriptionId = :id and d.status = :pending "
                        + "and d.eventId in (select e.id from StoredEvent e where e.time >= :from)")
                .setParameter("failed", DeliveryStatus.FAILED)
                .setParameter("why", "Replaced by a replay")
                .setParameter("pending", DeliveryStatus.PENDING)
                .setParameter("id", id)
                .setParameter("from", from)
                .executeUpdate();
        List<StoredEvent> events =
                StoredEvent.list("time >= ?1 and type in ?2", Sort.by("seq"), from, subscription.eventTypes());
        Instant now = Clock.now();
        for (StoredEvent event : events) {
            em.persist(Delivery.of(subscription.id, event, now));
        }
        dispatcher.wake();
        return events.size();
    }

    /**
     * Queues a test delivery ({@value #PING_TYPE}) to the subscription's address, a paused one's too (to
     * see that its endpoint works again before a replay).
     */
    @Transactional
    public Delivery ping(Viewer viewer, UUID id) {
        Subscription subscription = get(viewer, id);
        StoredEvent ping = new StoredEvent();
        ping.id = UUID.randomUUID().toString();
        ping.type = PING_TYPE;
        ping.source = SOURCE;
        ping.subject = subscription.id.toString();
        ping.time = Clock.now();
        ping.data = "{\"subscriptionId\":\"" + subscription.id + "\",\"message\":\"ping\"}";
        ping.receivedAt = ping.time;
        ping.persist();
        em.flush();
        Delivery delivery = Delivery.of(subscription.id, ping, ping.time);
        delivery.persist();
        dispatcher.wake();
        return delivery;
    }

    public Page<Delivery> deliveries(Viewer viewer, UUID id, DeliveryStatus status, PageRequest paging) {
        get(viewer, id);
        StringBuilder where = new StringBuilder("subscriptionId = :id");
        Map<String, Object> params = new HashMap<>(Map.of("id", id));
        if (status != null) {
            where.append(" and status = :status");
            params.put("status", status);
        }
        PanacheQuery<Delivery> query =
                Delivery.find(where.toString(), paging.sort(), params).page(paging.panachePage());
        return Page.of(query.list(), paging, query.count());
    }

    public Delivery delivery(Viewer viewer, UUID id, UUID deliveryId) {
        get(viewer, id);
        Delivery delivery = Delivery.findById(deliveryId);
        if (delivery == null || !delivery.subscriptionId.equals(id)) {
            throw ApiException.notFound("Delivery", deliveryId);
        }
        return delivery;
    }

    public List<Attempt> attempts(UUID deliveryId) {
        return Attempt.list("deliveryId", Sort.by("attemptedAt").and("id"), deliveryId);
    }

    /** The event type of each delivery's event, by event id, in one query (for a page of the log). */
    public Map<String, String> eventTypes(List<Delivery> deliveries) {
        List<String> ids = deliveries.stream().map(d -> d.eventId).distinct().toList();
        return ids.isEmpty()
                ? Map.of()
                : StoredEvent.<StoredEvent>list("id in ?1", ids).stream()
                        .collect(java.util.stream.Collectors.toMap(e -> e.id, e -> e.type));
    }

    public String eventType(Delivery delivery) {
        StoredEvent event = StoredEvent.findById(delivery.eventId);
        return event == null ? null : event.type;
    }

    private void requireDeliverable(String url) {
        policy.refusal(url.trim()).ifPresent(reason -> {
            throw ApiException.badRequest("url", reason);
        });
    }

    /**
     * The types asked for, each known; survey answers (ratings, wishes) only for an administrator, as the
     * API shows them only to administrators and the answering city.
     */
    private static List<String> allowedTypes(Viewer viewer, List<String> eventTypes) {
        LinkedHashSet<String> types = new LinkedHashSet<>();
        for (String type : eventTypes) {
            if (!viewer.admin() && EventType.SURVEY_RESPONSE_RECORDED.ceType().equals(type.trim())) {
                throw ApiException.badRequest(
                        "eventTypes",
                        "survey answers (" + type.trim() + ") go to platform administrators only, as in the API");
            }
            if (EventType.fromCeType(type.trim()).isEmpty()) {
                throw ApiException.badRequest(
                        "eventTypes",
                        "unknown event type '" + type + "'; known: "
                                + String.join(
                                        ", ",
                                        Arrays.stream(EventType.values())
                                                .map(EventType::ceType)
                                                .toList()));
            }
            types.add(type.trim());
        }
        return List.copyOf(types);
    }
}
