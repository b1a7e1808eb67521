package org.citybridge.infra;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Nobody reaches the launcher's PostgreSQL without the password this installation made. */
class PostgresServerTest {

    @TempDir
    static Path home;

    static PostgresServer server;

    @BeforeAll
    static void start() {
        server = PostgresServer.start(home.resolve("postgres"), 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void refusesAWrongOrMissingPassword() {
        String url = server.jdbcUrl("postgres");
        assertThatThrownBy(() ->
                        DriverManager.getConnection(url, "postgres", "wrong").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
        assertThatThrownBy(
                        () -> DriverManager.getConnection(url, "postgres", "").close())
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() ->
                        DriverManager.getConnection(url, "postgres", "postgres").close())
                .isInstanceOf(SQLException.class);
    }

    @Test
    void aServiceOwnsItsDatabaseAndNothingMore() throws SQLException {
        PostgresServer.Credentials owner = server.ensureDatabase("owned_db");
        assertThat(owner.user()).isEqualTo("owned_db");
        assertThat(owner.password())
                .hasSizeGreaterThanOrEqualTo(24)
                .isNotEqualTo(server.superuser().password());
        assertThat(owner.toString()).doesNotContain(owner.password());
        try (Connection db = DriverManager.getConnection(server.jdbcUrl("owned_db"), owner.user(), owner.password());
                Statement statement = db.createStatement()) {
            statement.execute("create table t (id int primary key)"); // its own schema: allowed
            try (ResultSet role = statement.executeQuery(
                    "select rolsuper, rolcreaterole, rolcreatedb from pg_roles where rolname = current_user")) {
                role.next();
                assertThat(role.getBoolean(1)).as("superuser").isFalse();
                assertThat(role.getBoolean(2)).as("create role").isFalse();
                assertThat(role.getBoolean(3)).as("create database").isFalse();
            }
            assertThatThrownBy(() -> statement.execute("create role intruder login password 'x'"))
                    .isInstanceOf(SQLException.class);
        }
        PostgresServer.Credentials other = server.ensureDatabase("other_db");
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("other_db"), owner.user(), owner.password())
                        .close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("permission denied for database");
        assertThat(server.serviceEnvironment("other_db"))
                .containsEntry("DB_USER", "other_db")
                .containsEntry("DB_PASSWORD", other.password())
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", server.jdbcUrl("other_db"));
    }

    @Test
    void keepsItsPasswordsForItsOwnerOnly() throws Exception {
        Path file = server.credentialsFile();
        assertThat(file).exists();
        assertThat(file.getParent()).isEqualTo(home);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(server.dataDirectory().resolve("pg_hba.conf")))
                .doesNotContain("trust")
                .contains("scram-sha-256");
    }

    @Test
    void aClusterThatTrustedEveryoneIsLockedAndItsDatabasesHandedToTheirOwners(@TempDir Path older) throws Exception {
        // a cluster as earlier versions left it: trust for every local connection, tables of the superuser
        Path data = older.resolve("postgres");
        try (var legacy = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .start()) {
            try (Connection admin = legacy.getPostgresDatabase().getConnection();
                    Statement statement = admin.createStatement()) {
                statement.execute("create database legacy");
            }
            try (Connection db = legacy.getDatabase("postgres", "legacy").getConnection();
                    Statement statement = db.createStatement()) {
                statement.execute("create table kept (id bigserial primary key, name text)");
                statement.execute("insert into kept (name) values ('Luoyang')");
            }
        }
        PostgresServer reopened = PostgresServer.start(data, 0);
        try {
            assertThatThrownBy(() -> DriverManager.getConnection(reopened.jdbcUrl("postgres"), "postgres", "")
                            .close())
                    .isInstanceOf(SQLException.class);
            Map<String, String> env = reopened.serviceEnvironment("legacy");
            try (Connection db = DriverManager.getConnection(
                            env.get("QUARKUS_DATASOURCE_JDBC_URL"), env.get("DB_USER"), env.get("DB_PASSWORD"));
                    Statement statement = db.createStatement()) {
                statement.execute("insert into kept (name) values ('Mexico City')"); // owner now: sequence too
                statement.execute("alter table kept add column country text"); // only an owner may
                try (ResultSet rows = statement.executeQuery("select count(*) from kept")) {
                    rows.next();
                    assertThat(rows.getInt(1)).isEqualTo(2);
                }
            }
        } finally {
            reopened.close();
        }
    }
}
