package org.citybridge.contracts.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The CloudEvents 1.0 attributes of one event in Kafka binary mode: attributes travel as
 * {@code ce_*} headers, {@code datacontenttype} as {@code content-type}, the data as the record value.
 * Producers build headers with {@link #toHeaders()}; consumers read them with {@link #fromHeaders(Map)}.
 *
 * @param id      unique per event; every consumer's idempotency key
 * @param type    the CloudEvents type, see {@link EventType#ceType()}
 * @param source  the producing service, see {@link EventSource#uri()}
 * @param subject the aggregate id, also the record key
 * @param time    when the state change happened (UTC)
 * @param actor   extension attribute: the token subject (an opaque id, never a name) of the API caller whose
 *                request caused the change; null for changes caused by other events
 * @param cause   extension attribute: the type of the consumed event that caused the change, only where the
 *                producer states it (today cities-service's partner restatements, see
 *                {@link #restatesPartnersOnly()}); null otherwise
 */
public record CloudEventHeaders(
        String id, String type, String source, String subject, Instant time, String actor, String cause) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public static final String H_SPECVERSION = "ce_specversion";
    public static final String H_ID = "ce_id";
    public static final String H_TYPE = "ce_type";
    public static final String H_SOURCE = "ce_source";
    public static final String H_SUBJECT = "ce_subject";
    public static final String H_TIME = "ce_time";
    public static final String H_ACTOR = "ce_actor";
    public static final String H_CAUSE = "ce_cause";
    public static final String H_CONTENT_TYPE = "content-type";

    public CloudEventHeaders {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
    }

    /** Attributes without an actor or a cause. */
    public CloudEventHeaders(String id, String type, String source, String subject, Instant time) {
        this(id, type, source, subject, time, null, null);
    }

    /** Attributes without a cause. */
    public CloudEventHeaders(String id, String type, String source, String subject, Instant time, String actor) {
        this(id, type, source, subject, time, actor, null);
    }

    /** The same attributes, caused by this actor's request. */
    public CloudEventHeaders withActor(String actingSubject) {
        return new CloudEventHeaders(id, type, source, subject, time, actingSubject, cause);
    }

    /** The same attributes, caused by consuming an event of this type. */
    public CloudEventHeaders withCause(EventType causeType) {
        return new CloudEventHeaders(id, type, source, subject, time, actor, causeType.ceType());
    }

    /**
     * Whether this is a CityUpdated that cities-service sent because PartnershipFormed events gave the city new
     * partners: its profile is the one the city's previous CityRegistered or CityUpdated carried, with those
     * partners added. A consumer that keeps no partners can pass over it unread, one that keeps them once it
     * knows each partner named.
     */
    public boolean restatesPartnersOnly() {
        return EventType.CITY_UPDATED.ceType().equals(type)
                && EventType.PARTNERSHIP_FORMED.ceType().equals(cause);
    }

    /** Attributes for a new event of the given type about one aggregate, with a fresh id. */
    public static CloudEventHeaders newEvent(EventType type, UUID aggregateId, Instant time) {
        return new CloudEventHeaders(
                UUID.randomUUID().toString(), type.ceType(), type.source().uri(), aggregateId.toString(), time);
    }

    /** The Kafka headers, in a stable order. */
    public Map<String, byte[]> toHeaders() {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put(H_SPECVERSION, bytes(SPEC_VERSION));
        headers.put(H_ID, bytes(id));
        headers.put(H_TYPE, bytes(type));
        headers.put(H_SOURCE, bytes(source));
        if (subject != null) {
            headers.put(H_SUBJECT, bytes(subject));
        }
        headers.put(H_TIME, bytes(time.toString()));
        if (actor != null) {
            headers.put(H_ACTOR, bytes(actor));
        }
        if (cause != null) {
            headers.put(H_CAUSE, bytes(cause));
        }
        headers.put(H_CONTENT_TYPE, bytes(CONTENT_TYPE));
        return headers;
    }

    /**
     * Reads the attributes from Kafka headers (last value wins).
     *
     * @throws MalformedEventException if a required attribute is missing or unreadable
     */
    public static CloudEventHeaders fromHeaders(Map<String, byte[]> headers) {
        String specVersion = text(headers, H_SPECVERSION);
        if (!SPEC_VERSION.equals(specVersion)) {
            throw new MalformedEventException("Unsupported or missing " + H_SPECVERSION + ": " + specVersion);
        }
        String id = required(headers, H_ID);
        String type = required(headers, H_TYPE);
        String source = required(headers, H_SOURCE);
        String rawTime = required(headers, H_TIME);
        Instant time;
        try {
            time = Instant.parse(rawTime);
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("Unreadable " + H_TIME + ": " + rawTime);
        }
        return new CloudEventHeaders(
                id, type, source, text(headers, H_SUBJECT), time, text(headers, H_ACTOR), text(headers, H_CAUSE));
    }

    private static String required(Map<String, byte[]> headers, String name) {
        String value = text(headers, name);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("Missing CloudEvents header " + name);
        }
        return value;
    }

    private static String text(Map<String, byte[]> headers, String name) {
        byte[] value = headers.get(name);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
