package org.citybridge.launcher;

import org.citybridge.infra.KafkaServer;
import org.citybridge.infra.KeycloakServer;
import org.citybridge.infra.PlatformTopics;
import org.citybridge.infra.Ports;
import org.citybridge.infra.PostgresServer;

import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole platform on one machine: PostgreSQL (one database per service), Kafka with the platform
 * topics, Keycloak with the CityBridge realm, and the three packaged services as processes wired to
 * them through environment variables only. Used by the launcher and by the end-to-end suite.
 *
 * <p>{@link #close()} stops everything in reverse start order; a failed start stops what had started.
 */
public final class Platform implements AutoCloseable {

    /** The Keycloak realm, and the audience every service checks ({@code quarkus.oidc.token.audience}). */
    public static final String REALM = "citybridge";

    public static final String AUDIENCE = "citybridge-api";

    /** A service of the platform: module name, the database it owns, and its port from {@link PlatformPorts}. */
    public record Service(String name, String database) {}

    public static final List<Service> SERVICES = List.of(
            new Service("cities-service", "cities"),
            new Service("clusters-service", "clusters"),
            new Service("matchmaking-service", "matchmaking"),
            new Service("webhooks-service", "webhooks"));

    /** The web front-end: no database, no Kafka; it signs people in through Keycloak and calls the services' APIs. */
    public static final String PORTAL = "partner-portal";

    private static final Duration SERVICE_READY_TIMEOUT = Duration.ofSeconds(180);

    private final PlatformLayout layout;
    private final PlatformPorts ports;
    private final Status status;
    // Concurrent: Ctrl-C during start-up stops what has started while the start-up thread goes on.
    private final Deque<Stoppable> started = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private final Map<String, ServiceProcess> services = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Map<String, String>> serviceEnv = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> serviceEnvOverrides = new LinkedHashMap<>();
    private final Map<String, Integer> portOf = new java.util.concurrent.ConcurrentHashMap<>();
    // processes ended on purpose (killService): their exit is not reported as a failure
    private final java.util.Set<ServiceProcess> expectedExits = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<ServiceProcess> extraInstances = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, RoundRobinEntry> entries = new java.util.concurrent.ConcurrentHashMap<>();
    private int replicas = 1;
    private KeycloakServer keycloak;
    private volatile PostgresServer postgres;
    private volatile KafkaServer kafka;
    private volatile String kafkaBootstrapServers;
    private volatile boolean closing;

    private interface Stoppable {
        String name();

        void stop();
    }

    private Platform(PlatformLayout layout, PlatformPorts ports, Status status) {
        this.layout = layout;
        this.ports = ports;
        this.status = status;
    }

    /** Where the services listen: {@code CITYBRIDGE_BIND_ADDRESS} (e.g. 0.0.0.0 to reach them from elsewhere), else loopback. */
    static String bindAddress() {
        String configured = System.getenv("CITYBRIDGE_BIND_ADDRESS");
        return configured == null || configured.isBlank() ? "127.0.0.1" : configured.trim();
    }

    /**
     * Settings every service of this platform gets on top of the launcher's, as environment variables
     * (e.g. {@code CITYBRIDGE_RATE_LIMITS_ENABLED=false} for a test that writes as fast as it can); before
     * {@link #start(boolean)}.
     */
    public Platform withServiceEnvironment(Map<String, String> environment) {
        serviceEnvOverrides.putAll(environment);
        return this;
    }

    /**
     * Runs {@code replicas} instances of each service (before {@link #start(boolean)}): each on a port of its
     * own, behind a {@link RoundRobinEntry} on the service's usual port, all on the service's database.
     */
    public Platform withReplicas(int replicas) {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be at least 1");
        }
        this.replicas = replicas;
        return this;
    }

    /**
     * Starts everything and waits until each service reports ready.
     *
     * @param freshRealm import the realm anew (drops users' changes made in Keycloak since the last run)
     * @throws PortInUseException    before anything starts, if a port is taken
     * @throws IllegalStateException if a component fails; what had started is stopped again
     */
    public static Platform start(PlatformLayout layout, PlatformPorts ports, Status status, boolean freshRealm) {
        return create(layout, ports, status).start(freshRealm);
    }

    /** A platform not started yet: lets a caller install its Ctrl-C handler before {@link #start(boolean)}. */
    public static Platform create(PlatformLayout layout, PlatformPorts ports, Status status) {
        return new Platform(layout, ports, status);
    }

    /** Starts everything (see {@link #start(PlatformLayout, PlatformPorts, Status, boolean)}). */
    public Platform start(boolean freshRealm) {
        ports.byComponent().forEach((component, port) -> {
            if (Ports.inUse(port)) {
                throw new PortInUseException(component, port);
            }
        });
        for (String module : java.util.stream.Stream.concat(
                        SERVICES.stream().map(Service::name), java.util.stream.Stream.of(PORTAL))
                .toList()) {
            if (!java.nio.file.Files.isRegularFile(layout.serviceJar(module))) {
                throw new IllegalStateException(PlatformLayout.display(layout.serviceJar(module))
                        + " is missing: build first with ./mvnw install -DskipTests");
            }
        }
        try {
            startAll(freshRealm);
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startAll(boolean freshRealm) {
        PostgresServer postgres = step(
                "postgresql",
                "data in " + PlatformLayout.display(layout.dataDir().resolve("postgres")),
                () -> PostgresServer.start(layout.dataDir().resolve("postgres"), ports.postgres()),
                p -> "127.0.0.1:" + p.port() + " (passwords in " + PlatformLayout.display(p.credentialsFile()) + ")");
        register("postgresql", postgres::close);
        this.postgres = postgres;
        for (Service service : SERVICES) {
            postgres.ensureDatabase(service.database());
        }

        KafkaServer kafka = step(
                "kafka",
                "data in " + PlatformLayout.display(layout.dataDir().resolve("kafka")),
                () -> {
                    KafkaServer k = KafkaServer.start(layout.dataDir().resolve("kafka"), ports.kafka());
                    register("kafka", k::close);
                    k.createTopics(PlatformTopics.all());
                    return k;
                },
                k -> k.bootstrapServers() + " (SASL/SCRAM, passwords in "
                        + PlatformLayout.display(k.dataDirectory().resolve("credentials.properties")) + "), topics "
                        + String.join(", ", PlatformTopics.all().keySet()));
        this.kafka = kafka;
        kafkaBootstrapServers = kafka.bootstrapServers();

        keycloak = step(
                "keycloak",
                "realm " + REALM + ", log " + PlatformLayout.display(layout.log("keycloak")),
                () -> KeycloakServer.start(new KeycloakServer.Options(
                        layout.keycloakHome(),
                        ports.keycloak(),
                        layout.demoRealmFiles(), // the launcher runs the demo: its accounts come with the realm
                        REALM,
                        layout.log("keycloak"),
                        freshRealm)),
                k -> k.baseUrl());
        register("keycloak", keycloak::close);
        allowPortalSignIn();

        Map<String, Integer> servicePorts = Map.of(
                "cities-service",
                ports.cities(),
                "clusters-service",
                ports.clusters(),
                "matchmaking-service",
                ports.matchmaking(),
                "webhooks-service",
                ports.webhooks());
        // Started together, awaited one by one: on two cores this is the quickest order.
        Map<String, List<ServiceProcess>> instancesOf = new LinkedHashMap<>();
        for (Service service : SERVICES) {
            Map<String, String> env = new LinkedHashMap<>();
            env.putAll(postgres.serviceEnvironment(service.database()));
            env.putAll(kafka.serviceEnvironment(service.name()));
            env.put("OIDC_AUTH_SERVER_URL", keycloak.issuer());
            // like PostgreSQL, Kafka and Keycloak, the services listen on loopback unless told otherwise
            env.put("QUARKUS_HTTP_HOST", bindAddress());
            if (service.name().equals("webhooks-service")) {
                // a local run delivers to receivers on this machine over http; in production targets are https
                // URLs on public addresses unless the installation allows a host
                env.put("CITYBRIDGE_WEBHOOKS_REQUIRE_HTTPS", "false");
                env.put("CITYBRIDGE_WEBHOOKS_ALLOWED_HOSTS", "127.0.0.1,localhost");
            }
            env.putAll(serviceEnvOverrides);
            status.starting(service.name(), "log " + PlatformLayout.display(layout.log(service.name())));
            // with replicas, the usual port is the entry point's and every instance gets a port of its own
            int port = replicas > 1 ? Ports.free() : servicePorts.get(service.name());
            ServiceProcess process = ServiceProcess.start(
                    service.name(), layout.serviceJar(service.name()), port, env, layout.log(service.name()));
            this.serviceEnv.put(service.name(), Map.copyOf(env));
            this.portOf.put(service.name(), port);
            services.put(service.name(), process);
            // closes the service's current process (a restarted one after restartService)
            register(service.name(), () -> services.get(service.name()).close());
            List<ServiceProcess> instances = new java.util.ArrayList<>(List.of(process));
            for (int n = 2; n <= replicas; n++) {
                String instanceName = service.name() + "-" + n;
                ServiceProcess extra = ServiceProcess.start(
                        instanceName, layout.serviceJar(service.name()), Ports.free(), env, layout.log(instanceName));
                extraInstances.add(extra);
                instances.add(extra);
            }
            instancesOf.put(service.name(), instances);
        }
        instancesOf.put(PORTAL, List.of(startPortal(servicePorts)));
        Instant since = Instant.now();
        for (List<ServiceProcess> instances : instancesOf.values()) {
            for (ServiceProcess process : instances) {
                try {
                    process.awaitReady(SERVICE_READY_TIMEOUT);
                } catch (IllegalStateException e) {
                    if (!closing) {
                        status.failed(process.name(), e.getMessage());
                    }
                    throw new IllegalStateException(process.name() + " " + e.getMessage(), e);
                }
                status.ready(process.name(), process.baseUrl(), Duration.between(since, Instant.now()));
                reportUnexpectedExit(process);
            }
        }
        if (replicas > 1) {
            instancesOf.forEach((name, instances) -> {
                if (name.equals(PORTAL)) {
                    return; // one portal: it keeps no state, a second one would add nothing here
                }
                RoundRobinEntry entry = RoundRobinEntry.start(
                        name,
                        bindAddress(),
                        servicePorts.get(name),
                        instances.stream()
                                .map(i -> new java.net.InetSocketAddress("127.0.0.1", i.port()))
                                .toList());
                entries.put(name, entry);
                status.ready(
                        name + " entry",
                        "http://127.0.0.1:" + entry.port() + ", round robin over " + instances.size() + " instances",
                        Duration.ZERO);
            });
        }
    }

    /**
     * The portal on its port, calling the services on theirs (their entry points with replicas), signing people
     * in through the realm's public client, with a session secret kept in the data folder across runs.
     */
    private ServiceProcess startPortal(Map<String, Integer> servicePorts) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OIDC_AUTH_SERVER_URL", keycloak.issuer());
        env.put("QUARKUS_HTTP_HOST", bindAddress());
        env.put("CITYBRIDGE_CITIES_URL", "http://127.0.0.1:" + servicePorts.get("cities-service"));
        env.put("CITYBRIDGE_CLUSTERS_URL", "http://127.0.0.1:" + servicePorts.get("clusters-service"));
        env.put("CITYBRIDGE_MATCHMAKING_URL", "http://127.0.0.1:" + servicePorts.get("matchmaking-service"));
        env.put("CITYBRIDGE_PORTAL_SESSION_SECRET", portalSessionSecret());
        status.starting(PORTAL, "log " + PlatformLayout.display(layout.log(PORTAL)));
        ServiceProcess process =
                ServiceProcess.start(PORTAL, layout.serviceJar(PORTAL), ports.portal(), env, layout.log(PORTAL));
        serviceEnv.put(PORTAL, Map.copyOf(env));
        portOf.put(PORTAL, ports.portal());
        services.put(PORTAL, process);
        register(PORTAL, () -> services.get(PORTAL).close());
        return process;
    }

    /**
     * The portal's session secret, made for this installation and kept owner-only in the data folder (as the other
     * passwords): two of its passwords joined, as the portal wants at least 32 characters.
     */
    private String portalSessionSecret() {
        org.citybridge.infra.InstallationSecrets secrets = org.citybridge.infra.InstallationSecrets.ensure(
                layout.dataDir().resolve("portal").resolve("secrets.properties"),
                List.of("session-secret-1", "session-secret-2"));
        return secrets.password("session-secret-1") + secrets.password("session-secret-2");
    }

    /**
     * Lets the realm's web client send people back to the portal on this run's port (the realm file names the
     * documented 8080 only): Keycloak accepts exact redirect addresses, not any port.
     */
    private void allowPortalSignIn() {
        Keycloak admin = new Keycloak(keycloak, REALM);
        com.fasterxml.jackson.databind.JsonNode found =
                admin.admin("GET", "/clients?clientId=" + DemoUsers.WEB_CLIENT, null);
        if (found == null || found.isEmpty()) {
            throw new IllegalStateException("The realm has no client " + DemoUsers.WEB_CLIENT);
        }
        com.fasterxml.jackson.databind.node.ObjectNode client =
                (com.fasterxml.jackson.databind.node.ObjectNode) found.get(0);
        java.util.Set<String> redirects = new java.util.LinkedHashSet<>();
        client.withArray("redirectUris").forEach(uri -> redirects.add(uri.asText()));
        java.util.Set<String> origins = new java.util.LinkedHashSet<>();
        client.withArray("webOrigins").forEach(uri -> origins.add(uri.asText()));
        for (String host : List.of("127.0.0.1", "localhost")) {
            redirects.add("http://" + host + ":" + ports.portal() + "/*");
            origins.add("http://" + host + ":" + ports.portal());
        }
        com.fasterxml.jackson.databind.node.ArrayNode redirectArray = client.putArray("redirectUris");
        redirects.forEach(redirectArray::add);
        com.fasterxml.jackson.databind.node.ArrayNode originArray = client.putArray("webOrigins");
        origins.forEach(originArray::add);
        ((com.fasterxml.jackson.databind.node.ObjectNode) client.with("attributes"))
                .put("post.logout.redirect.uris", String.join("##", redirects));
        admin.admin("PUT", "/clients/" + client.get("id").asText(), client.toString());
    }

    private void reportUnexpectedExit(ServiceProcess process) {
        process.onExit(() -> {
            if (!closing && !expectedExits.contains(process)) {
                status.failed(process.name(), "stopped unexpectedly, see " + PlatformLayout.display(process.log()));
            }
        });
    }

    private interface Starter<T> {
        T start();
    }

    private <T> T step(
            String component, String detail, Starter<T> starter, java.util.function.Function<T, String> where) {
        status.starting(component, detail);
        Instant since = Instant.now();
        try {
            T result = starter.start();
            status.ready(component, where.apply(result), Duration.between(since, Instant.now()));
            return result;
        } catch (RuntimeException e) {
            if (!closing) {
                status.failed(
                        component,
                        Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName()));
            }
            throw e;
        }
    }

    private void register(String name, Runnable stop) {
        if (closing) {
            // stopped while starting (Ctrl-C): do not leave this one behind
            stop.run();
            throw new IllegalStateException("stopped during start-up");
        }
        started.push(new Stoppable() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void stop() {
                stop.run();
            }
        });
    }

    public PlatformPorts ports() {
        return ports;
    }

    public PlatformLayout layout() {
        return layout;
    }

    /** The broker the services publish to, for clients that watch the events (tests, tools). */
    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** How a tool or a test connects to the broker as its administrator (the one principal that may read everything). */
    public Map<String, String> kafkaAdminConfig() {
        return kafkaClientConfig(org.citybridge.infra.KafkaCredentials.ADMIN);
    }

    /** How a client connects to the broker as {@code principal}: the administrator or a service. */
    public Map<String, String> kafkaClientConfig(String principal) {
        return kafka.clientConfig(principal);
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    /** The PostgreSQL server holding the services' databases (fault tests stop and start it). */
    public PostgresServer postgres() {
        return postgres;
    }

    /** The Kafka broker (fault tests stop and start it). */
    public KafkaServer kafka() {
        return kafka;
    }

    /** The current process of a service by module name. */
    public ServiceProcess service(String name) {
        ServiceProcess process = services.get(name);
        if (process == null) {
            throw new IllegalArgumentException("No service " + name);
        }
        return process;
    }

    /** Ends a service at once with SIGKILL, as a crash would (see {@link ServiceProcess#kill()}). */
    public void killService(String name) {
        ServiceProcess process = service(name);
        expectedExits.add(process);
        process.kill();
    }

    /** Stops a service as an orchestrator would (SIGTERM, then waits), e.g. for a rolling restart. */
    public void stopService(String name) {
        ServiceProcess process = service(name);
        expectedExits.add(process);
        process.close();
    }

    /**
     * Starts a service again, with the same port and configuration, after it stopped (see
     * {@link #killService(String)}), and waits until it is ready. Its earlier log is kept as
     * {@code <service>.log.<n>}.
     *
     * @throws IllegalStateException if the service is still running or does not become ready
     */
    public synchronized ServiceProcess restartService(String name) {
        ServiceProcess previous = service(name);
        if (previous.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        keepLog(previous.log());
        ServiceProcess process = ServiceProcess.start(
                name, layout.serviceJar(name), portOf.get(name), serviceEnv.get(name), layout.log(name));
        services.put(name, process);
        reportUnexpectedExit(process);
        process.awaitReady(SERVICE_READY_TIMEOUT);
        return process;
    }

    /**
     * Starts another instance of a service beside the platform's: same configuration except the
     * given environment variables, on a free port, logging to {@code logs/<instanceName>.log}, and
     * waits until it is ready. The caller closes it; {@link #close()} stops it otherwise.
     */
    public ServiceProcess startInstance(String name, String instanceName, Map<String, String> envOverrides) {
        service(name); // known service
        Map<String, String> env = new LinkedHashMap<>(serviceEnv.get(name));
        env.putAll(envOverrides);
        ServiceProcess process = ServiceProcess.start(
                instanceName, layout.serviceJar(name), Ports.free(), env, layout.log(instanceName));
        extraInstances.add(process);
        process.awaitReady(SERVICE_READY_TIMEOUT);
        return process;
    }

    private static void keepLog(java.nio.file.Path log) {
        try {
            for (int n = 1; ; n++) {
                java.nio.file.Path kept = log.resolveSibling(log.getFileName() + "." + n);
                if (!java.nio.file.Files.exists(kept)) {
                    if (java.nio.file.Files.exists(log)) {
                        java.nio.file.Files.move(log, kept);
                    }
                    return;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>} of a service by module name (its entry point when it has replicas). */
    public String serviceUrl(String name) {
        RoundRobinEntry entry = entries.get(name);
        if (entry != null) {
            return "http://127.0.0.1:" + entry.port();
        }
        ServiceProcess process = services.get(name);
        if (process == null) {
            throw new IllegalArgumentException("No service " + name);
        }
        return process.baseUrl();
    }

    /** True once any component has started (and until {@link #close()}). */
    public synchronized boolean hasStarted() {
        return !started.isEmpty();
    }

    /**
     * Stops everything in reverse start order (the three services together, as none depends on
     * another); safe to call twice.
     */
    @Override
    public synchronized void close() {
        closing = true;
        entries.values().forEach(RoundRobinEntry::close);
        extraInstances.forEach(ServiceProcess::close);
        List<Thread> serviceStops = new java.util.ArrayList<>();
        while (!started.isEmpty() && services.containsKey(started.peek().name())) {
            Stoppable service = started.pop();
            status.stopping(service.name());
            Thread stop = new Thread(() -> stopQuietly(service), "stop-" + service.name());
            stop.start();
            serviceStops.add(stop);
        }
        for (Thread stop : serviceStops) {
            try {
                stop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        while (!started.isEmpty()) {
            Stoppable component = started.pop();
            status.stopping(component.name());
            stopQuietly(component);
        }
    }

    private void stopQuietly(Stoppable component) {
        try {
            component.stop();
        } catch (RuntimeException e) {
            status.failed(component.name(), "did not stop cleanly: " + e.getMessage());
        }
    }
}
