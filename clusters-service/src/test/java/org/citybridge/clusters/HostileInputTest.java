package org.citybridge.clusters;

import io.quarkus.test.junit.QuarkusTest;
import org.citybridge.testing.HostileInputContract;

/** Hostile input generated from clusters-service's OpenAPI document: 4xx problems only, and no data changes. */
@QuarkusTest
class HostileInputTest extends HostileInputContract {

    @Override
    protected int minimumRequestsToExistingResources() {
        return 5; // at least the update of a seeded cluster
    }
}
