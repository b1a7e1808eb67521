package org.citybridge.infra;

import org.citybridge.contracts.events.Topics;

import java.util.LinkedHashMap;
import java.util.Map;

/** The topics of the platform with their partition counts, created before any service starts. */
public final class PlatformTopics {

    public static final int EVENT_PARTITIONS = 3;
    public static final String[] SERVICES = {"cities-service", "clusters-service", "matchmaking-service"};

    private PlatformTopics() {}

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
