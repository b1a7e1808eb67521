package org.citybridge.matchmaking;

import org.citybridge.testing.ArchitectureRules;
import org.citybridge.testing.ArchitectureRules.Layout;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * The platform's architecture rules, checked on matchmaking-service's production classes (no Quarkus
 * needed). matchmaking is laid out by feature: the feature packages are its service layer, and the
 * scoring core and the ranking built on it are its domain, in plain Java.
 */
class ArchitectureTest {

    static final Layout LAYOUT = new Layout(
            "org.citybridge.matchmaking",
            List.of("readmodel", "proposal", "partnership", "pairing", "model"),
            List.of("scoring", "ranking"),
            true);

    @Test
    void layersAndServiceBoundariesHold() {
        ArchitectureRules.check(LAYOUT);
    }

    @Test
    void contractsDependOnNothingOfOurs() {
        ArchitectureRules.checkContracts();
    }
}
