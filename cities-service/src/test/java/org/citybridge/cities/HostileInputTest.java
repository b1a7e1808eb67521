package org.citybridge.cities;

import io.quarkus.test.junit.QuarkusTest;
import org.citybridge.testing.HostileInputContract;

@QuarkusTest
class HostileInputTest extends HostileInputContract {

    /** The city list is not empty then: the contract sends bad If-Match values to its first city. */
    @Override
    protected void prepareResources() {
        Fixtures.register(Fixtures.cityBody(Fixtures.unique("Hostile target"), "MX"));
    }

    @Override
    protected int minimumRequestsToExistingResources() {
        return 10; // PUT and PATCH of a city
    }
}
