package org.citybridge.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Gives a Quarkus test a real Kafka broker with the platform's topics created. */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", TestInfrastructure.kafka().bootstrapServers());
    }

    @Override
    public void stop() {
        // shared by every test of the JVM; stopped by a shutdown hook
    }
}
