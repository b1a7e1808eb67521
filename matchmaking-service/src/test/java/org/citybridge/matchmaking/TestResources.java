package org.citybridge.matchmaking;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import org.citybridge.infra.PostgresServer;
import org.citybridge.testing.KafkaResource;
import org.citybridge.testing.TestInfrastructure;

import java.util.Map;
import java.util.UUID;

/**
 * Real PostgreSQL and a real Kafka broker for every test of this module. The database is
 * {@code matchmaking}, except under a test profile, which gets a brand-new database on the same
 * server: {@link RebuildProfile} rebuilds everything from the same topics, {@link StrictModelProfile}
 * runs another model configuration without touching the default instance's proposals.
 */
@QuarkusTestResource(TestResources.Database.class)
@QuarkusTestResource(
        value = KafkaResource.class,
        initArgs = @ResourceArg(name = "principal", value = "matchmaking-service"))
public final class TestResources {

    private TestResources() {}

    /** A database per test profile: the shared one, or a fresh one under any profile. */
    public static class Database implements QuarkusTestResourceLifecycleManager {

        private String profile;

        @Override
        public void setContext(Context context) {
            profile = context.testProfile();
        }

        @Override
        public synchronized Map<String, String> start() {
            PostgresServer server = TestInfrastructure.postgres();
            // a profile changes the model or the consumer group: its instance must not rewrite the
            // proposals the default-profile instance stored (the rebuild test compares against them)
            String database = profile != null
                    ? "matchmaking_profile_" + UUID.randomUUID().toString().substring(0, 8)
                    : "matchmaking";
            server.ensureDatabase("matchmaking");
            PostgresServer.Credentials owner = server.ensureDatabase(database);
            return Map.of(
                    // where the live (default-profile) instance keeps its data, for the rebuild comparison
                    "citybridge.test.live-jdbc-url",
                    server.jdbcUrl("matchmaking"),
                    "quarkus.datasource.jdbc.url",
                    server.jdbcUrl(database),
                    "quarkus.datasource.username",
                    owner.user(),
                    "quarkus.datasource.password",
                    owner.password());
        }

        @Override
        public void stop() {
            // shared by every test of the JVM; stopped by a shutdown hook
        }
    }
}
