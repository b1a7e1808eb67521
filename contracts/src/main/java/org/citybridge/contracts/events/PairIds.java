package org.citybridge.contracts.events;

import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ProposalKind;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Stable ids for an unordered pair of cities and a kind of partnership: the same two cities and kind
 * always give the same id, whichever city comes first. Used as proposal id and as record key of
 * matchmaking events.
 */
public final class PairIds {

    private PairIds() {}

    public static UUID of(UUID cityA, UUID cityB, ProposalKind kind, CooperationArea area) {
        if (cityA.equals(cityB)) {
            throw new IllegalArgumentException("A city cannot pair with itself: " + cityA);
        }
        UUID low = cityA.compareTo(cityB) < 0 ? cityA : cityB;
        UUID high = low.equals(cityA) ? cityB : cityA;
        String name = low + "|" + high + "|" + kind + "|" + (area == null ? "" : area.code());
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
