package org.citybridge.kit.outbox;

/** Fired when a transaction first appends to the outbox, so the relay wakes as soon as it commits. */
public record OutboxAppended() {}
