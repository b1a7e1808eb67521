package org.citybridge.contracts.events;

import org.citybridge.contracts.vocabulary.CooperationArea;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A thematic cluster was launched (or its name or areas changed). Key: cluster id. */
public record ClusterLaunched(UUID clusterId, String slug, String name, List<CooperationArea> areas, Instant launchedAt)
        implements EventPayload {

    public ClusterLaunched {
        areas = areas == null ? List.of() : List.copyOf(areas);
    }

    @Override
    public UUID aggregateId() {
        return clusterId;
    }
}
