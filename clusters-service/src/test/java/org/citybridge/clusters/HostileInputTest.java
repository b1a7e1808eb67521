package org.citybridge.clusters;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.citybridge.infra.testing.HostileInputContract;
import org.citybridge.kit.security.Roles;

/** Hostile input generated from clusters-service's OpenAPI document: 4xx problems only, and no data changes. */
@QuarkusTest
@TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
class HostileInputTest extends HostileInputContract {
}
