package org.citybridge.matchmaking;

import io.quarkus.test.junit.QuarkusTest;
import org.citybridge.testing.HostileInputContract;

@QuarkusTest
class HostileInputTest extends HostileInputContract {}
