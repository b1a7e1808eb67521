package org.citybridge.matchmaking.scoring;

import org.citybridge.contracts.vocabulary.CooperationArea;

import java.util.Set;
import java.util.UUID;

/** Read-only facts of one city of the read model, for selecting groups of cities. */
public record CityView(
        UUID id,
        String name,
        String country,
        String region,
        String subRegion,
        boolean registered,
        boolean retired,
        Set<UUID> clusters,
        Set<CooperationArea> areas,
        int partnerCount) {}
