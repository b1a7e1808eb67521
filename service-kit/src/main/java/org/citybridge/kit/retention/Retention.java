package org.citybridge.kit.retention;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the bookkeeping tables from growing forever: expired idempotency keys and the ids of events
 * consumed longer ago than any redelivery can come are deleted in the background, a batch per short
 * transaction. Any instance may prune; deleting twice deletes nothing.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);
    private static final int BATCH = 1_000;
    /** Batches per table and run at most, so one run never holds the database long. */
    private static final int MAX_BATCHES = 100;

    private final RetentionConfig config;
    private final EntityManager em;
    private final MeterRegistry metrics;
    private ScheduledExecutorService scheduler;

    public Retention(RetentionConfig config, EntityManager em, MeterRegistry metrics) {
        this.config = config;
        this.em = em;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "retention");
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.pruneInterval().toMillis();
        scheduler.scheduleWithFixedDelay(
                this::pruneQuietly, Math.min(interval, 30_000), interval, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** The moment before which an idempotency key no longer counts. */
    public Instant idempotencyCutoff() {
        return Instant.now().minus(config.idempotencyKeys());
    }

    /** Deletes what has expired in both tables; returns how many rows. */
    public int prune() {
        int keys = prune("idempotency_key", "created_at", config.idempotencyKeys(), "scope, key");
        int events = prune("processed_event", "processed_at", config.processedEvents(), "event_id");
        return keys + events;
    }

    private void pruneQuietly() {
        try {
            prune();
        } catch (RuntimeException e) {
            // the database may be down; the next run catches up
            LOG.warnf("Pruning expired bookkeeping rows failed (%s); retrying in %s", e, config.pruneInterval());
        }
    }

    private int prune(String table, String timeColumn, Duration keep, String keyColumns) {
        Instant cutoff = Instant.now().minus(keep);
        int total = 0;
        int deleted = BATCH;
        for (int batch = 0; batch < MAX_BATCHES && deleted == BATCH; batch++) {
            String sql = "delete from " + table + " where (" + keyColumns + ") in (select " + keyColumns + " from "
                    + table + " where " + timeColumn + " < ?1 limit " + BATCH + ")";
            deleted = QuarkusTransaction.requiringNew()
                    .call(() ->
                            em.createNativeQuery(sql).setParameter(1, cutoff).executeUpdate());
            total += deleted;
        }
        if (total > 0) {
            metrics.counter("citybridge.retention.pruned", "table", table).increment(total);
        }
        return total;
    }
}
