package org.citybridge.cities;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.citybridge.contracts.events.CloudEventHeaders;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.Topics;
import org.citybridge.infra.KafkaCredentials;
import org.citybridge.infra.PostgresServer;
import org.citybridge.kit.outbox.OutboxRelay;
import org.citybridge.kit.outbox.RelayLeadership;
import org.citybridge.kit.security.Roles;
import org.citybridge.testing.InfrastructureContract;
import org.citybridge.testing.TestEvents;
import org.citybridge.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * One relay publishes, however many instances run: the one holding the service's advisory lock. A
 * rival that takes the lock stops this instance's relay; a former leader fenced in the middle of a
 * round cannot commit it; after either, every event is published exactly once.
 */
@QuarkusTest
@TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
class OutboxLeadershipTest {

    @Inject
    ObjectMapper mapper;

    @Inject
    OutboxRelay relay;

    @Test
    void aRivalHoldingTheLockStopsThisRelayAndItTakesOverOnceTheLockIsFree() throws Exception {
        await("this instance leads").atMost(Duration.ofSeconds(10)).until(relay::leading);
        assertThat(metrics()).contains("citybridge_outbox_leader{service=\"cities-service\"} 1.0");
        PostgresServer postgres = TestInfrastructure.postgres();
        PostgresServer.Credentials superuser = postgres.superuser();
        String url = postgres.jdbcUrl("cities");
        try (TestEvents events = new TestEvents(mapper);
                Connection admin = DriverManager.getConnection(url, superuser.user(), superuser.password());
                Connection rival = DriverManager.getConnection(url, superuser.user(), superuser.password())) {
            // a rival instance queues for the lock, then the leader's database session ends
            CompletableFuture<Void> rivalLeads = CompletableFuture.runAsync(() -> lock(rival));
            await("the rival waits for the lock")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> leaseHolders(admin, false) == 1);
            try (PreparedStatement end = admin.prepareStatement("select pg_terminate_backend(pid) from pg_locks"
                    + " where locktype = 'advisory' and granted and classid::bigint = ? and objid::bigint = ?")) {
                end.setLong(1, RelayLeadership.LOCK_KEY >>> 32);
                end.setLong(2, RelayLeadership.LOCK_KEY & 0xFFFF_FFFFL);
                end.execute();
            }
            rivalLeads.get(10, TimeUnit.SECONDS);
            await("this instance steps down").atMost(Duration.ofSeconds(10)).until(() -> !relay.leading());

            UUID city = Fixtures.register(Fixtures.cityBody(Fixtures.unique("Leaderless city"), "MX"));
            // the rival leads but (being a test) publishes nothing: the event waits in the outbox
            assertThat(events.read(Topics.CITY_EVENTS, TestEvents.keyed(city), 1, Duration.ofSeconds(2)))
                    .isEmpty();
            assertThat(metrics()).contains("citybridge_outbox_leader{service=\"cities-service\"} 0.0");
            await("the backlog gauge counts it")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> !metrics().contains("citybridge_outbox_backlog{service=\"cities-service\"} 0.0"));

            Instant released = Instant.now();
            rival.close(); // the rival dies
            await("this instance takes over").atMost(Duration.ofSeconds(5)).until(relay::leading);
            System.out.printf(
                    "Relay takeover after the leader's session ended: %d ms%n",
                    Duration.between(released, Instant.now()).toMillis());
            assertThat(events.read(Topics.CITY_EVENTS, TestEvents.keyed(city), 1, Duration.ofSeconds(30)))
                    .hasSize(1);
            assertThat(events.read(Topics.CITY_EVENTS, TestEvents.keyed(city), 2, Duration.ofSeconds(2)))
                    .as("published once")
                    .hasSize(1);
        }
    }

    @Test
    void aFencedFormerLeaderCannotCommitTheRoundItHadOpen() {
        await("this instance leads").atMost(Duration.ofSeconds(10)).until(relay::leading);
        Properties props = new Properties();
        props.putAll(TestInfrastructure.kafka().clientConfig(KafkaCredentials.ADMIN));
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "cities-service-outbox-relay");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        String forged = UUID.randomUUID().toString();
        UUID forgedCity = UUID.randomUUID();
        try (TestEvents events = new TestEvents(mapper);
                KafkaProducer<String, String> former =
                        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            // another instance starts with the service's transactional id (as a new leader would) and
            // sends a round it has not committed when the relay, leader again, fences it in turn
            former.initTransactions();
            former.beginTransaction();
            ProducerRecord<String, String> record =
                    new ProducerRecord<>(Topics.CITY_EVENTS, forgedCity.toString(), "{}");
            record.headers().add(CloudEventHeaders.H_ID, forged.getBytes(StandardCharsets.UTF_8));
            record.headers()
                    .add(
                            CloudEventHeaders.H_TYPE,
                            EventType.CITY_REGISTERED.ceType().getBytes(StandardCharsets.UTF_8));
            former.send(record);
            former.flush();

            UUID city = Fixtures.register(Fixtures.cityBody(Fixtures.unique("Fenced round city"), "MX"));
            assertThat(events.read(Topics.CITY_EVENTS, TestEvents.keyed(city), 1, Duration.ofSeconds(30)))
                    .as("the relay published after restarting its producer")
                    .hasSize(1);
            assertThatThrownBy(former::commitTransaction).isInstanceOf(KafkaException.class);
            assertThat(events.read(Topics.CITY_EVENTS, TestEvents.keyed(forgedCity), 1, Duration.ofSeconds(2)))
                    .as("the fenced round is never visible")
                    .isEmpty();
            assertThat(events.read(Topics.CITY_EVENTS, TestEvents.keyed(city), 2, Duration.ofSeconds(2)))
                    .as("published once")
                    .hasSize(1);
        }
    }

    private static void lock(Connection rival) {
        try (PreparedStatement lock = rival.prepareStatement("select pg_advisory_lock(?)")) {
            lock.setLong(1, RelayLeadership.LOCK_KEY);
            lock.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int leaseHolders(Connection admin, boolean granted) throws SQLException {
        try (PreparedStatement count = admin.prepareStatement("select count(*) from pg_locks"
                + " where locktype = 'advisory' and granted = ? and classid::bigint = ? and objid::bigint = ?")) {
            count.setBoolean(1, granted);
            count.setLong(2, RelayLeadership.LOCK_KEY >>> 32);
            count.setLong(3, RelayLeadership.LOCK_KEY & 0xFFFF_FFFFL);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static String metrics() {
        return RestAssured.given()
                .port(InfrastructureContract.managementPort())
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }
}
