package org.citybridge.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.citybridge.infra.PostgresServer;

import java.util.Map;

/**
 * Gives a Quarkus test a real PostgreSQL database of its own. Init arg {@code database} names it
 * (one database per service, as in production).
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private String database = "citybridge";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        PostgresServer server = TestInfrastructure.postgres();
        // as in production, the service connects as its database's owner, not as the superuser
        PostgresServer.Credentials owner = server.ensureDatabase(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", server.jdbcUrl(database),
                "quarkus.datasource.username", owner.user(),
                "quarkus.datasource.password", owner.password());
    }

    @Override
    public void stop() {
        // shared by every test of the JVM; stopped by a shutdown hook
    }
}
