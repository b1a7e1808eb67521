package org.citybridge.matchmaking.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.citybridge.contracts.events.MatchReason;

import java.util.List;
import java.util.UUID;

/** JSON text columns of the read model (lists stored as JSON arrays). */
@ApplicationScoped
public class Json {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<List<UUID>> UUIDS = new TypeReference<>() { };
    private static final TypeReference<List<MatchReason>> REASONS = new TypeReference<>() { };

    private final ObjectMapper mapper;

    public Json(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<String> strings(String json) {
        return read(json, STRINGS);
    }

    public List<UUID> uuids(String json) {
        return read(json, UUIDS);
    }

    public List<MatchReason> reasons(String json) {
        return read(json, REASONS);
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json == null ? "[]" : json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
