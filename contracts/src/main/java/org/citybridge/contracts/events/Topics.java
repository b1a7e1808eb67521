package org.citybridge.contracts.events;

/** Kafka topic names: one topic per owning service, plus a dead-letter topic per consuming service. */
public final class Topics {

    /** Published by cities-service; key = city id. */
    public static final String CITY_EVENTS = "city-events";
    /** Published by clusters-service; key = cluster id or exchange id. */
    public static final String CLUSTER_EVENTS = "cluster-events";
    /** Published by matchmaking-service; key = proposal pair id. */
    public static final String MATCHMAKING_EVENTS = "matchmaking-events";

    private Topics() {}

    /** The dead-letter topic of one consuming service, e.g. {@code cities-service.dlq}. */
    public static String deadLetter(String serviceName) {
        return serviceName + ".dlq";
    }
}
