package org.citybridge.kit.jobs;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.kit.time.Clock;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs long work as jobs: submitted work gets a {@link Job} row at once (QUEUED), runs on a worker thread
 * (RUNNING, with progress written every second at most), and ends SUCCEEDED with its result, FAILED with
 * its error, or CANCELLED when asked to stop. A job left QUEUED or RUNNING by a stopped process is marked
 * FAILED ("interrupted by a restart") by {@link #failInterrupted}, which the service calls when no job can be
 * running (matchmaking: when an instance becomes the one that runs jobs): it never silently vanishes, and
 * what it committed before stays consistent because every job commits in steps of its own.
 */
@ApplicationScoped
public class Jobs {

    private static final Logger LOG = Logger.getLogger(Jobs.class);

    /** What a job does; it reports progress and checks for cancellation through {@link Progress}. */
    @FunctionalInterface
    public interface Work {
        /** @return the result to store (JSON-serialisable values), or null */
        Map<String, Object> run(Progress progress);
    }

    /** A running job's view of itself. */
    public interface Progress {
        /** The amount of work, once known. */
        void total(long total);

        /** Work done so far. */
        void done(long done);

        /** True once someone asked the job to stop: the work should return at its next safe point. */
        boolean cancelled();
    }

    /** Thrown by work that stops because it was cancelled, with what it got done. */
    public static final class Cancelled extends RuntimeException {
        public Cancelled(String detail) {
            super(detail);
        }
    }

    /** Thrown by work that ends without doing what was asked, with a result that says why (e.g. an import's report). */
    public static final class Refused extends RuntimeException {
        private final Map<String, Object> result;

        public Refused(String detail, Map<String, Object> result) {
            super(detail);
            this.result = result;
        }
    }

    @Inject
    ManagedExecutor executor;

    /**
     * A job is alive while its instance beats for it (every {@link #HEARTBEAT}); one whose beat stopped for
     * {@link #STALE_AFTER} was left by a stopped instance and is marked failed by any other (or by its own
     * instance after a restart): with several instances of a service, no job silently vanishes.
     */
    static final Duration HEARTBEAT = Duration.ofSeconds(20);

    static final Duration STALE_AFTER = Duration.ofMinutes(2);

    private final Set<UUID> runningHere = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService heartbeat;

    void onStart(@Observes StartupEvent event) {
        heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "job-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleWithFixedDelay(
                this::beatQuietly, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
    }

    private void beatQuietly() {
        try {
            beat();
        } catch (RuntimeException e) {
            LOG.debugf("Job heartbeat skipped: %s", e.getMessage()); // the database may be away; next beat
        }
    }

    /** Keeps this instance's jobs alive and fails the ones whose instance stopped beating (every {@link #HEARTBEAT}). */
    public void beat() {
        Instant now = Clock.now();
        QuarkusTransaction.requiringNew().run(() -> {
            if (!runningHere.isEmpty()) {
                Job.update("updatedAt = ?1 where id in ?2", now, List.copyOf(runningHere));
            }
            long failed = Job.update(
                    "state = ?1, error = ?2, finishedAt = ?3, updatedAt = ?3 where state in ?4 and updatedAt < ?5",
                    Job.State.FAILED,
                    "Interrupted: the instance running it stopped before it finished; what it committed stays."
                            + " Submit it again.",
                    now,
                    List.of(Job.State.QUEUED, Job.State.RUNNING),
                    now.minus(STALE_AFTER));
            if (failed > 0) {
                LOG.warnf("%d job(s) left by a stopped instance are marked failed", failed);
            }
        });
    }

    /**
     * Marks the jobs left QUEUED or RUNNING as FAILED; only when no job can be running (a running one would be
     * marked too): e.g. when an instance becomes the single one that runs them.
     *
     * @return how many
     */
    public int failInterrupted() {
        int failed = QuarkusTransaction.requiringNew()
                .call(() -> Job.update(
                        "state = ?1, error = ?2, finishedAt = ?3, updatedAt = ?3 where state in ?4",
                        Job.State.FAILED,
                        "Interrupted by a restart of the service before it finished; what it committed stays. Submit it again.",
                        Clock.now(),
                        List.of(Job.State.QUEUED, Job.State.RUNNING)));
        if (failed > 0) {
            LOG.warnf("%d job(s) interrupted by the last stop are marked failed", failed);
        }
        return failed;
    }

    /** Records a job and starts it in the background; returns it as recorded (QUEUED). */
    public Job submit(String kind, String requestedBy, Work work) {
        return submit(kind, requestedBy, work, false);
    }

    /**
     * As {@link #submit}, for work that must not run twice at once (a re-ranking of every city, a model
     * fit): while a job of this kind is queued or running, on any instance, the request is a 409 naming it.
     */
    public Job submitExclusive(String kind, String requestedBy, Work work) {
        return submit(kind, requestedBy, work, true);
    }

    private Job submit(String kind, String requestedBy, Work work, boolean exclusive) {
        Job job = QuarkusTransaction.requiringNew().call(() -> {
            if (exclusive) {
                // one submission of a kind at a time across instances, until this transaction ends
                Job.getEntityManager()
                        .createNativeQuery(
                                "select count(*) from (select pg_advisory_xact_lock(hashtext(?1))) as locked")
                        .setParameter(1, "job:" + kind)
                        .getSingleResult();
                Optional<Job> active = Job.find(
                                "kind = ?1 and state in ?2", kind, List.of(Job.State.QUEUED, Job.State.RUNNING))
                        .firstResultOptional();
                if (active.isPresent()) {
                    throw ApiException.conflict("A " + kind + " job is already " + active.get().state
                            + ": /api/v1/jobs/" + active.get().id + "; wait for it to finish or cancel it");
                }
            }
            Job created = new Job();
            created.id = UUID.randomUUID();
            created.kind = kind;
            created.state = Job.State.QUEUED;
            created.requestedBy = requestedBy;
            created.createdAt = Clock.now();
            created.updatedAt = created.createdAt;
            created.persist();
            return created;
        });
        executor.runAsync(() -> run(job.id, work));
        return job;
    }

    /** How many jobs of this kind are queued or running, on any instance. */
    public long active(String kind) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Job.count("kind = ?1 and state in ?2", kind, List.of(Job.State.QUEUED, Job.State.RUNNING)));
    }

    public Optional<Job> find(UUID id) {
        return Job.findByIdOptional(id);
    }

    /**
     * Asks a job to stop; a finished job is left as it is.
     *
     * @return the job as it is now
     */
    public Job cancel(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Job job = Job.findById(id);
            if (job == null) {
                throw ApiException.notFound("Job", id);
            }
            if (!job.state.finished()) {
                job.cancelRequested = true;
                job.updatedAt = Clock.now();
            }
            return job;
        });
    }

    private void run(UUID id, Work work) {
        runningHere.add(id);
        try {
            runTracked(id, work);
        } finally {
            runningHere.remove(id);
        }
    }

    private void runTracked(UUID id, Work work) {
        update(id, job -> {
            job.state = Job.State.RUNNING;
            job.startedAt = Clock.now();
        });
        Tracker tracker = new Tracker(id);
        try {
            Map<String, Object> result = work.run(tracker);
            tracker.flush();
            update(id, job -> {
                job.state = Job.State.SUCCEEDED;
                job.result = result;
                job.finishedAt = Clock.now();
            });
        } catch (Cancelled e) {
            tracker.flush();
            update(id, job -> {
                job.state = Job.State.CANCELLED;
                job.error = e.getMessage();
                job.finishedAt = Clock.now();
            });
        } catch (Refused e) {
            tracker.flush();
            update(id, job -> {
                job.state = Job.State.FAILED;
                job.error = e.getMessage();
                job.result = e.result;
                job.finishedAt = Clock.now();
            });
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "Job %s failed", id);
            tracker.flush();
            String detail =
                    e instanceof ApiException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
            update(id, job -> {
                job.state = Job.State.FAILED;
                job.error = detail;
                job.finishedAt = Clock.now();
            });
        }
    }

    private static void update(UUID id, Consumer<Job> change) {
        QuarkusTransaction.requiringNew().run(() -> {
            Job job = Job.findById(id);
            change.accept(job);
            job.updatedAt = Clock.now();
        });
    }

    /** Progress kept in memory and written at most once a second; cancellation read at the same pace. */
    private static final class Tracker implements Progress {
        private final UUID id;
        private long total;
        private long done;
        private long written;
        private boolean cancelled;

        Tracker(UUID id) {
            this.id = id;
        }

        @Override
        public void total(long total) {
            this.total = total;
            maybeWrite();
        }

        @Override
        public void done(long done) {
            this.done = done;
            maybeWrite();
        }

        @Override
        public boolean cancelled() {
            maybeWrite();
            return cancelled;
        }

        private void maybeWrite() {
            long now = System.nanoTime();
            if (now - written >= 1_000_000_000L) {
                flush();
                written = now;
            }
        }

        void flush() {
            long t = total;
            long d = done;
            boolean[] cancel = {false};
            update(id, job -> {
                job.total = t;
                job.done = d;
                cancel[0] = job.cancelRequested;
            });
            cancelled = cancel[0];
        }
    }
}
