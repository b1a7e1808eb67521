package org.citybridge.matchmaking;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.citybridge.infra.testing.HostileInputContract;
import org.citybridge.kit.security.Roles;

@QuarkusTest
@TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
class HostileInputTest extends HostileInputContract {
}
