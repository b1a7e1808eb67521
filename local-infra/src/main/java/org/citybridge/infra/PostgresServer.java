package org.citybridge.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * A real PostgreSQL server from the zonky binaries (no Docker, no installed server). It can be
 * stopped and started again on the same port and data directory, so tests can restart the database
 * under a running service.
 *
 * <p>Every connection needs a password (SCRAM): the superuser's and one role per database, the
 * database's owner, each made for this installation and kept beside the cluster in
 * {@code <data directory>-credentials.properties} ({@link InstallationSecrets}). A service connects
 * as its database's owner, never as the superuser.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String SUPERUSER = "postgres";

    /** A role and its password. */
    public record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[user=" + user + "]"; // never the password
        }
    }

    private final Path dataDirectory;
    private final Path credentialsFile;
    private final Path temporaryHome;
    private final int port;
    private final boolean attached;
    private EmbeddedPostgres postgres;

    private PostgresServer(Path dataDirectory, Path credentialsFile, Path temporaryHome, int port, boolean attached) {
        this.dataDirectory = dataDirectory;
        this.credentialsFile = credentialsFile;
        this.temporaryHome = temporaryHome;
        this.port = port;
        this.attached = attached;
    }

    /**
     * A handle on a server that another part of this JVM started and owns: it can create databases
     * and give URLs, but not stop or start the server.
     */
    public static PostgresServer attach(int port, Path credentialsFile) {
        return new PostgresServer(null, credentialsFile, null, port, true);
    }

    /**
     * Starts a server.
     *
     * @param dataDirectory where the cluster lives; kept between starts (null: a fresh temporary one,
     *                      deleted by {@link #close()})
     * @param port          the port (0: any free port)
     */
    public static PostgresServer start(Path dataDirectory, int port) {
        Path temporaryHome = null;
        if (dataDirectory == null) {
            try {
                temporaryHome = Files.createTempDirectory("citybridge-postgres");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            dataDirectory = temporaryHome.resolve("data");
        }
        Path credentials = dataDirectory.resolveSibling(dataDirectory.getFileName() + "-credentials.properties");
        PostgresServer server =
                new PostgresServer(dataDirectory, credentials, temporaryHome, port == 0 ? Ports.free() : port, false);
        server.start();
        return server;
    }

    /** Where the passwords of the superuser and of every database's owner are kept (owner-only). */
    public Path credentialsFile() {
        return credentialsFile;
    }

    /** The superuser, for administration and tests that look into a database; services never use it. */
    public Credentials superuser() {
        return new Credentials(SUPERUSER, secrets(SUPERUSER).password(SUPERUSER));
    }

    /** (Re)starts the server on the same port and data directory. */
    public synchronized void start() {
        requireOwner();
        if (postgres != null) {
            return;
        }
        String superuserPassword = secrets(SUPERUSER).password(SUPERUSER);
        try {
            postgres = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    // the socket directory is shared by every local user: only the owner may use the socket
                    .setServerConfig("unix_socket_permissions", "0700")
                    .setConnectConfig("password", superuserPassword) // the start-up check logs in
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false) // kept across stop and start; a temporary one goes at close
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on port " + port, e);
        }
        requirePasswords(superuserPassword);
    }

    /**
     * initdb (run by zonky) trusts every local connection, and a cluster made before passwords were
     * required does too: give the superuser its password, then let nobody in without one. A new
     * cluster is open this way only from initdb until here, before it holds any database.
     */
    private void requirePasswords(String superuserPassword) {
        try (Connection connection = connect("postgres", superuser());
                Statement statement = connection.createStatement()) {
            statement.execute("set password_encryption = 'scram-sha-256'");
            statement.execute("alter role " + SUPERUSER + " password " + literal(superuserPassword));
            Path hba = dataDirectory.resolve("pg_hba.conf");
            String required = """
                    # Written by CityBridge at every start: every connection needs a password (SCRAM).
                    local   all   all                  scram-sha-256
                    host    all   all   127.0.0.1/32   scram-sha-256
                    host    all   all   ::1/128        scram-sha-256
                    """;
            if (!required.equals(Files.readString(hba))) {
                Files.writeString(hba, required);
                statement.execute("select pg_reload_conf()");
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not require passwords on PostgreSQL port " + port, e);
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

    public Path dataDirectory() {
        return dataDirectory;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /**
     * What a service needs to use {@code database} as its owner: URL, user and password, as the
     * environment variables the services read (the database and its owner are made first if need be).
     */
    public java.util.Map<String, String> serviceEnvironment(String database) {
        Credentials owner = ensureDatabase(database);
        return java.util.Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl(database),
                "DB_USER", owner.user(),
                "DB_PASSWORD", owner.password());
    }

    /**
     * Creates the database unless it exists, owned by a role of the same name (no superuser, no
     * right to create roles or databases) whose password this installation made; a database made
     * before it had an owner of its own is handed over with its tables.
     *
     * @return how its owner connects
     */
    public Credentials ensureDatabase(String database) {
        if (!database.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("Unsafe database name: " + database);
        }
        Credentials owner = new Credentials(database, secrets(database).password(database));
        try (Connection connection = connect("postgres", superuser());
                Statement statement = connection.createStatement()) {
            statement.execute("set password_encryption = 'scram-sha-256'");
            if (!exists(connection, "select 1 from pg_roles where rolname = ?", database)) {
                statement.execute("create role " + database + " login");
            }
            // the file is the truth: a password changed there (rotation) is the role's at the next start
            statement.execute("alter role " + database + " password " + literal(owner.password()));
            boolean created = !exists(connection, "select 1 from pg_database where datname = ?", database);
            if (created) {
                statement.execute("create database " + database + " owner " + database);
            } else {
                statement.execute("alter database " + database + " owner to " + database);
            }
            // other services' roles may not even connect to it (PUBLIC may by default)
            statement.execute("revoke all on database " + database + " from public");
            if (created) {
                return owner;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database, e);
        }
        handOver(database);
        return owner;
    }

    /** Gives the owner role what the superuser created in the database before owners existed. */
    private void handOver(String database) {
        try (Connection connection = connect(database, superuser());
                Statement statement = connection.createStatement()) {
            statement.execute("alter schema public owner to " + database);
            statement.execute("""
                    do $$
                    declare r record;
                    begin
                      for r in select c.relkind, n.nspname, c.relname from pg_class c
                               join pg_namespace n on n.oid = c.relnamespace
                               where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S')
                                 and pg_get_userbyid(c.relowner) <> current_setting('citybridge.owner')
                                 and not (c.relkind = 'S' and exists (select 1 from pg_depend d
                                     where d.objid = c.oid and d.deptype in ('a', 'i')))
                      loop
                        execute format('alter %s %I.%I owner to %I',
                            case r.relkind when 'S' then 'sequence' when 'v' then 'view'
                                           when 'm' then 'materialized view' else 'table' end,
                            r.nspname, r.relname, current_setting('citybridge.owner'));
                      end loop;
                    end $$""".replace("current_setting('citybridge.owner')", literal(database)));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not hand database " + database + " to its owner", e);
        }
    }

    private Connection connect(String database, Credentials credentials) throws SQLException {
        return java.sql.DriverManager.getConnection(jdbcUrl(database), credentials.user(), credentials.password());
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement(query)) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** A string literal for statements that take no parameters (passwords are letters and digits). */
    private static String literal(String value) {
        if (!value.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("Unsafe literal");
        }
        return "'" + value + "'";
    }

    /** The installation's passwords, that of {@code name} made first if it has none. */
    private synchronized InstallationSecrets secrets(String name) {
        return InstallationSecrets.ensure(credentialsFile, List.of(name));
    }

    @Override
    public void close() {
        if (!attached) {
            stop();
            if (temporaryHome != null) {
                try (java.util.stream.Stream<Path> files = Files.walk(temporaryHome)) {
                    files.sorted(java.util.Comparator.reverseOrder())
                            .forEach(f -> f.toFile().delete());
                } catch (IOException e) {
                    // a temporary directory left behind does no harm
                }
            }
        }
    }
}
