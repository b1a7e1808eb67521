package org.citybridge.kit.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Whether the event bus answers. A broker outage degrades the service but does not make it unready:
 * writes still succeed (their events wait in the outbox) and reads never needed the broker, so this
 * check is one of wellness ({@code /q/health/well}, and in {@code /q/health}), never of readiness or
 * liveness, and the gauge {@code citybridge_event_bus_up} (1 or 0) lets an alert fire on it.
 *
 * <p>It says how many brokers answer but never where they are: health is read by probes and
 * dashboards, and the broker's address is no business of theirs (Quarkus's own check lists every
 * node's host and port, and Kafka's failure messages name them too).
 *
 * <p>A background probe asks the broker every {@value #PROBE_SECONDS} s, so neither a scrape nor a
 * health request ever waits for an absent broker.
 */
@Wellness
@ApplicationScoped
public class EventBusHealthCheck implements HealthCheck {

    static final String NAME = "Kafka connection health check";
    private static final int PROBE_SECONDS = 5;
    private static final int TIMEOUT_MS = 3000;

    /** The last probe's answer: brokers that answered (0 when the bus did not), or why it did not. */
    private record Probe(int brokers, String failure) {}

    private final Map<String, Object> kafkaConfig;
    private volatile Probe last = new Probe(0, "NotProbedYet");
    private AdminClient admin;
    private ScheduledExecutorService prober;

    public EventBusHealthCheck(
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry metrics) {
        this.kafkaConfig = Map.copyOf(kafkaConfig);
        Gauge.builder("citybridge.event.bus.up", this, check -> check.last.failure() == null ? 1 : 0)
                .description("1 while the event bus answers, 0 while it does not (writes then wait in the outbox)")
                .register(metrics);
    }

    void onStart(@Observes StartupEvent event) {
        prober = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "event-bus-probe");
            thread.setDaemon(true);
            return thread;
        });
        prober.scheduleWithFixedDelay(this::probe, 0, PROBE_SECONDS, TimeUnit.SECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (prober != null) {
            prober.shutdownNow();
        }
        synchronized (this) {
            if (admin != null) {
                admin.close(Duration.ofSeconds(1));
            }
        }
    }

    @Override
    public HealthCheckResponse call() {
        Probe probe = last;
        if (probe.failure() == null) {
            return HealthCheckResponse.named(NAME)
                    .up()
                    .withData("brokers", probe.brokers())
                    .build();
        }
        return HealthCheckResponse.named(NAME)
                .down()
                .withData("reason", probe.failure())
                .build();
    }

    /** Asks the broker for its nodes; a failure keeps only its kind (Kafka's messages name the address). */
    void probe() {
        try {
            int brokers = admin().describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                    .nodes()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .size();
            last = new Probe(brokers, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            last = new Probe(0, cause.getClass().getSimpleName());
        }
    }

    private synchronized AdminClient admin() {
        if (admin == null) {
            Map<String, Object> config = new HashMap<>();
            kafkaConfig.forEach((key, value) -> {
                if (AdminClientConfig.configNames().contains(key)) {
                    config.put(key, value);
                }
            });
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "health-check");
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
            admin = AdminClient.create(config);
        }
        return admin;
    }
}
