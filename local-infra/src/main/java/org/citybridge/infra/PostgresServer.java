package org.citybridge.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL server from the zonky binaries (no Docker, no installed server). It can be
 * stopped and started again on the same port and data directory, so tests can restart the database
 * under a running service.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final Path dataDirectory;
    private final int port;
    private final boolean attached;
    private EmbeddedPostgres postgres;

    private PostgresServer(Path dataDirectory, int port, boolean attached) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.attached = attached;
    }

    /**
     * A handle on a server that another part of this JVM started and owns: it can create databases
     * and give URLs, but not stop or start the server.
     */
    public static PostgresServer attach(int port) {
        return new PostgresServer(null, port, true);
    }

    /**
     * Starts a server.
     *
     * @param dataDirectory where the cluster lives; kept between starts (null: a fresh temporary one)
     * @param port          the port (0: any free port)
     */
    public static PostgresServer start(Path dataDirectory, int port) {
        PostgresServer server = new PostgresServer(dataDirectory, port == 0 ? Ports.free() : port, false);
        server.start();
        return server;
    }

    /** (Re)starts the server on the same port and data directory. */
    public synchronized void start() {
        requireOwner();
        if (postgres != null) {
            return;
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off");
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on port " + port, e);
        }
    }

    /** Stops the server; data stays in its data directory until {@link #close()} of a temporary one. */
    public synchronized void stop() {
        if (attached) {
            requireOwner();
        }
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            postgres = null;
        }
    }

    private void requireOwner() {
        if (attached) {
            throw new IllegalStateException("PostgreSQL on port " + port + " is owned elsewhere in this JVM");
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates the database unless it exists. */
    public void ensureDatabase(String database) {
        if (!database.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("Unsafe database name: " + database);
        }
        try (Connection connection = java.sql.DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
                PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("create database " + database);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database, e);
        }
    }

    @Override
    public void close() {
        if (!attached) {
            stop();
        }
    }
}
