package org.citybridge.testing;

import org.citybridge.infra.KafkaServer;
import org.citybridge.infra.PlatformTopics;
import org.citybridge.infra.PostgresServer;

/**
 * One PostgreSQL server and one Kafka broker per test JVM, started on first use and stopped when the
 * JVM exits. Tests reach them here to take them away and bring them back (outage tests).
 *
 * <p>Quarkus loads test resources again, in a new class loader, when a test profile changes; the
 * servers' ports are therefore kept in system properties, and a later class loader attaches to the
 * running servers instead of starting a second pair (only the first may stop and start them).
 */
public final class TestInfrastructure {

    private static final String POSTGRES_PORT = "citybridge.test.postgres-port";
    private static final String POSTGRES_CREDENTIALS = "citybridge.test.postgres-credentials";
    private static final String KAFKA_PORT = "citybridge.test.kafka-port";
    private static final String KAFKA_DATA = "citybridge.test.kafka-data";

    private static PostgresServer postgres;
    private static KafkaServer kafka;

    private TestInfrastructure() {}

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            String running = System.getProperty(POSTGRES_PORT);
            if (running != null) {
                postgres = PostgresServer.attach(
                        Integer.parseInt(running), java.nio.file.Path.of(System.getProperty(POSTGRES_CREDENTIALS)));
            } else {
                postgres = PostgresServer.start(null, 0);
                Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "stop-test-postgres"));
                System.setProperty(POSTGRES_PORT, Integer.toString(postgres.port()));
                System.setProperty(
                        POSTGRES_CREDENTIALS, postgres.credentialsFile().toString());
            }
        }
        return postgres;
    }

    public static synchronized KafkaServer kafka() {
        if (kafka == null) {
            String running = System.getProperty(KAFKA_PORT);
            if (running != null) {
                kafka = KafkaServer.attach(
                        Integer.parseInt(running), java.nio.file.Path.of(System.getProperty(KAFKA_DATA)));
            } else {
                kafka = KafkaServer.start(null, 0);
                Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "stop-test-kafka"));
                kafka.createTopics(PlatformTopics.all());
                System.setProperty(KAFKA_PORT, Integer.toString(kafka.port()));
                System.setProperty(KAFKA_DATA, kafka.dataDirectory().toString());
            }
        }
        return kafka;
    }
}
