package org.citybridge.matchmaking.readmodel;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.citybridge.kit.inbox.Postponed;
import org.citybridge.kit.jobs.Jobs;
import org.citybridge.kit.leadership.SessionLock;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.matchmaking.config.MatchmakingConfig;
import org.citybridge.matchmaking.messaging.LeaderTakesAll;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Which instance of matchmaking-service runs the engine: the holder of the engine's {@link SessionLock}
 * in the service's database. Every instance answers reads from the database; only the leader consumes
 * the input topics (the group's {@link LeaderTakesAll} assignor gives it every partition), keeps the
 * in-memory engine, writes proposals and runs jobs. The others forward the requests that change the
 * engine to it (see {@code LeaderForwarding}) at the address it records in {@code mm_engine_leader}.
 *
 * <p>Each instance checks twice a second. A new leader records its address, fails the jobs its
 * predecessor left running, asks the consumers to rebalance and loads the engine from the database,
 * which holds every fact its predecessor committed; the events after that are redelivered from the
 * group's committed offsets, and those applied already are known to the inbox.
 */
@ApplicationScoped
public class EngineLeadership {

    private static final Logger LOG = Logger.getLogger(EngineLeadership.class);
    /** The relay's key ends in 1 (see RelayLeadership); the engine's has a lock of its own. */
    static final long LOCK_KEY = 0x0C17_B21D_6E00_0002L;

    private static final Duration CHECK_EVERY = Duration.ofMillis(500);
    private static final List<String> CHANNELS = List.of("city-events", "cluster-events");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MatchmakingState state;

    @Inject
    Jobs jobs;

    @Inject
    KafkaClientService kafka;

    @Inject
    MatchmakingConfig config;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "quarkus.http.host", defaultValue = "0.0.0.0")
    String httpHost;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8083")
    int httpPort;

    private SessionLock lock;
    private ScheduledExecutorService checks;
    private volatile boolean leading;
    private volatile boolean stopping;
    private volatile String leaderUrl;

    void onStart(@Observes StartupEvent event) {
        lock = new SessionLock(dataSource, LOCK_KEY);
        metrics.gauge("citybridge.engine.leader", this, leadership -> leadership.leading ? 1 : 0);
        check(); // a single instance leads before it serves its first request
        checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "engine-leadership");
            thread.setDaemon(true);
            return thread;
        });
        checks.scheduleWithFixedDelay(
                this::checkSafely, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Hands the engine over in order: no new engine work starts, the work under way finishes (its commit
     * included), and only then is the lock released, so the successor's engine, loaded from the database,
     * holds every fact this instance committed.
     */
    synchronized void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        if (checks != null) {
            checks.shutdownNow();
            checks.awaitTermination(10, TimeUnit.SECONDS);
        }
        leading = false;
        LeaderTakesAll.leading(false);
        state.invalidate(); // waits for the engine's lock: for the work that holds it now
        lock.release(); // a follower takes over at its next check instead of waiting for this session to end
    }

    /** Whether this instance runs the engine now. */
    public boolean leads() {
        return leading;
    }

    /**
     * Waits until this instance leads the engine (consumption on a follower waits here for records it may
     * hold during a rebalance); {@link Postponed} when the instance stops meanwhile, so that the records stay
     * unacknowledged for the leader.
     */
    public void awaitLeading() {
        while (!leading) {
            if (stopping) {
                throw new Postponed("this instance is stopping");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Postponed("interrupted while waiting to lead");
            }
        }
    }

    /** Engine work refused on an instance that does not lead (503 to an API caller). */
    public static final class NotLeading extends ApiException {
        NotLeading() {
            super(
                    503,
                    "unavailable",
                    "Service Unavailable",
                    "Another instance of matchmaking-service runs the engine and takes this request; retry",
                    null);
            withHeader("Retry-After", "2");
        }
    }

    /** Where the leader answers, as last read by this follower; empty while none is known. */
    public Optional<String> leaderUrl() {
        return Optional.ofNullable(leaderUrl);
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.warnf("Engine leadership check failed: %s", e.toString());
        }
    }

    private synchronized void check() {
        if (stopping) {
            return;
        }
        boolean holds = lock.holds();
        if (holds && !leading) {
            lead();
        } else if (!holds && leading) {
            // no waiting for the engine's lock here (a pairing round may hold it): the rebalance below must go
            // out now; the engine is reloaded whenever this instance leads again (lead())
            LOG.warn("Lost the matchmaking engine's leadership (database session gone); another instance takes over");
            leading = false;
            LeaderTakesAll.leading(false);
        }
        if (!holds) {
            leaderUrl = recordedLeader();
        }
        rebalanceIfStale();
    }

    private void lead() {
        long started = System.nanoTime();
        String url = ownUrl();
        record(url);
        leaderUrl = url;
        jobs.failInterrupted(); // jobs run on the leader only: any left running belonged to a dead one
        state.invalidate();
        leading = true;
        LeaderTakesAll.leading(true);
        rebalanceIfStale();
        state.locked(() -> {}); // loads the engine now rather than at the first event or request
        LOG.infof(
                "Leads the matchmaking engine (answers at %s), ready in %d ms",
                url, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Asks a consumer to rejoin the group when its partitions do not fit the leadership (the leader has
     * none, a follower has some), so that the assignor sees who leads now. Checked at every round rather
     * than once per change: a request made while the consumer is joining already is ignored by Kafka, and
     * that join told the group the former answer.
     */
    private void rebalanceIfStale() {
        for (String channel : CHANNELS) {
            KafkaConsumer<Object, Object> consumer = kafka.getConsumer(channel);
            if (consumer != null) { // not created yet: it joins with the current answer
                consumer.runOnPollingThread(c -> {
                            if (c.assignment().isEmpty() == leading) {
                                c.enforceRebalance();
                            }
                        })
                        .subscribe()
                        .with(
                                done -> {},
                                failure -> LOG.warnf(
                                        "Could not ask the %s consumer to rebalance: %s", channel, failure.toString()));
            }
        }
    }

    private String ownUrl() {
        if (config.instanceUrl().isPresent()) {
            return config.instanceUrl().get();
        }
        String host = httpHost;
        if (host.equals("0.0.0.0") || host.equals("::")) {
            try {
                host = InetAddress.getLocalHost().getHostAddress();
            } catch (UnknownHostException e) {
                host = "localhost";
            }
        }
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + httpPort;
    }

    private void record(String url) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("""
                        insert into mm_engine_leader (singleton, instance_url, elected_at) values (true, ?, ?)
                        on conflict (singleton) do update set instance_url = excluded.instance_url,
                                                              elected_at = excluded.elected_at""")) {
            upsert.setString(1, url);
            upsert.setTimestamp(2, Timestamp.from(Instant.now()));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the engine leader's address", e);
        }
    }

    private String recordedLeader() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select instance_url from mm_engine_leader");
                ResultSet row = select.executeQuery()) {
            return row.next() ? row.getString(1) : null;
        } catch (SQLException e) {
            return null;
        }
    }
}
