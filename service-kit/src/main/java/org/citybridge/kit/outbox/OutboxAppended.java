package org.citybridge.kit.outbox;

/** Fired when an event enters the outbox, so the relay wakes as soon as the transaction commits. */
public record OutboxAppended(String eventId) {}
