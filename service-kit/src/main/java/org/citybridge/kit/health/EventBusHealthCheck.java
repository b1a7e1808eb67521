package org.citybridge.kit.health;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whether the event bus answers, saying how many brokers it has but never where they are: health is
 * read by probes and dashboards, and the broker's address is no business of theirs (the check
 * Quarkus ships lists every node's host and port, and its failure message names them too).
 */
@Readiness
@ApplicationScoped
public class EventBusHealthCheck implements HealthCheck {

    static final String NAME = "Kafka connection health check";
    private static final int TIMEOUT_MS = 3000;

    private final Map<String, Object> kafkaConfig;
    private AdminClient admin;

    public EventBusHealthCheck(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.kafkaConfig = Map.copyOf(kafkaConfig);
    }

    @Override
    public HealthCheckResponse call() {
        try {
            int nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                    .nodes()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .size();
            return HealthCheckResponse.named(NAME)
                    .up()
                    .withData("brokers", nodes)
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down(e);
        } catch (Exception e) {
            return down(e);
        }
    }

    private static HealthCheckResponse down(Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        // the kind of failure only: Kafka's messages name the broker's address
        return HealthCheckResponse.named(NAME)
                .down()
                .withData("reason", cause.getClass().getSimpleName())
                .build();
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

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(1));
        }
    }
}
