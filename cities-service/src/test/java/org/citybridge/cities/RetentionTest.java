package org.citybridge.cities;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.citybridge.kit.retention.Retention;
import org.citybridge.kit.security.Roles;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotency keys are remembered for a day, consumed-event ids for two weeks (beyond the topics'
 * seven days); older rows are deleted, so neither table grows with the platform's age.
 */
@QuarkusTest
@TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
class RetentionTest {

    @Inject
    Retention retention;

    @Inject
    DataSource dataSource;

    @Test
    void shouldTreatARequestWithAnExpiredIdempotencyKeyAsANewRequest() {
        UUID city = Fixtures.register(Fixtures.cityBody(Fixtures.unique("Expiry"), "MX"));
        String key = UUID.randomUUID().toString();
        Map<String, Object> tourism = Map.of("area", "tourism", "stance", "OFFER", "intent", "SISTER_CITY");
        Map<String, Object> energy = Map.of("area", "renewable-energy", "stance", "SEEK", "intent", "SISTER_CITY");
        express(city, key, tourism).then().statusCode(201);
        express(city, key, energy).then().statusCode(422); // the key is still another request's

        update(
                "update idempotency_key set created_at = ? where key = ?",
                Instant.now().minus(Duration.ofHours(25)),
                key);

        express(city, key, energy).then().statusCode(201);
        express(city, key, energy).then().statusCode(201); // the new request's replay
    }

    @Test
    void shouldDeleteOnlyRowsOlderThanTheirRetention() {
        Instant now = Instant.now();
        String oldKey = insertKey(now.minus(Duration.ofHours(25)));
        String freshKey = insertKey(now.minus(Duration.ofHours(23)));
        String oldEvent = insertProcessed(now.minus(Duration.ofDays(15)));
        String recentEvent = insertProcessed(now.minus(Duration.ofDays(13)));

        assertThat(retention.prune()).isGreaterThanOrEqualTo(2);

        assertThat(existing("select key from idempotency_key where key = any (?)", List.of(oldKey, freshKey)))
                .containsExactly(freshKey);
        assertThat(existing(
                        "select event_id from processed_event where event_id = any (?)",
                        List.of(oldEvent, recentEvent)))
                .containsExactly(recentEvent);
        assertThat(retention.prune()).as("nothing left to delete").isZero();
    }

    private static io.restassured.response.Response express(UUID city, String key, Map<String, Object> body) {
        return given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body)
                .post("/api/v1/cities/" + city + "/interests");
    }

    private String insertKey(Instant createdAt) {
        String key = UUID.randomUUID().toString();
        update(
                "insert into idempotency_key (scope, key, fingerprint, status, created_at) values ('test', ?, 'x', 201, ?)",
                key,
                createdAt);
        return key;
    }

    private String insertProcessed(Instant processedAt) {
        String eventId = UUID.randomUUID().toString();
        update(
                "insert into processed_event (event_id, type, processed_at) values (?, 'org.citybridge.test.v1', ?)",
                eventId,
                processedAt);
        return eventId;
    }

    private List<String> existing(String sql, List<String> ids) {
        return OutboxRows.column(dataSource, sql, ids);
    }

    private void update(String sql, Object... values) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] instanceof Instant instant) {
                    statement.setTimestamp(i + 1, Timestamp.from(instant));
                } else {
                    statement.setObject(i + 1, values[i]);
                }
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
