package org.citybridge.webhooks.service;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.citybridge.kit.leadership.SessionLock;
import org.citybridge.webhooks.config.WebhooksConfig;
import org.jboss.logging.Logger;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends the due deliveries, on one instance at a time (the holder of a session lock in the service's
 * database, as the outbox relays do): a round picks the oldest pending delivery of each aggregate and
 * subscription, sends them in parallel, and records every answer before the next round. A new event
 * wakes it at once; otherwise it looks every poll interval. Delivery is at least once: an instance that
 * dies between an answer and its record leaves the delivery to be sent again, with the same
 * {@code webhook-id}, by the next leader.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private static final long LOCK_KEY = 0x57454248_4f4f4b53L; // "WEBHOOKS"
    private static final Duration PRUNE_INTERVAL = Duration.ofMinutes(10);

    private final DeliveryStore store;
    private final CloudEventRequests requests;
    private final TargetPolicy policy;
    private final WebhooksConfig config;
    private final SessionLock leadership;
    private final MeterRegistry metrics;
    private final Semaphore wakeUp = new Semaphore(0);
    private ExecutorService senders;
    private HttpClient client;
    private Thread worker;
    private volatile boolean running;
    private Instant nextPrune = Instant.now();

    public Dispatcher(
            DeliveryStore store,
            CloudEventRequests requests,
            TargetPolicy policy,
            WebhooksConfig config,
            AgroalDataSource dataSource,
            MeterRegistry metrics) {
        this.store = store;
        this.requests = requests;
        this.policy = policy;
        this.config = config;
        this.metrics = metrics;
        this.leadership = new SessionLock(dataSource, LOCK_KEY);
    }

    void onStart(@Observes StartupEvent event) {
        senders = Executors.newFixedThreadPool(config.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "webhook-sender");
            thread.setDaemon(true);
            return thread;
        });
        // the client keeps its own threads: given the senders, which all block in send() during a full round,
        // it had none left to finish their answers, and the round never ended (seen at 50 events/s)
        client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        running = true;
        worker = new Thread(this::run, "webhook-dispatcher");
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
        if (senders != null) {
            senders.shutdownNow();
        }
        leadership.release();
    }

    /** Something may be due now: a new event or delivery was committed. */
    public void wake() {
        wakeUp.release();
    }

    private void run() {
        while (running) {
            try {
                int sent = leadership.holds() ? round() : 0;
                if (sent == 0) {
                    wakeUp.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the database may be away; the deliveries wait in it
                LOG.warnf("A delivery round failed (%s); retrying", e.toString());
                sleep(config.pollInterval());
            }
        }
    }

    /** One round: sends what is due, records the answers; returns how many were sent. */
    int round() {
        if (Instant.now().isAfter(nextPrune)) {
            nextPrune = Instant.now().plus(PRUNE_INTERVAL);
            store.prune();
        }
        List<DueDelivery> due = store.due(config.batchSize());
        if (due.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<DeliveryStore.Outcome>> attempts = due.stream()
                .map(delivery -> CompletableFuture.supplyAsync(() -> send(delivery), senders))
                .toList();
        List<DeliveryStore.Outcome> outcomes =
                attempts.stream().map(CompletableFuture::join).toList();
        store.record(outcomes, due.stream().collect(Collectors.toMap(DueDelivery::id, Function.identity())));
        return due.size();
    }

    private DeliveryStore.Outcome send(DueDelivery delivery) {
        Instant started = Instant.now();
        Optional<String> refusal = policy.refusal(delivery.url());
        if (refusal.isPresent()) {
            count("refused");
            return new DeliveryStore.Outcome(delivery.id(), started, null, 0, "Not sent: the URL " + refusal.get());
        }
        CompletableFuture<HttpResponse<Void>> answer = null;
        try {
            answer = client.sendAsync(
                    requests.build(delivery, started, config.requestTimeout()), HttpResponse.BodyHandlers.discarding());
            // the request timeout ends with the answer's headers: a body that never ends must not hold the round
            HttpResponse<Void> response =
                    answer.get(config.requestTimeout().plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
            count(response.statusCode() / 100 == 2 ? "delivered" : "failed");
            return new DeliveryStore.Outcome(delivery.id(), started, response.statusCode(), millisSince(started), null);
        } catch (TimeoutException e) {
            answer.cancel(true);
            count("unreachable");
            return new DeliveryStore.Outcome(
                    delivery.id(),
                    started,
                    null,
                    millisSince(started),
                    "No complete answer within " + config.requestTimeout());
        } catch (ExecutionException e) {
            count("unreachable");
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new DeliveryStore.Outcome(
                    delivery.id(),
                    started,
                    null,
                    millisSince(started),
                    cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DeliveryStore.Outcome(delivery.id(), started, null, millisSince(started), "Interrupted");
        } catch (RuntimeException e) {
            // whatever else goes wrong with one delivery must not cost the round the others' outcomes
            count("unreachable");
            return new DeliveryStore.Outcome(
                    delivery.id(),
                    started,
                    null,
                    millisSince(started),
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void count(String outcome) {
        metrics.counter("citybridge.webhooks.attempts", "outcome", outcome).increment();
    }

    private static int millisSince(Instant started) {
        return (int) Duration.between(started, Instant.now()).toMillis();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
