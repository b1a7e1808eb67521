package org.citybridge.clusters.domain;

/** Whether a cluster takes new members. */
public enum ClusterStatus {
    ACTIVE,
    CLOSED
}
