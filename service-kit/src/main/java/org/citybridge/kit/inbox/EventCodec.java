package org.citybridge.kit.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.citybridge.contracts.events.EventPayload;
import org.citybridge.contracts.events.MalformedEventException;

/**
 * JSON of event payloads. Unlike the REST APIs (which reject unknown fields), events tolerate
 * unknown fields, so producers can add fields without breaking older consumers.
 */
@ApplicationScoped
public class EventCodec {

    private final ObjectMapper mapper;

    public EventCodec(ObjectMapper apiMapper) {
        this.mapper = apiMapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public String toJson(EventPayload payload) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event payload not serialisable: " + payload.getClass(), e);
        }
    }

    public <T extends EventPayload> T fromJson(String json, Class<T> type) {
        if (json == null) {
            throw new MalformedEventException("Event without data");
        }
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("Undecodable " + type.getSimpleName() + " data: " + e.getMessage(), e);
        }
    }
}
