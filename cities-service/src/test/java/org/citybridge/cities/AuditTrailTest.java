package org.citybridge.cities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import org.citybridge.kit.security.Roles;
import org.citybridge.kit.web.AuditTrail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every write, done or refused, leaves one audit record: who (the token's opaque subject, never the user
 * name), with which role and for which city, what, the outcome and the trace id the caller can quote;
 * never a token or a body. Reads leave none.
 */
@QuarkusTest
class AuditTrailTest {

    static final String SUBJECT = "5b0c7e9e-41f3-4b8e-9a55-0c2a3b4d5e6f";
    static final String OFFICER_NAME = "li.wei@luoyang.example";

    private final List<String> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void listen() {
        Fixtures.ensureCity(UUID.fromString(CitySecurityTest.MEXICO_CITY), "Security Mexico City", "MX");
        Fixtures.ensureCity(UUID.fromString(CitySecurityTest.LUOYANG), "Security Luoyang", "CN");
        Logger.getLogger(AuditTrail.CATEGORY).addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger(AuditTrail.CATEGORY).removeHandler(capture);
    }

    @Test
    @TestSecurity(user = OFFICER_NAME, roles = Roles.CITY_OFFICER)
    @OidcSecurity(
            claims = {@Claim(key = "city_id", value = CitySecurityTest.LUOYANG), @Claim(key = "sub", value = SUBJECT)})
    void shouldRecordAnOfficersWritesDoneAndRefusedWithoutNamesOrBodies() {
        String own = express(CitySecurityTest.LUOYANG, 201);
        String other = express(CitySecurityTest.MEXICO_CITY, 403);

        JsonNode done = recordOf(own);
        assertThat(done.path("subject").asText()).isEqualTo(SUBJECT);
        assertThat(done.path("roles").toString()).isEqualTo("[\"city-officer\"]");
        assertThat(done.path("city").asText()).isEqualTo(CitySecurityTest.LUOYANG);
        assertThat(done.path("action").asText()).isEqualTo("POST InterestResource.express");
        assertThat(done.path("target").asText()).isEqualTo("/api/v1/cities/" + CitySecurityTest.LUOYANG + "/interests");
        assertThat(done.path("outcome").asText()).isEqualTo("done");
        assertThat(done.path("status").asInt()).isEqualTo(201);

        JsonNode refused = recordOf(other);
        assertThat(refused.path("outcome").asText()).isEqualTo("refused");
        assertThat(refused.path("status").asInt()).isEqualTo(403);
        assertThat(refused.path("target").asText()).contains(CitySecurityTest.MEXICO_CITY);

        assertThat(records).noneMatch(r -> r.contains(OFFICER_NAME) || r.contains("Mutual tourism"));
    }

    @Test
    void shouldRecordAWriteWithoutATokenAsRefusedAndNoReadAtAll() {
        String traceId = "audit-" + UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .header(AuditTrail.REQUEST_ID, traceId)
                .body(Fixtures.cityBody(Fixtures.unique("Anonymous"), "MX"))
                .post("/api/v1/cities")
                .then()
                .statusCode(401)
                .header(AuditTrail.REQUEST_ID, traceId);
        JsonNode refused = recordOf(traceId);
        assertThat(refused.path("subject").asText()).isEqualTo("anonymous");
        assertThat(refused.path("outcome").asText()).isEqualTo("refused");

        String read = "audit-" + UUID.randomUUID();
        given().header(AuditTrail.REQUEST_ID, read).get("/api/v1/cities").then().statusCode(200);
        assertThat(records).noneMatch(r -> r.contains(read));
        // a trace id the caller did not send is made up and returned
        assertThat(given().get("/api/v1/cities").header(AuditTrail.REQUEST_ID)).matches("[0-9a-f]{32}");
    }

    /** States an interest with a fresh trace id; returns the trace id. */
    private static String express(String city, int status) {
        String traceId = "audit-" + UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .header(AuditTrail.REQUEST_ID, traceId)
                .body(Map.of("area", "tourism", "stance", "MUTUAL", "intent", "SISTER_CITY", "note", "Mutual tourism"))
                .post("/api/v1/cities/" + city + "/interests")
                .then()
                .statusCode(status);
        return traceId;
    }

    private JsonNode recordOf(String traceId) {
        List<String> found = records.stream().filter(r -> r.contains(traceId)).toList();
        assertThat(found).as("audit records of " + traceId).hasSize(1);
        try {
            return json.readTree(found.get(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
