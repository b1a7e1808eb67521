package org.citybridge.clusters.domain;

/** Lifecycle of an exchange: PLANNED, then HELD or CANCELLED, both final. */
public enum ExchangeStatus {
    PLANNED,
    HELD,
    CANCELLED
}
