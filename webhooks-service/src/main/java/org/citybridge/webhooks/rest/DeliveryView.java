package org.citybridge.webhooks.rest;

import org.citybridge.webhooks.domain.Attempt;
import org.citybridge.webhooks.domain.Delivery;
import org.citybridge.webhooks.domain.DeliveryStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One event on its way to a subscription: {@code id} is the {@code webhook-id} it carries on every
 * attempt; {@code attemptLog} (status, latency, error of each attempt) only when read on its own.
 */
@Schema(name = "WebhookDelivery")
public record DeliveryView(
        UUID id,
        String eventId,
        String eventType,
        DeliveryStatus status,
        int attempts,
        Integer lastStatus,
        Integer lastLatencyMs,
        String lastError,
        Instant createdAt,
        Instant nextAttemptAt,
        Instant deliveredAt,
        List<AttemptView> attemptLog) {

    /** One attempt: the target's status code (none when it gave no answer), how long it took, what failed. */
    @Schema(name = "WebhookAttempt")
    public record AttemptView(Instant attemptedAt, Integer statusCode, int latencyMs, String error) {

        static AttemptView of(Attempt a) {
            return new AttemptView(a.attemptedAt, a.statusCode, a.latencyMs, a.error);
        }
    }

    static DeliveryView of(Delivery d, String eventType, List<Attempt> attempts) {
        return new DeliveryView(
                d.id,
                d.eventId,
                eventType,
                d.status,
                d.attempts,
                d.lastStatus,
                d.lastLatencyMs,
                d.lastError,
                d.createdAt,
                d.nextAttemptAt,
                d.deliveredAt,
                attempts == null ? null : attempts.stream().map(AttemptView::of).toList());
    }
}
