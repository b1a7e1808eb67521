package org.citybridge.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.citybridge.contracts.events.Topics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker (KRaft, one node) from the Kafka jars on the classpath, run as a child
 * JVM ({@link KafkaBrokerMain}). It can be stopped and started again on the same port and data, so
 * tests can take the broker away under a running service. Clients authenticate (SASL/SCRAM) as the
 * administrator or as one of the services, with passwords made for this installation
 * ({@link KafkaCredentials}), and ACLs let each service touch only its own topics.
 */
public final class KafkaServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path dataDirectory;
    private final int port;
    private final int controllerPort;
    private final boolean temporary;
    private final boolean attached;
    private KafkaCredentials credentials;
    private Process process;

    private KafkaServer(Path dataDirectory, int port, int controllerPort, boolean temporary, boolean attached) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.temporary = temporary;
        this.attached = attached;
    }

    /**
     * A handle on a broker that another part of this JVM started and owns (its data, with the credentials,
     * in {@code dataDirectory}): it can create topics and give addresses and credentials, but not stop or
     * start the broker.
     */
    public static KafkaServer attach(int port, Path dataDirectory) {
        KafkaServer server = new KafkaServer(dataDirectory, port, 0, false, true);
        server.credentials = KafkaCredentials.read(dataDirectory);
        return server;
    }

    /**
     * Starts a broker and waits until it answers.
     *
     * @param dataDirectory where logs and metadata live (null: a fresh temporary directory)
     * @param port          client port (0: any free port)
     */
    public static KafkaServer start(Path dataDirectory, int port) {
        try {
            boolean temporary = dataDirectory == null;
            Path dir = temporary ? Files.createTempDirectory("citybridge-kafka") : dataDirectory;
            KafkaServer server = new KafkaServer(dir, port == 0 ? Ports.free() : port, Ports.free(), temporary, false);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** (Re)starts the broker on the same ports and data and waits until it answers. */
    public synchronized void start() {
        requireOwner();
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Files.createDirectories(dataDirectory);
            if (!Files.exists(dataDirectory.resolve(KafkaCredentials.FILE))
                    && Files.exists(dataDirectory.resolve("logs"))) {
                // data of a broker from before authentication: its metadata lacks the administrator, start afresh
                deleteRecursively(dataDirectory.resolve("logs"));
            }
            credentials = KafkaCredentials.ensure(dataDirectory, principals());
            Path log = dataDirectory.resolve("broker.log");
            process = new ProcessBuilder(ChildProcesses.detachedFromTerminal(List.of(
                            ChildProcesses.javaBinary(),
                            "-Xms64m",
                            "-Xmx384m",
                            "-XX:+UseSerialGC",
                            "-XX:TieredStopAtLevel=1",
                            "-cp",
                            ChildProcesses.classPath(),
                            KafkaBrokerMain.class.getName(),
                            dataDirectory.toString(),
                            Integer.toString(port),
                            Integer.toString(controllerPort))))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka did not start", e);
        }
        awaitReady();
        authorise();
    }

    /** The administrator and one principal per service. */
    private static List<String> principals() {
        List<String> principals = new java.util.ArrayList<>();
        principals.add(KafkaCredentials.ADMIN);
        principals.addAll(List.of(PlatformTopics.SERVICES));
        principals.add(Topics.PARTNER_PRINCIPAL);
        return principals;
    }

    /**
     * Gives each service its SCRAM credential and exactly the rights its work needs: write (and read back,
     * for the relay's reconciliation) its own topic in transactions with ids named after it, read the
     * topics it consumes in its own consumer groups, write its dead-letter topic. Idempotent, so done at
     * every start.
     */
    private void authorise() {
        try (Admin admin = admin()) {
            List<UserScramCredentialAlteration> users = new java.util.ArrayList<>();
            List<AclBinding> acls = new java.util.ArrayList<>();
            for (String service : PlatformTopics.SERVICES) {
                users.add(new UserScramCredentialUpsertion(
                        service,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 8192),
                        credentials.password(service)));
                String principal = "User:" + service;
                PlatformTopics.ownTopic(service).ifPresent(own -> {
                    acls.add(allow(principal, ResourceType.TOPIC, own, PatternType.LITERAL, AclOperation.WRITE));
                    acls.add(allow(principal, ResourceType.TOPIC, own, PatternType.LITERAL, AclOperation.READ));
                    acls.add(allow(principal, ResourceType.TOPIC, own, PatternType.LITERAL, AclOperation.DESCRIBE));
                });
                for (String consumed : PlatformTopics.consumedBy(service)) {
                    acls.add(allow(principal, ResourceType.TOPIC, consumed, PatternType.LITERAL, AclOperation.READ));
                    acls.add(
                            allow(principal, ResourceType.TOPIC, consumed, PatternType.LITERAL, AclOperation.DESCRIBE));
                }
                String deadLetter = org.citybridge.contracts.events.Topics.deadLetter(service);
                acls.add(allow(principal, ResourceType.TOPIC, deadLetter, PatternType.LITERAL, AclOperation.WRITE));
                acls.add(allow(principal, ResourceType.TOPIC, deadLetter, PatternType.LITERAL, AclOperation.DESCRIBE));
                // its consumer groups are named after it (a rebuild uses a new group with the same prefix)
                acls.add(allow(principal, ResourceType.GROUP, service, PatternType.PREFIXED, AclOperation.READ));
                acls.add(allow(principal, ResourceType.GROUP, service, PatternType.PREFIXED, AclOperation.DESCRIBE));
                // its outbox relay publishes in transactions under an id named after it
                acls.add(allow(
                        principal, ResourceType.TRANSACTIONAL_ID, service, PatternType.PREFIXED, AclOperation.WRITE));
                acls.add(allow(
                        principal,
                        ResourceType.TRANSACTIONAL_ID,
                        service,
                        PatternType.PREFIXED,
                        AclOperation.DESCRIBE));
            }
            // partner systems that can use Kafka: read the partner topics in their own consumer groups, nothing else
            users.add(new UserScramCredentialUpsertion(
                    Topics.PARTNER_PRINCIPAL,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 8192),
                    credentials.password(Topics.PARTNER_PRINCIPAL)));
            String partner = "User:" + Topics.PARTNER_PRINCIPAL;
            for (String topic : Topics.PARTNER_READABLE) {
                acls.add(allow(partner, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
                acls.add(allow(partner, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE));
            }
            acls.add(allow(
                    partner, ResourceType.GROUP, Topics.PARTNER_GROUP_PREFIX, PatternType.PREFIXED, AclOperation.READ));
            acls.add(allow(
                    partner,
                    ResourceType.GROUP,
                    Topics.PARTNER_GROUP_PREFIX,
                    PatternType.PREFIXED,
                    AclOperation.DESCRIBE));
            admin.alterUserScramCredentials(users).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not set up the services' Kafka credentials and ACLs", e);
        }
    }

    private static AclBinding allow(
            String principal, ResourceType type, String name, PatternType pattern, AclOperation operation) {
        return new AclBinding(
                new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Kafka exited with " + process.exitValue() + "; see " + dataDirectory.resolve("broker.log"));
            }
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = new IllegalStateException(e);
                sleep(200);
            }
        }
        throw new IllegalStateException(
                "Kafka not ready after " + READY_TIMEOUT + "; see " + dataDirectory.resolve("broker.log"), last);
    }

    /** Stops the broker cleanly (SIGTERM), keeping its data for a later {@link #start()}. */
    public synchronized void stop() {
        requireOwner();
        ChildProcesses.stop(process, 30);
        process = null;
    }

    private void requireOwner() {
        if (attached) {
            throw new IllegalStateException("The Kafka broker on port " + port + " is owned elsewhere in this JVM");
        }
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Creates the topics that do not exist yet, with the given partition counts (replication 1). */
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        try (Admin admin = admin()) {
            List<NewTopic> topics = partitionsByTopic.entrySet().stream()
                    .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1))
                    .toList();
            admin.createTopics(topics).values().forEach((name, future) -> {
                try {
                    future.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + name, e.getCause());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("Could not create topic " + name, e);
                }
            });
        }
    }

    private Admin admin() {
        Properties props = new Properties();
        props.putAll(clientConfig(KafkaCredentials.ADMIN));
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        return Admin.create(props);
    }

    /**
     * What a Kafka client needs to connect as {@code principal} ({@link KafkaCredentials#ADMIN} or a service):
     * the bootstrap address and its SASL/SCRAM settings.
     */
    public Map<String, String> clientConfig(String principal) {
        return credentials.clientConfig(bootstrapServers(), principal);
    }

    /** The environment a service process reads its broker and its own credential from. */
    public Map<String, String> serviceEnvironment(String service) {
        return Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers(),
                "KAFKA_USERNAME", service,
                "KAFKA_PASSWORD", credentials.password(service));
    }

    @Override
    public void close() {
        if (attached) {
            return;
        }
        stop();
        if (temporary) {
            deleteRecursively(dataDirectory);
        }
    }

    static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort for a temporary directory
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
