package org.citybridge.contracts.events;

/** Kafka topic names: one topic per owning service, plus a dead-letter topic per consuming service. */
public final class Topics {

    /** Published by cities-service; key = city id. */
    public static final String CITY_EVENTS = "city-events";
    /** Published by clusters-service; key = cluster id or exchange id. */
    public static final String CLUSTER_EVENTS = "cluster-events";
    /** Published by matchmaking-service; key = proposal pair id. */
    public static final String MATCHMAKING_EVENTS = "matchmaking-events";

    /**
     * What a partner system may read with the broker's partner credential (principal {@value
     * #PARTNER_PRINCIPAL}, consumer groups named {@value #PARTNER_GROUP_PREFIX}…): cities and
     * matchmaking. Not cluster-events, whose survey answers (ratings, wishes) the API shows only to
     * administrators and the answering city; partners get the rest of it by webhook.
     */
    public static final java.util.List<String> PARTNER_READABLE = java.util.List.of(CITY_EVENTS, MATCHMAKING_EVENTS);

    public static final String PARTNER_PRINCIPAL = "partner-reader";
    public static final String PARTNER_GROUP_PREFIX = "partner-";

    private Topics() {}

    /** The dead-letter topic of one consuming service, e.g. {@code cities-service.dlq}. */
    public static String deadLetter(String serviceName) {
        return serviceName + ".dlq";
    }
}
