package org.citybridge.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.citybridge.infra.KafkaServer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gives a Quarkus test a real Kafka broker with the platform's topics created, connected to as the
 * service named by the resource argument {@code principal} (so the broker's ACLs hold in tests too).
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    private String principal;

    @Override
    public void init(Map<String, String> initArgs) {
        principal = initArgs.get("principal");
        if (principal == null) {
            throw new IllegalArgumentException("KafkaResource needs the argument principal (the service's name)");
        }
    }

    @Override
    public Map<String, String> start() {
        KafkaServer kafka = TestInfrastructure.kafka();
        Map<String, String> config = new LinkedHashMap<>();
        kafka.clientConfig(principal).forEach((key, value) -> config.put("kafka." + key, value));
        return config;
    }

    @Override
    public void stop() {
        // shared by every test of the JVM; stopped by a shutdown hook
    }
}
