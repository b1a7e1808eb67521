package org.citybridge.bench.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.citybridge.contracts.events.CloudEventHeaders;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.Topics;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.launcher.Keycloak;
import org.citybridge.launcher.Platform;
import org.citybridge.launcher.PlatformLayout;
import org.citybridge.launcher.PlatformPorts;
import org.citybridge.launcher.Status;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Event to proposal latency on the whole platform (started as {@code ./run.sh} starts it, on free
 * loopback ports, from a private copy of the built services):
 * <ol>
 *   <li>set-up, not timed: per cooperation area two "offering" cities (Mexico, China) with an OFFER
 *       interest, and {@code rate × seconds} "seeking" cities without interests;</li>
 *   <li>warm-up, not counted: the measured steps below for {@code rate × warm-up seconds} other seeking
 *       cities, so that the services' JIT (C2) has compiled the path before it is timed;</li>
 *   <li>baseline: the broker's own produce→consume latency on a topic of the same broker, at the same
 *       rate for the same time, with the producer settings of the outbox relay;</li>
 *   <li>measured: at {@code rate} per second, an interest POST (SEEK in one area) for the next seeking
 *       city; the latency is from sending the POST to reading, on {@code matchmaking-events}, the
 *       first ProposalCreated naming that city. The InterestExpressed on {@code city-events} is read
 *       too, which splits the time into cities-service (POST, outbox relay) and matchmaking
 *       (consume, re-rank, commit, outbox relay).</li>
 *   <li>webhooks, in the same run: a receiver in this process (loopback) subscribed to InterestExpressed
 *       (binary CloudEvents) before the warm-up; from the interest POST's 201 (its transaction, with the
 *       event, committed) to the delivery's arrival, and from the event read on {@code city-events} to the
 *       same arrival (webhooks-service's own hop: consume, store, dispatch, sign, send).</li>
 * </ol>
 * Arguments: {@code [rate per s] [seconds] [warm-up seconds]} (default 50 60 60). Writes {@code target/events-latency.md}.
 */
public final class EventLatencyBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CooperationArea[] AREAS = CooperationArea.values();
    private static final String[] SEEKER_COUNTRIES = {
        "BR", "PE", "CO", "IN", "ID", "VN", "NG", "KE", "EG", "ZA", "TR", "FJ"
    };

    private final int rate;
    private final int seconds;
    private final int warmUpSeconds;
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Keycloak keycloak;
    private String token;
    private String citiesUrl;
    private long tokenAt;
    private WebhookArrivals webhooks;
    private String webhooksUrl;
    private String subscription;

    private EventLatencyBench(String[] args) {
        this.rate = BenchSupport.intArgument(args, 0, 50);
        this.seconds = BenchSupport.intArgument(args, 1, 60);
        this.warmUpSeconds = BenchSupport.intArgument(args, 2, 60);
    }

    public static void main(String[] args) throws Exception {
        BenchSupport.runAndExit("latency-run", "the built platform", true, new EventLatencyBench(args)::run);
    }

    private void run(PlatformLayout layout, Instant date) throws Exception {
        Platform platform = Platform.create(layout, PlatformPorts.free(), new Status(System.out));
        BenchSupport.onExit(platform::close);
        platform.start(true);
        keycloak = new Keycloak(platform.keycloak(), Platform.REALM);
        String cities = platform.serviceUrl("cities-service");
        citiesUrl = cities;
        String matchmaking = platform.service("matchmaking-service").managementUrl(); // its metrics
        Map<String, String> kafka = platform.kafkaAdminConfig();

        // ---------------------------------------------------------------- set-up
        double appliedBefore = BenchSupport.counter(http, matchmaking, "citybridge_events_applied_total");
        int expectedEvents = 0;
        for (CooperationArea area : AREAS) {
            for (String country : List.of("MX", "CN")) {
                UUID id = createCity("Offer " + area.code() + " " + country + " " + run, country, 1_000_000);
                expressInterest(id, area, "OFFER");
                expectedEvents += 2;
            }
        }
        int count = rate * seconds;
        int warmUpCount = rate * warmUpSeconds;
        UUID[] warmUpSeekers = createSeekers(warmUpCount, "Warm-up seeker");
        UUID[] seekers = createSeekers(count, "Seeker");
        expectedEvents += warmUpCount + count;
        System.out.printf(
                Locale.ROOT,
                "Set-up: %d offering and %d seeking cities; waiting for matchmaking%n",
                AREAS.length * 2,
                warmUpCount + count);
        awaitApplied(matchmaking, appliedBefore + expectedEvents, Duration.ofMinutes(5));

        // ---------------------------------------------------------------- webhook receiver
        webhooks = new WebhookArrivals();
        BenchSupport.onExit(webhooks::close);
        webhooksUrl = platform.serviceUrl("webhooks-service");
        subscription = subscribe(webhooksUrl, webhooks.url());

        // ---------------------------------------------------------------- warm-up
        if (warmUpCount > 0) {
            System.out.printf(Locale.ROOT, "Warm-up (not counted): %d/s for %d s%n", rate, warmUpSeconds);
            Measured warmUp = interestToProposal(cities, kafka, warmUpSeekers);
            if (warmUp.errors() > 0) {
                System.out.printf(Locale.ROOT, "Warm-up: %d failed POSTs%n", warmUp.errors());
            }
            awaitApplied(
                    matchmaking, appliedBefore + expectedEvents + warmUpCount - warmUp.errors(), Duration.ofMinutes(5));
        }

        // ---------------------------------------------------------------- baseline
        long[] broker = brokerLatency(kafka);

        // ---------------------------------------------------------------- measured
        Measured measured = interestToProposal(cities, kafka, seekers);

        report(date, broker, measured, count);
    }

    // ------------------------------------------------------------------------ HTTP

    /**
     * The platform-admin's token: a city officer may write only to its own city, and the interests here are
     * spread over many cities (one city would put every POST on one row lock). An officer's POST differs
     * only in the authorisation check (role and own city); the token is verified the same way.
     */
    private synchronized String token() {
        if (token == null || System.nanoTime() - tokenAt > TimeUnit.SECONDS.toNanos(120)) {
            token = keycloak.passwordToken("admin", "admin-demo");
            tokenAt = System.nanoTime();
        }
        return token;
    }

    private HttpRequest.Builder post(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private UUID createCity(String name, String country, long population) throws IOException, InterruptedException {
        String url = citiesUrl + "/api/v1/cities";
        String body = JSON.writeValueAsString(Map.of("name", name, "country", country, "population", population));
        HttpResponse<String> response = http.send(post(url, body).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST " + url + " -> " + response.statusCode() + " " + response.body());
        }
        return UUID.fromString(JSON.readTree(response.body()).get("id").asText());
    }

    private String interestBody(CooperationArea area, String stance) {
        return "{\"area\":\"" + area.code() + "\",\"stance\":\"" + stance + "\",\"intent\":\"KNOWLEDGE_EXCHANGE\"}";
    }

    private void expressInterest(UUID city, CooperationArea area, String stance)
            throws IOException, InterruptedException {
        String url = citiesUrl + "/api/v1/cities/" + city + "/interests";
        HttpResponse<String> response =
                http.send(post(url, interestBody(area, stance)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST " + url + " -> " + response.statusCode() + " " + response.body());
        }
    }

    /** Subscribes the receiver to InterestExpressed, binary mode (the city id in ce-subject). */
    private String subscribe(String webhooksUrl, String receiverUrl) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of(
                "url",
                receiverUrl,
                "eventTypes",
                List.of(EventType.INTEREST_EXPRESSED.ceType()),
                "mode",
                "BINARY",
                "description",
                "latency benchmark"));
        HttpResponse<String> response =
                http.send(post(webhooksUrl + "/api/v1/webhooks", body).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(
                    "POST /api/v1/webhooks -> " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).get("id").asText();
    }

    /** The subscription's delivery log by status, as its owner reads it (printed with the report). */
    private String deliveryLog() throws IOException, InterruptedException {
        StringBuilder log = new StringBuilder();
        for (String status : List.of("DELIVERED", "PENDING", "FAILED")) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(webhooksUrl + "/api/v1/webhooks/" + subscription
                                    + "/deliveries?size=1&status=" + status))
                            .header("Authorization", "Bearer " + token())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode page = JSON.readTree(response.body());
            log.append(status).append(' ').append(page.path("totalItems").asLong());
            if (!page.path("items").isEmpty()) {
                JsonNode last = page.path("items").get(0);
                log.append(" (latest: attempts ")
                        .append(last.path("attempts").asInt())
                        .append(", last status ")
                        .append(last.path("lastStatus").asText("none"))
                        .append(", ")
                        .append(last.path("lastError").asText("no error"))
                        .append(')');
            }
            log.append("; ");
        }
        return log.toString();
    }

    private UUID[] createSeekers(int count, String name) throws Exception {
        UUID[] ids = new UUID[count];
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                done.add(pool.submit(() -> {
                    ids[index] = createCity(
                            name + " " + index + " " + run,
                            SEEKER_COUNTRIES[index % SEEKER_COUNTRIES.length],
                            20_000 + 7_919L * index);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return ids;
    }

    private void awaitApplied(String matchmaking, double target, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (BenchSupport.counter(http, matchmaking, "citybridge_events_applied_total") < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("matchmaking did not apply the expected events in " + timeout);
            }
            BenchSupport.sleep(500);
        }
        BenchSupport.sleep(2_000); // let the last proposals of the set-up leave the outbox
    }

    // ------------------------------------------------------------------------ baseline

    /** Produce→consume latency on a topic of the platform's broker, same rate and duration, relay's producer settings. */
    private long[] brokerLatency(Map<String, String> kafka) throws Exception {
        String topic = "bench-latency-" + run;
        try (Admin admin = Admin.create(new java.util.HashMap<String, Object>(kafka))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        int count = rate * seconds;
        long[] sent = new long[count];
        AtomicLongArray received = new AtomicLongArray(count);
        for (int i = 0; i < count; i++) {
            received.set(i, -1);
        }
        AtomicInteger seen = new AtomicInteger();
        try (KafkaConsumer<String, String> consumer = consumer(kafka)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            Thread reader = new Thread(
                    () -> {
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 30L);
                        while (seen.get() < count && System.nanoTime() < deadline) {
                            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                                long now = System.nanoTime();
                                int index = Integer.parseInt(record.value());
                                if (received.compareAndSet(index, -1, now)) {
                                    seen.incrementAndGet();
                                }
                            }
                        }
                    },
                    "baseline-reader");
            reader.start();
            System.out.printf(Locale.ROOT, "Baseline: broker produce→consume, %d/s for %d s%n", rate, seconds);
            try (KafkaProducer<String, String> producer =
                    BenchSupport.relayLikeProducer(kafka, Map.of(ProducerConfig.LINGER_MS_CONFIG, "1"))) {
                paced(count, i -> {
                    sent[i] = System.nanoTime();
                    producer.send(new ProducerRecord<>(topic, UUID.randomUUID().toString(), Integer.toString(i)));
                });
                producer.flush();
            }
            reader.join();
        }
        long[] latency = new long[count];
        for (int i = 0; i < count; i++) {
            latency[i] = received.get(i) < 0 ? -1 : received.get(i) - sent[i];
        }
        return latency;
    }

    private static KafkaConsumer<String, String> consumer(Map<String, String> kafka) {
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // as the services' consumers
        return new KafkaConsumer<>(props);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String... topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        return partitions;
    }

    private interface Step {
        void run(int index) throws Exception;
    }

    /** Runs {@code count} steps at {@code rate} per second on a fixed schedule (not after each other). */
    private void paced(int count, Step step) throws InterruptedException {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger next = new AtomicInteger();
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
        timer.scheduleAtFixedRate(
                () -> {
                    int index = next.getAndIncrement();
                    if (index >= count) {
                        finished.countDown();
                        return;
                    }
                    try {
                        step.run(index);
                    } catch (Exception e) {
                        System.err.println("step " + index + " failed: " + e);
                    }
                },
                0,
                periodNanos,
                TimeUnit.NANOSECONDS);
        finished.await();
        timer.shutdownNow();
    }

    // ------------------------------------------------------------------------ measured

    private record Measured(
            long[] post,
            long[] toCityEvents,
            long[] toProposal,
            long[] matchmakingHop,
            long[] commitToWebhook,
            long[] webhookHop,
            int webhooksArrived,
            int errors) {}

    private Measured interestToProposal(String cities, Map<String, String> kafka, UUID[] seekers) throws Exception {
        int count = seekers.length;
        Map<UUID, Integer> index = new HashMap<>();
        for (int i = 0; i < count; i++) {
            index.put(seekers[i], i);
        }
        long[] sent = new long[count];
        AtomicLongArray answered = filled(count);
        AtomicLongArray expressed = filled(count);
        AtomicLongArray proposed = filled(count);
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger proposals = new AtomicInteger();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        try (KafkaConsumer<String, String> consumer = consumer(kafka)) {
            List<TopicPartition> partitions = partitions(consumer, Topics.CITY_EVENTS, Topics.MATCHMAKING_EVENTS);
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            String interestType = EventType.INTEREST_EXPRESSED.ceType();
            String proposalType = EventType.PROPOSAL_CREATED.ceType();
            Thread reader = new Thread(
                    () -> {
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(count / rate + 60L);
                        while (proposals.get() < count && System.nanoTime() < deadline) {
                            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                                long now = System.nanoTime();
                                String type = header(record, CloudEventHeaders.H_TYPE);
                                if (interestType.equals(type)) {
                                    Integer i = index.get(UUID.fromString(record.key()));
                                    if (i != null) {
                                        expressed.compareAndSet(i, -1, now);
                                    }
                                } else if (proposalType.equals(type)) {
                                    try {
                                        JsonNode created = JSON.readTree(record.value());
                                        for (String side : List.of("cityA", "cityB")) {
                                            Integer i = index.get(UUID.fromString(
                                                    created.get(side).asText()));
                                            if (i != null && proposed.compareAndSet(i, -1, now)) {
                                                proposals.incrementAndGet();
                                            }
                                        }
                                    } catch (IOException e) {
                                        throw new IllegalStateException(e);
                                    }
                                }
                            }
                        }
                    },
                    "latency-reader");
            reader.start();
            System.out.printf(Locale.ROOT, "Interest POST → ProposalCreated, %d/s for %d s%n", rate, count / rate);
            token();
            paced(count, i -> {
                CooperationArea area = AREAS[i % AREAS.length];
                HttpRequest request = post(
                                cities + "/api/v1/cities/" + seekers[i] + "/interests", interestBody(area, "SEEK"))
                        .build();
                sent[i] = System.nanoTime();
                http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                    long now = System.nanoTime();
                    if (failure != null || response.statusCode() != 201) {
                        errors.incrementAndGet();
                        statuses.merge(failure != null ? -1 : response.statusCode(), 1, Integer::sum);
                    } else {
                        answered.set(i, now);
                    }
                });
            });
            reader.join();
        }
        // the webhook deliveries of the last interests may still be on their way
        long webhookDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (webhooks.arrivedOf(seekers) < count - errors.get() && System.nanoTime() < webhookDeadline) {
            BenchSupport.sleep(100);
        }
        if (!statuses.isEmpty()) {
            System.out.println("Failed POSTs by status: " + statuses);
        }
        long[] post = new long[count];
        long[] toCity = new long[count];
        long[] toProposal = new long[count];
        long[] hop = new long[count];
        long[] commitToWebhook = new long[count];
        long[] webhookHop = new long[count];
        for (int i = 0; i < count; i++) {
            long arrived = webhooks.arrival(seekers[i]);
            commitToWebhook[i] = arrived < 0 || answered.get(i) < 0 ? -1 : arrived - answered.get(i);
            webhookHop[i] = arrived < 0 || expressed.get(i) < 0 ? -1 : arrived - expressed.get(i);
            post[i] = answered.get(i) < 0 ? -1 : answered.get(i) - sent[i];
            toCity[i] = expressed.get(i) < 0 ? -1 : expressed.get(i) - sent[i];
            toProposal[i] = proposed.get(i) < 0 ? -1 : proposed.get(i) - sent[i];
            hop[i] = proposed.get(i) < 0 || expressed.get(i) < 0 ? -1 : proposed.get(i) - expressed.get(i);
        }
        return new Measured(
                post, toCity, toProposal, hop, commitToWebhook, webhookHop, webhooks.arrivedOf(seekers), errors.get());
    }

    private static AtomicLongArray filled(int count) {
        AtomicLongArray array = new AtomicLongArray(count);
        for (int i = 0; i < count; i++) {
            array.set(i, -1);
        }
        return array;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------ report

    private void report(Instant date, long[] broker, Measured m, int count) throws IOException {
        double[] b = BenchSupport.summary(broker);
        double[] post = BenchSupport.summary(m.post());
        double[] city = BenchSupport.summary(m.toCityEvents());
        double[] proposal = BenchSupport.summary(m.toProposal());
        double[] hop = BenchSupport.summary(m.matchmakingHop());
        StringBuilder out = BenchSupport.newReport(
                "Event to proposal latency",
                date,
                "%d/s for %d s (%d interests), after %d s of warm-up%n%n",
                rate,
                seconds,
                count,
                warmUpSeconds);
        out.append("| measured | n | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | p99 / broker p99 |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        row(out, "broker produce→consume (baseline)", b, b);
        row(out, "interest POST answered", post, b);
        row(out, "POST → InterestExpressed read from city-events", city, b);
        row(out, "InterestExpressed read → ProposalCreated read (matchmaking)", hop, b);
        row(out, "**POST → ProposalCreated read from matchmaking-events**", proposal, b);
        double[] webhook = BenchSupport.summary(m.commitToWebhook());
        row(
                out,
                "InterestExpressed read → webhook delivered (webhooks-service)",
                BenchSupport.summary(m.webhookHop()),
                b);
        row(out, "**POST answered (committed) → webhook delivered**", webhook, b);
        out.append(String.format(
                Locale.ROOT,
                "%nFailed POSTs: %d of %d; interests without a ProposalCreated: %d; " + "p99 target ≤ 250 ms: %s%n",
                m.errors(),
                count,
                count - (int) proposal[4],
                proposal[2] <= 250 ? "met" : "missed"));
        out.append(String.format(
                Locale.ROOT,
                "Interests whose webhook did not arrive: %d (delivered before the POST's answer was read, so not in the "
                        + "commit → delivery row: %d); webhook p99 target (commit → delivery) ≤ 500 ms: %s%n",
                count - m.errors() - m.webhooksArrived(),
                m.webhooksArrived() - (int) webhook[4],
                webhook[2] <= 500 ? "met" : "missed"));
        try {
            out.append("Webhook deliveries (the subscription's log): ")
                    .append(deliveryLog())
                    .append('\n');
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        BenchSupport.writeReport(out, "events-latency.md");
    }

    private static void row(StringBuilder out, String name, double[] s, double[] baseline) {
        out.append(String.format(
                Locale.ROOT,
                "| %s | %d | %s | %s | %s | %s | %s |%n",
                name,
                (int) s[4],
                BenchSupport.ms(s[0]),
                BenchSupport.ms(s[1]),
                BenchSupport.ms(s[2]),
                BenchSupport.ms(s[3]),
                BenchSupport.ratio(s[2], baseline[2])));
    }
}
