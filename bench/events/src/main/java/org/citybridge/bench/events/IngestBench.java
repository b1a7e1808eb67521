package org.citybridge.bench.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.citybridge.bench.SyntheticPlaces;
import org.citybridge.contracts.events.CityProfile;
import org.citybridge.contracts.events.CityRegistered;
import org.citybridge.contracts.events.CloudEventHeaders;
import org.citybridge.contracts.events.EventPayload;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.HeritageAsset;
import org.citybridge.contracts.events.InterestExpressed;
import org.citybridge.contracts.events.PartnerPreferences;
import org.citybridge.contracts.events.Topics;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.infra.ChildProcesses;
import org.citybridge.infra.KafkaCredentials;
import org.citybridge.infra.KafkaServer;
import org.citybridge.infra.PlatformTopics;
import org.citybridge.infra.Ports;
import org.citybridge.infra.PostgresServer;
import org.citybridge.launcher.PlatformLayout;
import org.citybridge.launcher.ServiceProcess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Ingest: how fast matchmaking-service drains a preloaded backlog on {@code city-events}, beside
 * Kafka's own consumer ({@code org.apache.kafka.tools.ConsumerPerformance}) on the same topic.
 * <ol>
 *   <li>a fresh PostgreSQL and Kafka (the launcher's), the platform topics;</li>
 *   <li>the backlog: synthetic cities from a fixed seed (regions weighted towards the global South,
 *       3–8 interests each over areas of uneven popularity, a tenth with partner preferences) as
 *       CityRegistered then InterestExpressed CloudEvents, until {@code interests} interest events;</li>
 *   <li>baseline: ConsumerPerformance reads the whole topic with a new group (run twice, the second
 *       one counts: warm broker, warm page cache);</li>
 *   <li>measured: the packaged matchmaking-service, JVM options as the launcher runs it, fresh
 *       database, new consumer group, started on the backlog; its event counters are polled until it
 *       has handled every event. Meanwhile its consumer thread is sampled ({@code jcmd Thread.print})
 *       to show where the time goes.</li>
 * </ol>
 * Arguments: {@code [interests] [seed] [max drain minutes]} (default 100000 20220222 30). System
 * property {@code bench.service.jvm} replaces the service's JVM options. Writes {@code target/events-ingest.md}.
 */
public final class IngestBench {

    /** As {@code ServiceProcess} runs every service of the platform. */
    private static final String SERVICE_JVM = String.join(" ", ServiceProcess.JVM_OPTIONS);
    /** The inbox's counters: an event applied, skipped (a type not needed) or dead-lettered is handled once. */
    private static final String APPLIED = "citybridge_events_applied_total";

    private static final String SKIPPED = "citybridge_events_skipped_total";
    private static final String DEAD = "citybridge_events_dead_lettered_total";
    /** Events whose id the inbox had recorded already: delivered again, not applied. */
    private static final String DUPLICATES = "citybridge_events_duplicates_total";
    /**
     * How often the service's counters are read while it drains: each read makes the measured service render
     * every series it has, so reads are kept few.
     */
    private static final long POLL_MILLIS = 500;

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final int interests;
    private final long seed;
    private final Duration maxDrain;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private IngestBench(String[] args) {
        this.interests = BenchSupport.intArgument(args, 0, 100_000);
        this.seed = BenchSupport.argument(args, 1, 20220222L);
        this.maxDrain = Duration.ofMinutes(BenchSupport.intArgument(args, 2, 30));
    }

    public static void main(String[] args) throws Exception {
        BenchSupport.runAndExit("ingest-run", "the built services", false, new IngestBench(args)::run);
    }

    private void run(PlatformLayout layout, Instant date) throws Exception {
        PostgresServer postgres = PostgresServer.start(layout.dataDir().resolve("postgres"), Ports.free());
        BenchSupport.onExit(postgres::close);
        KafkaServer kafka = KafkaServer.start(layout.dataDir().resolve("kafka"), Ports.free());
        BenchSupport.onExit(() -> {
            if (kafka.isRunning()) {
                kafka.close();
            }
        });
        PostgresServer.Credentials owner = postgres.ensureDatabase("matchmaking");
        kafka.createTopics(PlatformTopics.all());
        Map<String, String> admin = kafka.clientConfig(KafkaCredentials.ADMIN);

        long[] counts = produceBacklog(admin);
        long total = counts[0] + counts[1];
        System.out.printf(
                Locale.ROOT,
                "Backlog on %s: %d CityRegistered + %d InterestExpressed = %d events%n",
                Topics.CITY_EVENTS,
                counts[0],
                counts[1],
                total);

        Map<String, String> first = consumerPerformance(layout, admin, total);
        Map<String, String> perf = consumerPerformance(layout, admin, total);
        System.out.println("ConsumerPerformance: first " + first + "\n                     second " + perf);

        Drain drain = drain(layout, postgres, kafka.serviceEnvironment("matchmaking-service"), total);
        long proposals = endOffsets(admin, Topics.MATCHMAKING_EVENTS);
        report(date, counts, perf, first, drain, proposals, tableWrites(postgres, owner));
    }

    /**
     * What the drain wrote, table by table, from PostgreSQL's own counters (the service has stopped, so its
     * connections have reported theirs): rows inserted, updated, of which in place ("HOT": no index entry
     * written, the new version on the same page), and deleted.
     */
    private static List<String> tableWrites(PostgresServer postgres, PostgresServer.Credentials owner) {
        List<String> rows = new ArrayList<>();
        try (Connection connection =
                        DriverManager.getConnection(postgres.jdbcUrl("matchmaking"), owner.user(), owner.password());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("""
                        select relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del from pg_stat_user_tables
                        where n_tup_ins + n_tup_upd + n_tup_del > 0 order by n_tup_ins + n_tup_upd desc""")) {
            while (result.next()) {
                rows.add(String.format(
                        Locale.ROOT,
                        "| %s | %d | %d | %d | %d |",
                        result.getString(1),
                        result.getLong(2),
                        result.getLong(3),
                        result.getLong(4),
                        result.getLong(5)));
            }
        } catch (SQLException e) {
            // the drain's figures stand without these
            rows.add("| (PostgreSQL's counters could not be read: " + e.getMessage() + ") | | | | |");
        }
        return rows;
    }

    // ------------------------------------------------------------------------ backlog

    private long[] produceBacklog(Map<String, String> admin) throws Exception {
        Random random = new Random(seed);
        long cities = 0;
        long expressed = 0;
        Instant time = Instant.parse("2026-01-01T00:00:00Z");
        try (KafkaProducer<String, String> producer = BenchSupport.relayLikeProducer(
                admin, Map.of(ProducerConfig.LINGER_MS_CONFIG, "5", ProducerConfig.BATCH_SIZE_CONFIG, "131072"))) {
            while (expressed < interests) {
                UUID cityId = new UUID(random.nextLong(), random.nextLong());
                SyntheticPlaces.Place place = SyntheticPlaces.place(random);
                long population = (long) Math.pow(10, 4 + random.nextDouble() * 3.3);
                List<HeritageAsset> heritage = random.nextInt(10) == 0
                        ? List.of(new HeritageAsset("Site " + cities, "UNESCO World Heritage site", 1990, List.of()))
                        : List.of();
                List<String> associations =
                        random.nextInt(20) == 0 ? List.of("Association " + random.nextInt(5)) : List.of();
                CityProfile profile = new CityProfile(
                        cityId,
                        "City " + cities,
                        null,
                        place.country(),
                        place.region(),
                        place.subRegion(),
                        population,
                        null,
                        null,
                        List.of(),
                        null,
                        heritage,
                        associations,
                        List.of(),
                        1);
                send(producer, new CityRegistered(profile, time), time);
                cities++;
                int n = 3 + random.nextInt(6);
                Set<String> stated = new HashSet<>();
                for (int k = 0; k < n && expressed < interests; k++) {
                    CooperationArea area = SyntheticPlaces.area(random);
                    Stance stance = Stance.values()[random.nextInt(3)];
                    Intent intent = Intent.values()[random.nextInt(3)];
                    if (!stated.add(area + "/" + stance + "/" + intent)) {
                        continue; // restating would update, not add
                    }
                    PartnerPreferences preferences = random.nextInt(10) == 0
                            ? new PartnerPreferences(
                                    List.of(
                                            SyntheticPlaces.PREFERRED[
                                                    random.nextInt(SyntheticPlaces.PREFERRED.length)]),
                                    List.of())
                            : PartnerPreferences.NONE;
                    send(
                            producer,
                            new InterestExpressed(
                                    cityId,
                                    UUID.randomUUID(),
                                    area,
                                    stance,
                                    intent,
                                    preferences,
                                    null,
                                    "profile",
                                    time),
                            time);
                    expressed++;
                }
            }
            producer.flush();
        }
        return new long[] {cities, expressed};
    }

    private static void send(KafkaProducer<String, String> producer, EventPayload payload, Instant time)
            throws IOException {
        CloudEventHeaders headers =
                CloudEventHeaders.newEvent(EventType.of(payload.getClass()), payload.aggregateId(), time);
        ProducerRecord<String, String> record = new ProducerRecord<>(
                Topics.CITY_EVENTS, payload.aggregateId().toString(), JSON.writeValueAsString(payload));
        headers.toHeaders().forEach((name, value) -> record.headers().add(name, value));
        producer.send(record);
    }

    private static long endOffsets(Map<String, String> kafka, String topic) throws Exception {
        try (Admin admin = Admin.create(new java.util.HashMap<String, Object>(kafka))) {
            Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
            for (int p = 0; p < PlatformTopics.EVENT_PARTITIONS; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(request).all().get().values().stream()
                    .mapToLong(o -> o.offset())
                    .sum();
        }
    }

    // ------------------------------------------------------------------------ baseline

    /** Runs Kafka's ConsumerPerformance in its own JVM (as kafka-consumer-perf-test.sh does) and returns its figures. */
    private static Map<String, String> consumerPerformance(
            PlatformLayout layout, Map<String, String> admin, long messages) throws Exception {
        // the tool reads the credential from a client properties file, as kafka-consumer-perf-test.sh does
        Path clientConfig = layout.dataDir().resolve("kafka").resolve("perf-client.properties");
        java.util.Properties props = new java.util.Properties();
        admin.forEach(props::setProperty);
        try (var out = Files.newOutputStream(clientConfig)) {
            props.store(out, null);
        }
        List<String> command = List.of(
                ChildProcesses.javaBinary(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "org.apache.kafka.tools.ConsumerPerformance",
                "--bootstrap-server",
                admin.get("bootstrap.servers"),
                "--consumer.config",
                clientConfig.toString(),
                "--topic",
                Topics.CITY_EVENTS,
                "--messages",
                Long.toString(messages),
                "--group",
                "perf-" + UUID.randomUUID(),
                "--timeout",
                "60000");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException("ConsumerPerformance failed: " + String.join("\n", lines));
        }
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("start.time")) {
                String[] names = lines.get(i).split(",\\s*");
                String[] values = lines.get(i + 1).split(",\\s*");
                Map<String, String> figures = new LinkedHashMap<>();
                for (int k = 0; k < Math.min(names.length, values.length); k++) {
                    figures.put(names[k].trim(), values[k].trim());
                }
                return figures;
            }
        }
        throw new IllegalStateException("No figures from ConsumerPerformance: " + String.join("\n", lines));
    }

    // ------------------------------------------------------------------------ measured

    private record Drain(
            double startSeconds,
            double firstToLastSeconds,
            long handledInWindow,
            long handled,
            long duplicates,
            boolean complete,
            double fromStartSeconds,
            Map<String, Integer> samples,
            int sampleCount,
            List<String> progress) {}

    private Drain drain(PlatformLayout layout, PostgresServer postgres, Map<String, String> kafkaEnv, long total)
            throws Exception {
        int port = Ports.free();
        int managementPort = Ports.free();
        String baseUrl = "http://127.0.0.1:" + managementPort; // health and metrics
        Path jar = layout.serviceJar("matchmaking-service");
        // as the launcher runs it, the build's class data archive included
        List<String> command = ServiceProcess.command(
                jar,
                List.of(System.getProperty("bench.service.jvm", SERVICE_JVM)
                        .trim()
                        .split("\\s+")));
        Path log = layout.log("matchmaking-service");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(jar.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        builder.environment().putAll(postgres.serviceEnvironment("matchmaking"));
        builder.environment().putAll(kafkaEnv);
        // no Keycloak in this run: only events come in, no request needs a token
        builder.environment().put("QUARKUS_OIDC_TENANT_ENABLED", "false");
        System.out.println("Starting matchmaking-service on the backlog (log "
                + layout.root().relativize(log) + ")");
        long started = System.nanoTime();
        Process process = builder.start();
        BenchSupport.onExit(() -> ChildProcesses.stop(process, 20));
        long firstAt = -1;
        long handledAtFirst = 0;
        long lastAt = -1;
        long handled = 0;
        long duplicates = 0;
        long nextSample = 0;
        long nextProgress = 0;
        Map<String, Integer> samples = new TreeMap<>();
        int sampleCount = 0;
        List<String> progress = new ArrayList<>();
        try {
            long deadline = started + maxDrain.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "matchmaking-service exited with " + process.exitValue() + ", see its log");
                }
                Map<String, Double> counted = BenchSupport.counters(http, baseUrl, APPLIED, DUPLICATES, SKIPPED, DEAD);
                // each event once; one delivered again (after a rebalance of the group) is counted apart
                handled = Math.round(counted.get(APPLIED) + counted.get(SKIPPED) + counted.get(DEAD));
                duplicates = Math.round(counted.get(DUPLICATES));
                long now = System.nanoTime();
                if (handled > 0 && firstAt < 0) {
                    firstAt = now;
                    handledAtFirst = handled;
                }
                if (handled >= total) {
                    lastAt = now;
                    break;
                }
                if (firstAt > 0 && now >= nextSample) {
                    sampleCount += sample(process.pid(), samples);
                    nextSample = now + 2_000_000_000L;
                }
                if (now >= nextProgress) {
                    String line = String.format(
                            Locale.ROOT, "  %5.0f s: %d of %d events handled", (now - started) / 1e9, handled, total);
                    System.out.println(line);
                    progress.add(line.trim());
                    nextProgress = now + 15_000_000_000L;
                }
                BenchSupport.sleep(POLL_MILLIS);
            }
            long end = lastAt > 0 ? lastAt : System.nanoTime();
            return new Drain(
                    firstAt < 0 ? Double.NaN : (firstAt - started) / 1e9,
                    firstAt < 0 ? Double.NaN : (end - firstAt) / 1e9,
                    handled - handledAtFirst,
                    handled,
                    duplicates,
                    lastAt > 0,
                    (end - started) / 1e9,
                    samples,
                    sampleCount,
                    progress);
        } finally {
            BenchSupport.sleep(1_000);
            ChildProcesses.stop(process, 20);
        }
    }

    /**
     * One sample of the thread applying events: the first frame, from the top, that says where the
     * time goes. Returns 1 if the consumer was seen working.
     */
    private static int sample(long pid, Map<String, Integer> samples) throws Exception {
        Path jcmd = Path.of(ChildProcesses.javaBinary()).resolveSibling("jcmd");
        Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
                .redirectErrorStream(true)
                .start();
        String text;
        try (var in = dump.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        dump.waitFor();
        int seen = 0;
        for (String thread : text.split("\n\n")) {
            if (!thread.contains("IncomingEventsConsumer")) {
                continue;
            }
            List<String> frames = thread.lines()
                    .map(String::trim)
                    .filter(l -> l.startsWith("at "))
                    .collect(Collectors.toList());
            samples.merge(classify(frames), 1, Integer::sum);
            seen = 1;
        }
        return seen;
    }

    private static String classify(List<String> frames) {
        // a flush (before a query, or at commit) sends the transaction's pending writes: the writes' cost
        String writes = frames.stream().anyMatch(f -> f.contains("ActionQueue.executeActions")) ? "writes, " : "";
        for (String frame : frames) {
            if (frame.contains("org.citybridge.matchmaking.scoring.")
                    || frame.contains("org.citybridge.matchmaking.ranking.")) {
                return "ranking (matchmaking engine: " + method(frame) + ")";
            }
            if (frame.contains("org.postgresql.")
                    || frame.contains("sun.nio.ch.")
                    || frame.contains("java.net.Socket")) {
                for (String outer : frames) {
                    if (outer.contains("org.citybridge.")) {
                        return "PostgreSQL round trip (" + writes + "from " + method(outer) + ")";
                    }
                }
                return "PostgreSQL round trip";
            }
            if (frame.contains("org.hibernate.")) {
                for (String outer : frames) {
                    if (outer.contains("org.citybridge.")) {
                        return "Hibernate (" + writes + "from " + method(outer) + ")";
                    }
                }
                return "Hibernate";
            }
            if (frame.contains("com.arjuna.") || frame.contains("io.agroal.")) {
                return "transaction / connection pool";
            }
            if (frame.contains("com.fasterxml.jackson.")) {
                return "JSON";
            }
            if (frame.contains("org.citybridge.")) {
                return "service code (" + method(frame) + ")";
            }
        }
        return "other (" + (frames.isEmpty() ? "no frames" : method(frames.get(0))) + ")";
    }

    private static String method(String frame) {
        String f = frame.substring(3);
        int paren = f.indexOf('(');
        f = paren > 0 ? f.substring(0, paren) : f;
        String[] parts = f.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : f;
    }

    // ------------------------------------------------------------------------ report

    private void report(
            Instant date,
            long[] counts,
            Map<String, String> perf,
            Map<String, String> firstPerf,
            Drain d,
            long proposals,
            List<String> tableWrites)
            throws IOException {
        long total = counts[0] + counts[1];
        double raw = Double.parseDouble(perf.get("nMsg.sec"));
        double rawFetch = Double.parseDouble(perf.get("fetch.nMsg.sec"));
        double rate = d.handledInWindow() / d.firstToLastSeconds();
        StringBuilder out = BenchSupport.newReport(
                "Ingest of a preloaded backlog",
                date,
                "seed %d; service JVM `%s`%n%n",
                seed,
                System.getProperty("bench.service.jvm", SERVICE_JVM));
        out.append(String.format(
                Locale.ROOT,
                "Backlog on `city-events` (3 partitions): %d CityRegistered + %d InterestExpressed = %d events%n%n",
                counts[0],
                counts[1],
                total));
        out.append(
                "| consumer | events | time (s) | events/s | ratio to ConsumerPerformance |\n|---|---|---|---|---|\n");
        out.append(String.format(
                Locale.ROOT,
                "| ConsumerPerformance (baseline; whole run incl. group join) | %s | %.2f | %.0f | 1 |%n",
                perf.get("data.consumed.in.nMsg"),
                Double.parseDouble(perf.get("fetch.time.ms")) / 1000
                        + Double.parseDouble(perf.get("rebalance.time.ms")) / 1000,
                raw));
        out.append(String.format(
                Locale.ROOT,
                "| ConsumerPerformance, fetch only | %s | %.2f | %.0f | %.2f |%n",
                perf.get("data.consumed.in.nMsg"),
                Double.parseDouble(perf.get("fetch.time.ms")) / 1000,
                rawFetch,
                rawFetch / raw));
        out.append(String.format(
                Locale.ROOT,
                "| **matchmaking-service** (first to last event handled) | %d%s | %.1f | %.0f | **%.4f** |%n",
                d.handledInWindow(),
                d.complete() ? "" : " (not drained)",
                d.firstToLastSeconds(),
                rate,
                rate / raw));
        out.append(String.format(
                Locale.ROOT,
                "%nmatchmaking-service: first event handled %.1f s after its process started; "
                        + "%s %d of %d events %.1f s after start (and %d delivered again, skipped by the inbox as"
                        + " duplicates); %d events on matchmaking-events (ProposalCreated) when stopped. "
                        + "ConsumerPerformance first (cold) run: %s events/s. Target ≥ 0.3× the raw rate: %s.%n",
                d.startSeconds(),
                d.complete() ? "all" : "only",
                d.handled(),
                total,
                d.fromStartSeconds(),
                d.duplicates(),
                proposals,
                firstPerf.get("nMsg.sec"),
                rate / raw >= 0.3 ? "met" : "missed"));
        out.append("\nWhat the drain wrote (PostgreSQL's counters; HOT: updated in place, no index entry written):\n\n"
                + "| table | inserted | updated | of which HOT | deleted |\n|---|---|---|---|---|\n");
        tableWrites.forEach(row -> out.append(row).append('\n'));
        out.append(String.format(
                Locale.ROOT,
                "%nWhere the consumer thread was (%d samples of `jcmd Thread.print`, every 2 s):%n%n",
                d.sampleCount()));
        d.samples().entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(e -> out.append(String.format(Locale.ROOT, "- %s: %d%n", e.getKey(), e.getValue())));
        out.append("\nProgress:\n\n");
        d.progress().forEach(line -> out.append("    ").append(line).append('\n'));
        BenchSupport.writeReport(out, "events-ingest.md");
    }
}
