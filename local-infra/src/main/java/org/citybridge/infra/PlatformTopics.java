package org.citybridge.infra;

import org.citybridge.contracts.events.Topics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The topics of the platform with their partition counts, created before any service starts. */
public final class PlatformTopics {

    public static final int EVENT_PARTITIONS = 3;
    public static final String[] SERVICES = {
        "cities-service", "clusters-service", "matchmaking-service", "webhooks-service"
    };

    private PlatformTopics() {}

    /** The topic a service publishes its events to; none for webhooks-service, which only delivers them. */
    public static Optional<String> ownTopic(String service) {
        return switch (service) {
            case "cities-service" -> Optional.of(Topics.CITY_EVENTS);
            case "clusters-service" -> Optional.of(Topics.CLUSTER_EVENTS);
            case "matchmaking-service" -> Optional.of(Topics.MATCHMAKING_EVENTS);
            case "webhooks-service" -> Optional.empty();
            default -> throw new IllegalArgumentException("Unknown service " + service);
        };
    }

    /** The topics a service consumes. */
    public static List<String> consumedBy(String service) {
        return switch (service) {
            case "cities-service" -> List.of(Topics.CLUSTER_EVENTS, Topics.MATCHMAKING_EVENTS);
            case "clusters-service" -> List.of(Topics.CITY_EVENTS);
            case "matchmaking-service" -> List.of(Topics.CITY_EVENTS, Topics.CLUSTER_EVENTS);
            case "webhooks-service" -> List.of(Topics.CITY_EVENTS, Topics.CLUSTER_EVENTS, Topics.MATCHMAKING_EVENTS);
            default -> throw new IllegalArgumentException("Unknown service " + service);
        };
    }

    public static Map<String, Integer> all() {
        Map<String, Integer> topics = new LinkedHashMap<>();
        topics.put(Topics.CITY_EVENTS, EVENT_PARTITIONS);
        topics.put(Topics.CLUSTER_EVENTS, EVENT_PARTITIONS);
        topics.put(Topics.MATCHMAKING_EVENTS, EVENT_PARTITIONS);
        for (String service : SERVICES) {
            topics.put(Topics.deadLetter(service), 1);
        }
        return topics;
    }
}
