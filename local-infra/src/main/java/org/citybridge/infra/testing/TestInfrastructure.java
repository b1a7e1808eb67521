package org.citybridge.infra.testing;

import org.citybridge.infra.KafkaServer;
import org.citybridge.infra.PlatformTopics;
import org.citybridge.infra.PostgresServer;

/**
 * One PostgreSQL server and one Kafka broker per test JVM, started on first use and stopped when the
 * JVM exits. Tests reach them here to take them away and bring them back (outage tests).
 */
public final class TestInfrastructure {

    private static PostgresServer postgres;
    private static KafkaServer kafka;

    private TestInfrastructure() {
    }

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = PostgresServer.start(null, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "stop-test-postgres"));
        }
        return postgres;
    }

    public static synchronized KafkaServer kafka() {
        if (kafka == null) {
            kafka = KafkaServer.start(null, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "stop-test-kafka"));
            kafka.createTopics(PlatformTopics.all());
        }
        return kafka;
    }
}
