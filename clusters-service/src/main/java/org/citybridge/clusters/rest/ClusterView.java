package org.citybridge.clusters.rest;

import org.citybridge.clusters.domain.Cluster;
import org.citybridge.clusters.domain.ClusterStatus;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A cluster as the API shows it. */
@Schema(name = "Cluster")
public record ClusterView(
        UUID id,
        String slug,
        String name,
        String description,
        List<CooperationArea> areas,
        ClusterStatus status,
        Instant launchedAt,
        long version) {

    static ClusterView of(Cluster c) {
        return new ClusterView(
                c.id,
                c.slug,
                c.name,
                c.description,
                c.areas.stream().sorted().toList(),
                c.status,
                c.launchedAt,
                c.version);
    }
}
