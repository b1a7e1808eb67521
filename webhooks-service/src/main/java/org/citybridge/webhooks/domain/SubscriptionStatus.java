package org.citybridge.webhooks.domain;

/** ACTIVE subscriptions receive events; a PAUSED one (its deliveries kept failing) waits for a replay. */
public enum SubscriptionStatus {
    ACTIVE,
    PAUSED
}
