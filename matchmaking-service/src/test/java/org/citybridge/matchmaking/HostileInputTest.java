package org.citybridge.matchmaking;

import io.quarkus.test.junit.QuarkusTest;
import org.citybridge.infra.testing.HostileInputContract;

@QuarkusTest
class HostileInputTest extends HostileInputContract {
}
