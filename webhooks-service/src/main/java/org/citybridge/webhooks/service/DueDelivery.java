package org.citybridge.webhooks.service;

import org.citybridge.webhooks.domain.DeliveryMode;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A delivery due now, with what its request needs: the target, the secrets that sign, the event. */
public record DueDelivery(
        UUID id,
        UUID subscriptionId,
        String url,
        DeliveryMode mode,
        List<String> secrets,
        String eventId,
        String eventType,
        String eventSource,
        String eventSubject,
        Instant eventTime,
        String eventData,
        int attempts,
        Instant createdAt) {}
