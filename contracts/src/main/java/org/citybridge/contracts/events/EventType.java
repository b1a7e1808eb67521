package org.citybridge.contracts.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every event of the platform: its CloudEvents {@code type}, its producer and its payload record.
 * Type names follow {@code org.citybridge.<aggregate>.<event>.v<version>}; a breaking change to a
 * payload gets a new version, never an edit of the old one.
 */
public enum EventType {
    CITY_REGISTERED("city", "registered", EventSource.CITIES, CityRegistered.class),
    CITY_UPDATED("city", "updated", EventSource.CITIES, CityUpdated.class),
    CITY_RETIRED("city", "retired", EventSource.CITIES, CityRetired.class),
    INTEREST_EXPRESSED("city", "interest-expressed", EventSource.CITIES, InterestExpressed.class),
    INTEREST_WITHDRAWN("city", "interest-withdrawn", EventSource.CITIES, InterestWithdrawn.class),
    CLUSTER_LAUNCHED("cluster", "launched", EventSource.CLUSTERS, ClusterLaunched.class),
    MEMBER_JOINED("cluster", "member-joined", EventSource.CLUSTERS, MemberJoined.class),
    MEMBER_LEFT("cluster", "member-left", EventSource.CLUSTERS, MemberLeft.class),
    EXCHANGE_SCHEDULED("exchange", "scheduled", EventSource.CLUSTERS, ExchangeScheduled.class),
    EXCHANGE_HELD("exchange", "held", EventSource.CLUSTERS, ExchangeHeld.class),
    EXCHANGE_CANCELLED("exchange", "cancelled", EventSource.CLUSTERS, ExchangeCancelled.class),
    SURVEY_RESPONSE_RECORDED(
            "exchange", "survey-response-recorded", EventSource.CLUSTERS, SurveyResponseRecorded.class),
    PROPOSAL_CREATED("proposal", "created", EventSource.MATCHMAKING, ProposalCreated.class),
    PROPOSAL_ACCEPTED("proposal", "accepted", EventSource.MATCHMAKING, ProposalAccepted.class),
    PROPOSAL_DECLINED("proposal", "declined", EventSource.MATCHMAKING, ProposalDeclined.class),
    PARTNERSHIP_FORMED("partnership", "formed", EventSource.MATCHMAKING, PartnershipFormed.class),
    MODEL_ACTIVATED("model", "activated", EventSource.MATCHMAKING, ModelActivated.class);

    private static final int VERSION = 1;

    private final String ceType;
    private final EventSource source;
    private final Class<? extends EventPayload> payloadType;

    EventType(String aggregate, String event, EventSource source, Class<? extends EventPayload> payloadType) {
        this.ceType = "org.citybridge." + aggregate + "." + event + ".v" + VERSION;
        this.source = source;
        this.payloadType = payloadType;
    }

    /** The CloudEvents {@code type}, e.g. {@code org.citybridge.city.interest-expressed.v1}. */
    public String ceType() {
        return ceType;
    }

    public EventSource source() {
        return source;
    }

    public String topic() {
        return source.topic();
    }

    public Class<? extends EventPayload> payloadType() {
        return payloadType;
    }

    /** Looks a CloudEvents type up; empty for types this build does not know (skip, do not fail). */
    public static Optional<EventType> fromCeType(String ceType) {
        return Arrays.stream(values()).filter(t -> t.ceType.equals(ceType)).findFirst();
    }

    /** The event type whose payload is this record class. */
    public static EventType of(Class<? extends EventPayload> payloadType) {
        return Arrays.stream(values())
                .filter(t -> t.payloadType == payloadType)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No event type for " + payloadType.getName()));
    }
}
