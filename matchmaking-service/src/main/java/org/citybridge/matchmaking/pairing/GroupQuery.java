package org.citybridge.matchmaking.pairing;

import org.citybridge.contracts.vocabulary.CooperationArea;

import java.util.List;
import java.util.UUID;

/**
 * One side of a pairing round: explicit city ids, or filters (all given filters must hold) over the
 * registered, active cities.
 */
public record GroupQuery(List<UUID> cityIds, String country, UUID clusterId, CooperationArea area) {

    public boolean explicit() {
        return cityIds != null && !cityIds.isEmpty();
    }
}
