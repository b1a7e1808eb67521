package org.citybridge.webhooks.rest;

import org.citybridge.webhooks.domain.DeliveryMode;
import org.citybridge.webhooks.domain.Subscription;
import org.citybridge.webhooks.domain.SubscriptionStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A subscription as its owner sees it; {@code secret} only in the answer that creates it. */
@Schema(name = "Webhook")
public record WebhookView(
        UUID id,
        String url,
        List<String> eventTypes,
        DeliveryMode mode,
        String description,
        SubscriptionStatus status,
        String pausedReason,

        @Schema(description = "The signing secret (whsec_…): in the answer that creates the subscription only")
        String secret,

        Instant createdAt,
        Instant updatedAt,
        long version) {

    static WebhookView of(Subscription s) {
        return new WebhookView(
                s.id,
                s.url,
                s.eventTypes(),
                s.mode,
                s.description,
                s.status,
                s.pausedReason,
                null,
                s.createdAt,
                s.updatedAt,
                s.version);
    }

    WebhookView withSecret(String shownOnce) {
        return new WebhookView(
                id, url, eventTypes, mode, description, status, pausedReason, shownOnce, createdAt, updatedAt, version);
    }
}
