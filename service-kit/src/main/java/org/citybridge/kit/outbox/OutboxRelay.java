package org.citybridge.kit.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.citybridge.contracts.events.CloudEventHeaders;
import org.citybridge.kit.tracing.TraceContexts;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes outbox events to Kafka in commit order, as CloudEvents in binary mode, keyed by aggregate.
 * A round reads a batch and sends it in one Kafka transaction: committed, every event of the round is
 * on its topic and is marked as published; failed, none is visible to consumers (they read committed
 * records only) and all stay in the outbox for a later round.
 *
 * <p><b>One relay per service, however many instances.</b> Every instance runs this relay, but only the
 * leader ({@link RelayLeadership}: an advisory lock in the service's database) sends; the others try
 * to take the lead every {@code poll-interval}, so a dead leader is replaced within about a second. A
 * new leader starts its producer with the service's one transactional id: Kafka then fences the
 * previous leader's producer, aborting its open transaction and refusing its commit, so a leader that
 * lost its database session in the middle of a round cannot publish that round behind its successor's
 * back.
 *
 * <p>While the broker is away, rounds fail and are retried with a growing back-off, nothing is lost.
 *
 * <p>Two moments leave it unclear whether an unmarked event is on the topic already: a start of
 * leadership (the previous leader may have died between its commit and the marking) and a failed round
 * (the commit may have succeeded without the answer arriving). Before sending again the relay then
 * reads the committed tail of the topics (the last {@code batch-size} records of each partition: no
 * round sends more) and marks the events it finds there as published, so each event is published
 * exactly once. Consumers ignore repeated {@code ce_id}s all the same.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Batches deleted per prune at most, so a large backlog of old events delays publishing little. */
    private static final int PRUNE_BATCHES = 100;
    /**
     * Each record acknowledged by every in-sync replica, once and in order, in transactions; sends fail
     * fast without a broker; a transaction left open by a leader that died is aborted by Kafka after
     * 10 s if no successor fences it sooner (consumers wait for it meanwhile).
     */
    private static final Map<String, String> PRODUCER = Map.of(
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5",
            ProducerConfig.LINGER_MS_CONFIG, "1",
            ProducerConfig.MAX_BLOCK_MS_CONFIG, "3000",
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000",
            ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "10000");
    /** The reconciling consumer only reads the committed tail of the topics: no group offsets to commit. */
    private static final Map<String, String> RECONCILING_CONSUMER = Map.of(
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
            ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    /** How often the backlog gauge is refreshed at most. */
    private static final Duration BACKLOG_REFRESH = Duration.ofSeconds(2);

    private final OutboxConfig config;
    private final RelayLeadership leadership;
    /** The one transactional id of the service's relays: a new leader's producer fences the previous one's. */
    private final String transactionalId;
    /** The service's {@code kafka.*} settings: the broker, and how to authenticate to it. */
    private final Map<String, Object> kafkaConfig;

    private final Semaphore wakeUp = new Semaphore(0);
    private final Counter published;
    private final Counter failedRounds;
    private final Counter pruned;
    private volatile boolean running;
    private volatile boolean leading;
    private volatile long backlog;
    private long backlogRefreshed = System.nanoTime() - BACKLOG_REFRESH.toNanos();
    private boolean reconciled; // the outbox agrees with the topics (false at start and after a failed round)
    // acknowledged by the broker but not yet marked (the database failed): marked before anything is sent again
    private final List<Long> acknowledgedUnmarked = new ArrayList<>();
    private Thread worker;
    private KafkaProducer<String, String> producer;

    public OutboxRelay(
            OutboxConfig config,
            RelayLeadership leadership,
            MeterRegistry metrics,
            @ConfigProperty(name = "quarkus.application.name") String service,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.config = config;
        this.leadership = leadership;
        this.transactionalId = service + "-outbox-relay";
        this.kafkaConfig = Map.copyOf(kafkaConfig);
        this.published = metrics.counter("citybridge.outbox.published");
        this.failedRounds = metrics.counter("citybridge.outbox.failed.rounds");
        this.pruned = metrics.counter("citybridge.outbox.pruned");
        Gauge.builder("citybridge.outbox.leader", this, relay -> relay.leading ? 1 : 0)
                .description("1 on the instance whose relay publishes the service's outbox, 0 on the others")
                .register(metrics);
        Gauge.builder("citybridge.outbox.backlog", this, relay -> relay.backlog)
                .description("Events committed but not yet published")
                .register(metrics);
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        wakeUp.release();
        if (worker != null) {
            try {
                worker.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeProducer();
        leading = false;
        leadership.release(); // the next leader need not wait for this session to end
    }

    /** Whether this instance's relay publishes the outbox now. */
    public boolean leading() {
        return leading;
    }

    /** Wakes the relay once a transaction that appended events has committed. */
    void onAppended(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxAppended appended) {
        wakeUp.release();
    }

    private void run() {
        long backoffMillis = 0;
        long nextPrune = System.nanoTime();
        while (running) {
            try {
                if (backoffMillis > 0) {
                    Thread.sleep(backoffMillis);
                } else {
                    wakeUp.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
                wakeUp.drainPermits();
                refreshBacklog();
                if (!leadership.holds()) {
                    if (leading) {
                        LOG.warn("This instance no longer leads the outbox relay (its database session ended)");
                        closeProducer();
                        leading = false;
                    }
                    backoffMillis = 0;
                    continue;
                }
                if (producer == null) {
                    producer = startProducer(); // fences the producer of any earlier leader
                    reconciled = false;
                }
                if (!leading) {
                    leading = true;
                    LOG.info("This instance leads the outbox relay");
                }
                int sent;
                do {
                    sent = relayOneBatch();
                } while (running && sent == config.batchSize());
                backoffMillis = 0;
                if (System.nanoTime() - nextPrune >= 0) {
                    nextPrune = System.nanoTime() + config.pruneInterval().toNanos();
                    try {
                        prune();
                    } catch (RuntimeException e) {
                        LOG.warnf(
                                "Deleting published outbox events failed (%s); next try in %s",
                                e.toString(), config.pruneInterval());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failedRounds.increment();
                // a producer whose transaction failed is in doubt: the next round starts a new one (which
                // completes or aborts what is left) and reconciles with the topics first
                closeProducer();
                backoffMillis = Math.min(
                        Math.max(100, backoffMillis * 2), config.maxBackoff().toMillis());
                LOG.warnf("Outbox relay round failed (%s); retrying in %d ms", e.toString(), backoffMillis);
            }
        }
    }

    /**
     * Sends one batch in one transaction; returns how many events were published, a full batch meaning
     * that more may wait.
     *
     * @throws Exception if the transaction did not commit (no event of the round is visible then)
     */
    int relayOneBatch() throws Exception {
        markPublished(); // events committed in an earlier round whose marking failed: never send them again
        if (!reconciled) {
            reconcileWithTopics();
            reconciled = true;
        }
        List<OutboxEvent> batch = QuarkusTransaction.requiringNew()
                .call(() -> OutboxEvent.<OutboxEvent>find("publishedAt is null order by seq")
                        .page(0, config.batchSize())
                        .list());
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            producer.beginTransaction();
            for (OutboxEvent event : batch) {
                producer.send(toRecord(event));
            }
            // flushes the round first; refuses to commit if any record failed, or if a newer leader fenced us
            producer.commitTransaction();
        } catch (RuntimeException e) {
            reconciled = false;
            throw e;
        }
        batch.forEach(event -> acknowledgedUnmarked.add(event.seq));
        markPublished();
        return batch.size();
    }

    private KafkaProducer<String, String> startProducer() {
        Properties props = clientProperties("outbox-relay", PRODUCER);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        KafkaProducer<String, String> started =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        try {
            started.initTransactions();
        } catch (RuntimeException e) {
            started.close(Duration.ZERO);
            throw e;
        }
        return started;
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                // a producer in doubt: its successor settles its transaction
            }
            producer = null;
        }
    }

    /** Counts the events waiting (every instance, for the gauge), at most every {@link #BACKLOG_REFRESH}. */
    private void refreshBacklog() {
        if (System.nanoTime() - backlogRefreshed < BACKLOG_REFRESH.toNanos()) {
            return;
        }
        backlogRefreshed = System.nanoTime();
        try {
            backlog = QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count("publishedAt is null"));
        } catch (RuntimeException e) {
            // the database is away: the gauge keeps its last value, the round below will say why
        }
    }

    /**
     * Deletes the events published longer ago than the retention, oldest first, a batch per
     * transaction (short locks), at most {@value #PRUNE_BATCHES} batches per call; returns how many.
     * Unpublished events are never deleted.
     *
     * <p>Events are published in {@code seq} order, so the prunable ones are the oldest: the deletion
     * stops at the first event still to keep (by the primary key: no scan of the retained rows). An
     * older event published late is deleted once everything before it is.
     */
    public int prune() {
        Instant cutoff = Instant.now().minus(config.retention());
        Number firstKept = QuarkusTransaction.requiringNew().call(() -> (Number) OutboxEvent.getEntityManager()
                .createNativeQuery("select min(seq) from outbox_event where published_at is null or published_at >= ?1")
                .setParameter(1, cutoff)
                .getSingleResult());
        long bound = firstKept == null ? Long.MAX_VALUE : firstKept.longValue();
        int size = config.batchSize();
        int total = 0;
        int deleted = size;
        for (int batch = 0; batch < PRUNE_BATCHES && deleted == size; batch++) {
            deleted = QuarkusTransaction.requiringNew()
                    .call(() -> OutboxEvent.getEntityManager()
                            .createNativeQuery("delete from outbox_event where seq in (select seq from outbox_event"
                                    + " where seq < ?1 and published_at < ?2 order by seq limit ?3)")
                            .setParameter(1, bound)
                            .setParameter(2, cutoff)
                            .setParameter(3, size)
                            .executeUpdate());
            total += deleted;
        }
        if (total > 0) {
            pruned.increment(total);
        }
        return total;
    }

    /**
     * Marks as published the unmarked events that are on their topic already (committed before a crash,
     * by a previous leader, or by a round whose answer was lost). Only the first {@code batch-size}
     * unmarked events can have been sent, one round at a time whoever led, so the last
     * {@code batch-size} committed records of each partition hold every one of them.
     */
    private void reconcileWithTopics() {
        int size = config.batchSize();
        List<OutboxEvent> pending = QuarkusTransaction.requiringNew()
                .call(() -> OutboxEvent.<OutboxEvent>find("publishedAt is null order by seq")
                        .page(0, size)
                        .list());
        if (pending.isEmpty()) {
            return;
        }
        Map<String, Long> seqById = new java.util.HashMap<>();
        Set<String> topics = new HashSet<>();
        for (OutboxEvent event : pending) {
            seqById.put(event.eventId, event.seq);
            topics.add(event.topic);
        }
        Duration timeout = config.sendTimeout();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                clientProperties("outbox-relay-reconcile", RECONCILING_CONSUMER),
                new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, timeout)
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, Math.max(begin.get(partition), end.get(partition) - size));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read the tail of " + topics + " within " + timeout);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    Header id = record.headers().lastHeader(CloudEventHeaders.H_ID);
                    Long seq = id == null ? null : seqById.get(new String(id.value(), StandardCharsets.UTF_8));
                    if (seq != null && !acknowledgedUnmarked.contains(seq)) {
                        acknowledgedUnmarked.add(seq);
                    }
                }
            }
        }
        if (!acknowledgedUnmarked.isEmpty()) {
            LOG.infof(
                    "%d outbox event(s) found on the topics already; marked as published, not sent again",
                    acknowledgedUnmarked.size());
        }
        markPublished();
    }

    private void markPublished() {
        if (acknowledgedUnmarked.isEmpty()) {
            return;
        }
        List<Long> seqs = List.copyOf(acknowledgedUnmarked);
        QuarkusTransaction.requiringNew()
                .run(() -> OutboxEvent.update("publishedAt = ?1 where seq in ?2", java.time.Instant.now(), seqs));
        acknowledgedUnmarked.clear();
        published.increment(seqs.size());
    }

    private static ProducerRecord<String, String> toRecord(OutboxEvent event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(event.topic, event.recordKey, event.payload);
        new CloudEventHeaders(
                        event.eventId,
                        event.type,
                        event.source,
                        event.recordKey,
                        event.occurredAt,
                        event.actor,
                        event.cause)
                .toHeaders()
                .forEach((name, value) -> record.headers().add(name, value));
        if (event.traceParent != null) {
            record.headers().add(TraceContexts.HEADER, event.traceParent.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    /**
     * The properties of one of the relay's Kafka clients: what the producer and the reconciling consumer
     * share (the broker and the credential, a short request timeout, a name), then the client's own settings. Keys and values
     * are strings, (de)serialised by the instances given to the client.
     */
    private Properties clientProperties(String clientId, Map<String, String> own) {
        Properties props = new Properties();
        for (String key : List.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
                SaslConfigs.SASL_MECHANISM,
                SaslConfigs.SASL_JAAS_CONFIG)) {
            if (kafkaConfig.get(key) != null) {
                props.put(key, kafkaConfig.get(key).toString());
            }
        }
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        props.putAll(own);
        return props;
    }
}
