package org.citybridge.contracts.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Programme staff activated a version of the matchmaking model: its weights now score every pair, and
 * the proposals are re-ranked in the background. Key: the model's fixed id ({@link #MODEL_ID}).
 *
 * @param weights feature key to weight
 */
public record ModelActivated(int version, Map<String, Double> weights, String source, Instant activatedAt)
        implements EventPayload {

    /** The one matchmaking model, as an aggregate: all its versions' events on one partition, in order. */
    public static final UUID MODEL_ID = UUID.fromString("6d0de1a0-0000-4000-8000-000000000001");

    public ModelActivated {
        weights = weights == null ? Map.of() : Map.copyOf(weights);
    }

    @Override
    public UUID aggregateId() {
        return MODEL_ID;
    }
}
