package org.citybridge.webhooks.domain;

/**
 * The CloudEvents HTTP binding a subscription asks for: STRUCTURED sends the whole event as
 * {@code application/cloudevents+json}; BINARY sends its data as {@code application/json} with the
 * attributes in {@code ce-*} headers.
 */
public enum DeliveryMode {
    STRUCTURED,
    BINARY
}
