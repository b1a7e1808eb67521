package org.citybridge.webhooks.domain;

/** PENDING until the target answers 2xx (DELIVERED) or its retries run out or its subscription pauses (FAILED). */
public enum DeliveryStatus {
    PENDING,
    DELIVERED,
    FAILED
}
