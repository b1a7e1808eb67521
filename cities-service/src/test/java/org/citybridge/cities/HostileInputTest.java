package org.citybridge.cities;

import io.quarkus.test.junit.QuarkusTest;
import org.citybridge.infra.testing.HostileInputContract;

@QuarkusTest
class HostileInputTest extends HostileInputContract {

    /** A city to send bad If-Match values to (the contract takes the first of the list). */
    @Override
    protected void prepareResources() {
        Fixtures.register(Fixtures.cityBody(Fixtures.unique("Hostile target"), "MX"));
    }

    @Override
    protected int minimumRequestsToExistingResources() {
        return 10; // PUT and PATCH of a city
    }
}
