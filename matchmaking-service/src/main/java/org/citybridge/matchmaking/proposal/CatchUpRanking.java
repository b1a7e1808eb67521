package org.citybridge.matchmaking.proposal;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.citybridge.matchmaking.readmodel.EngineLeadership;
import org.citybridge.matchmaking.readmodel.MatchmakingState;
import org.jboss.logging.Logger;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Re-ranks the cities a backlog left waiting ({@code citybridge.matchmaking.catch-up-batch}), on the leader,
 * once the backlog has drained: no catch-up poll for half a second. A chunk at a time under the engine's
 * lock, so events go on being applied between the chunks; gauge {@code citybridge_engine_reranking_waiting}.
 */
@ApplicationScoped
public class CatchUpRanking {

    private static final Logger LOG = Logger.getLogger(CatchUpRanking.class);

    /** How long after the last catch-up poll the backlog counts as drained. */
    static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    @Inject
    RescoreService rescore;

    @Inject
    MatchmakingState state;

    @Inject
    EngineLeadership leadership;

    @Inject
    MeterRegistry metrics;

    private final AtomicLong backlogPolls = new AtomicLong();
    private volatile long lastBacklog = System.nanoTime() - QUIET_NANOS;
    private volatile int waiting;
    private ScheduledExecutorService driver;

    void onStart(@Observes StartupEvent event) {
        metrics.gauge("citybridge.engine.reranking.waiting", this, ranking -> ranking.waiting);
        driver = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "catch-up-ranking");
            thread.setDaemon(true);
            return thread;
        });
        driver.scheduleWithFixedDelay(this::driveSafely, 250, 250, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (driver != null) {
            driver.shutdownNow();
        }
    }

    /** A catch-up poll was applied (inside the engine's lock): every city waits. */
    public void backlogSeen() {
        backlogPolls.incrementAndGet();
        lastBacklog = System.nanoTime();
        waiting = state.engine().waitingForReranking();
    }

    /** How many polls were applied as a backlog since the start. */
    public long backlogPolls() {
        return backlogPolls.get();
    }

    private void driveSafely() {
        try {
            drive();
        } catch (RuntimeException e) {
            LOG.debugf("Catch-up re-ranking paused: %s", e.getMessage()); // e.g. leadership lost; next round
        }
    }

    private void drive() {
        if (!leadership.leads() || waiting == 0 && !anyWaiting()) {
            return;
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (System.nanoTime() - lastBacklog > QUIET_NANOS && System.nanoTime() < until) {
            RescoreService.Step step = rescore.rerankStep();
            waiting = step.waiting();
            if (step.waiting() == 0) {
                return;
            }
        }
    }

    private boolean anyWaiting() {
        waiting = state.locked(() -> state.engine().waitingForReranking());
        return waiting > 0;
    }
}
