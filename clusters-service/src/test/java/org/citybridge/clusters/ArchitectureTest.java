package org.citybridge.clusters;

import org.citybridge.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The platform's architecture rules, checked on clusters-service's production classes (no Quarkus needed). */
class ArchitectureTest {

    @Test
    void layersAndServiceBoundariesHold() {
        ArchitectureRules.check("org.citybridge.clusters");
    }

    @Test
    void contractsDependOnNothingOfOurs() {
        ArchitectureRules.checkContracts();
    }
}
