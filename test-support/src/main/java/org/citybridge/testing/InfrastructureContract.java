package org.citybridge.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.security.TestSecurity;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.citybridge.contracts.events.CloudEventHeaders;
import org.citybridge.contracts.events.EventPayload;
import org.citybridge.contracts.events.EventType;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every service proves about its infrastructure: a real PostgreSQL with the Flyway schema, real
 * CloudEvents through the real broker via the outbox, and readiness that reflects both. A service's
 * test extends this, annotated {@code @QuarkusTest}, and says how to publish one of its events.
 */
public abstract class InfrastructureContract {

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper mapper;

    /** An event of this service, with a fresh aggregate id. */
    protected abstract EventPayload sampleEvent();

    /** Publishes the event the way the service does: through its transactional outbox. */
    protected abstract void publishThroughOutbox(EventPayload event);

    @Test
    void databaseIsARealPostgresqlWithTheFlywaySchema() throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("select version()")) {
                rs.next();
                assertTrue(rs.getString(1).startsWith("PostgreSQL 17"), rs.getString(1));
            }
            try (ResultSet rs = statement.executeQuery(
                    "select count(*) from flyway_schema_history where success and version = '0.1'")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "the shared migration ran");
            }
            String id = UUID.randomUUID().toString();
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into processed_event (event_id, type, processed_at) values (?, 'proof', now())")) {
                insert.setString(1, id);
                assertEquals(1, insert.executeUpdate());
            }
            try (PreparedStatement select =
                    connection.prepareStatement("select type from processed_event where event_id = ?")) {
                select.setString(1, id);
                try (ResultSet rs = select.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("proof", rs.getString(1));
                }
            }
        }
    }

    @Test
    void eventsTravelThroughTheRealBrokerAsCloudEvents() {
        EventPayload event = sampleEvent();
        EventType type = EventType.of(event.getClass());
        publishThroughOutbox(event);

        try (TestEvents events = new TestEvents(mapper)) {
            List<ConsumerRecord<String, String>> records =
                    events.read(type.topic(), TestEvents.keyed(event.aggregateId()), 1, Duration.ofSeconds(30));
            assertEquals(1, records.size(), "exactly one record for the aggregate");
            ConsumerRecord<String, String> record = records.get(0);
            CloudEventHeaders headers = CloudEventHeaders.fromHeaders(TestEvents.headers(record));
            assertEquals(event.aggregateId().toString(), record.key());
            assertEquals(type.ceType(), headers.type());
            assertEquals(type.source().uri(), headers.source());
            assertEquals(event.aggregateId().toString(), headers.subject());
            assertEquals("application/json", TestEvents.header(record, "content-type"));
            assertNotNull(UUID.fromString(headers.id()));
            assertEquals(event, events.payload(record, type.payloadType()));
        }
    }

    @Test
    void everyAnswerForbidsSniffingAndFraming() {
        String nowhere = "/api/v1/jobs/" + UUID.randomUUID();
        RestAssured.given()
                .get(nowhere)
                .then()
                .statusCode(401)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer");
        RestAssured.given().get("/q/openapi").then().header("X-Content-Type-Options", "nosniff");
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void answersToAuthenticatedCallersAreNeverStored() {
        RestAssured.given()
                .get("/api/v1/jobs/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff");
    }

    /** The port health and metrics are served on in tests ({@code quarkus.management.test-port}). */
    public static int managementPort() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.management.test-port", Integer.class)
                .orElse(9001);
    }

    @Test
    void healthAndMetricsAreServedApartFromTheApi() {
        RestAssured.given().get("/q/health/ready").then().statusCode(404);
        RestAssured.given().get("/q/metrics").then().statusCode(404);
        RestAssured.given().port(managementPort()).get("/q/metrics").then().statusCode(200);
    }

    @Test
    void readinessDependsOnTheDatabaseAloneAndTheEventBusOnlyDegradesHealth() {
        // a broker outage must not take every instance out of its load balancer: writes still work
        RestAssured.given()
                .port(managementPort())
                .when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.name", not(hasItem("Kafka connection health check")));
        RestAssured.given()
                .port(managementPort())
                .get("/q/health/live")
                .then()
                .statusCode(200)
                .body("checks.name", not(hasItem("Database connections health check")))
                .body("checks.name", not(hasItem("Kafka connection health check")));
        org.awaitility.Awaitility.await("the event bus probed")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> RestAssured.given()
                        .port(managementPort())
                        .get("/q/health/well")
                        .then()
                        .statusCode(200)
                        .body("checks.find { it.name == 'Kafka connection health check' }.status", equalTo("UP")));
        RestAssured.given()
                .port(managementPort())
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.matchesRegex(
                        "(?s).*citybridge_event_bus_up\\{service=\"[a-z-]+\"} 1\\.0.*"));
    }

    @Test
    void healthNamesNoBrokerAddress() {
        String bootstrap = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("kafka.bootstrap.servers", String.class);
        String port = bootstrap.substring(bootstrap.lastIndexOf(':') + 1);
        org.awaitility.Awaitility.await("the event bus probed")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> RestAssured.given()
                        .port(managementPort())
                        .get("/q/health")
                        .then()
                        .body("checks.find { it.name == 'Kafka connection health check' }.data.brokers", equalTo(1)));
        String health = RestAssured.given()
                .port(managementPort())
                .get("/q/health")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertFalse(
                health.contains(bootstrap) || health.contains(":" + port), () -> "health names the broker: " + health);
    }
}
