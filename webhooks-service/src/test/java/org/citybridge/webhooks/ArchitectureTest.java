package org.citybridge.webhooks;

import org.citybridge.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The platform's architecture rules, checked on webhooks-service's production classes (no Quarkus needed). */
class ArchitectureTest {

    @Test
    void layersAndServiceBoundariesHold() {
        ArchitectureRules.check("org.citybridge.webhooks");
    }

    @Test
    void contractsDependOnNothingOfOurs() {
        ArchitectureRules.checkContracts();
    }
}
