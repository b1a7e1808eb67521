package org.citybridge.contracts.events;

/** The CloudEvents {@code source} of each producing service (a URI reference). */
public enum EventSource {
    CITIES("/citybridge/cities-service", Topics.CITY_EVENTS),
    CLUSTERS("/citybridge/clusters-service", Topics.CLUSTER_EVENTS),
    MATCHMAKING("/citybridge/matchmaking-service", Topics.MATCHMAKING_EVENTS);

    private final String uri;
    private final String topic;

    EventSource(String uri, String topic) {
        this.uri = uri;
        this.topic = topic;
    }

    public String uri() {
        return uri;
    }

    /** The topic this source publishes to. */
    public String topic() {
        return topic;
    }
}
