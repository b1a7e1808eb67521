package org.citybridge.cities;

import org.citybridge.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The platform's architecture rules, checked on cities-service's production classes (no Quarkus needed). */
class ArchitectureTest {

    @Test
    void layersAndServiceBoundariesHold() {
        ArchitectureRules.check("org.citybridge.cities");
    }

    @Test
    void contractsDependOnNothingOfOurs() {
        ArchitectureRules.checkContracts();
    }
}
