package org.citybridge.matchmaking;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.citybridge.infra.PostgresServer;
import org.citybridge.infra.testing.TestInfrastructure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * Real PostgreSQL and a real Kafka broker for every test of this module. The database is
 * {@code matchmaking}, except under {@link RebuildProfile}, which gets a brand-new database on the
 * same server so that the service rebuilds everything from the same topics.
 *
 * <p>Quarkus loads test resources in a new class loader when the test profile changes, which would
 * start a second server and broker; the first ones' addresses are therefore kept in system
 * properties and reused.
 */
@QuarkusTestResource(TestResources.Database.class)
@QuarkusTestResource(TestResources.Broker.class)
public final class TestResources {

    static final String POSTGRES_PORT = "citybridge.test.postgres-port";
    static final String KAFKA_BOOTSTRAP = "citybridge.test.kafka-bootstrap";

    private TestResources() {
    }

    static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A database per test profile: the shared one, or a fresh one for the rebuild test. */
    public static class Database implements QuarkusTestResourceLifecycleManager {

        private String profile;

        @Override
        public void setContext(Context context) {
            profile = context.testProfile();
        }

        @Override
        public synchronized Map<String, String> start() {
            String known = System.getProperty(POSTGRES_PORT);
            int port;
            if (known == null) {
                PostgresServer server = TestInfrastructure.postgres();
                port = server.port();
                System.setProperty(POSTGRES_PORT, Integer.toString(port));
            } else {
                port = Integer.parseInt(known);
            }
            String database = profile != null && profile.contains(RebuildProfile.class.getSimpleName())
                    ? "matchmaking_rebuild_" + UUID.randomUUID().toString().substring(0, 8)
                    : "matchmaking";
            ensureDatabase(port, "matchmaking");
            ensureDatabase(port, database);
            return Map.of(
                    // where the live (default-profile) instance keeps its data, for the rebuild comparison
                    "citybridge.test.live-jdbc-url", jdbcUrl(port, "matchmaking"),
                    "quarkus.datasource.jdbc.url", jdbcUrl(port, database),
                    "quarkus.datasource.username", PostgresServer.USER,
                    "quarkus.datasource.password", PostgresServer.PASSWORD);
        }

        private static void ensureDatabase(int port, String database) {
            try (Connection connection = DriverManager.getConnection(jdbcUrl(port, "postgres"), PostgresServer.USER,
                    PostgresServer.PASSWORD); Statement statement = connection.createStatement()) {
                try (var rs = statement.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
                    if (rs.next()) {
                        return;
                    }
                }
                statement.execute("create database " + database);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot create database " + database, e);
            }
        }

        @Override
        public void stop() {
            // shared by every test of the JVM; stopped by a shutdown hook
        }
    }

    /** The broker of the JVM, with the platform's topics. */
    public static class Broker implements QuarkusTestResourceLifecycleManager {

        @Override
        public synchronized Map<String, String> start() {
            String bootstrap = System.getProperty(KAFKA_BOOTSTRAP);
            if (bootstrap == null) {
                bootstrap = TestInfrastructure.kafka().bootstrapServers();
                System.setProperty(KAFKA_BOOTSTRAP, bootstrap);
            }
            return Map.of("kafka.bootstrap.servers", bootstrap);
        }

        @Override
        public void stop() {
            // shared by every test of the JVM; stopped by a shutdown hook
        }
    }
}
