package org.citybridge.matchmaking;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.PairIds;
import org.citybridge.contracts.events.PartnershipFormed;
import org.citybridge.contracts.events.Topics;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Recording partnerships formed outside the platform. */
@QuarkusTest
class PartnershipApiTest {

    @Inject
    ObjectMapper mapper;

    private static Map<String, Object> body(UUID a, UUID b) {
        return Map.of(
                "cityA",
                a.toString(),
                "cityB",
                b.toString(),
                "kind",
                "SISTER_CITY",
                "formedOn",
                "2011-06-15",
                "source",
                "Agreement archived by both foreign affairs offices");
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldRecordAHistoricalPartnershipOnceAndStopProposingThePair() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        try (TestEvents events = new TestEvents(mapper)) {
            events.publish(Scenario.registered(Scenario.simpleCity(a, "Historic A", "MX")));
            events.publish(Scenario.registered(Scenario.simpleCity(b, "Historic B", "CN")));
            events.publish(Scenario.interest(a, CooperationArea.CULTURE, Stance.SEEK, Intent.SISTER_CITY));
            events.publish(Scenario.interest(b, CooperationArea.CULTURE, Stance.OFFER, Intent.SISTER_CITY));
            String proposal = (String) Scenario.awaitOpenProposal(a, b).get("id");

            String key = UUID.randomUUID().toString();
            String location = given().contentType("application/json")
                    .header("Idempotency-Key", key)
                    .body(body(a, b))
                    .post("/api/v1/partnerships")
                    .then()
                    .statusCode(201)
                    .header("Location", containsString("/api/v1/partnerships/"))
                    .header("ETag", equalTo("\"0\""))
                    .body("source", equalTo("Agreement archived by both foreign affairs offices"))
                    .body(
                            "pairId",
                            equalTo(PairIds.of(a, b, ProposalKind.SISTER_CITY, null)
                                    .toString()))
                    .extract()
                    .header("Location");
            // a retry with the same key returns the same response and records nothing
            given().contentType("application/json")
                    .header("Idempotency-Key", key)
                    .body(body(a, b))
                    .post("/api/v1/partnerships")
                    .then()
                    .statusCode(201)
                    .header("Location", location);
            given().contentType("application/json")
                    .body(body(b, a))
                    .post("/api/v1/partnerships")
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json");
            Scenario.partnerships(b).statusCode(200).body("totalItems", equalTo(1));
            given().get(location).then().statusCode(200).body("formedOn", equalTo("2011-06-15"));

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> Scenario.proposal(proposal).body("status", equalTo("SUPERSEDED")));
            var formed = events.read(
                    Topics.MATCHMAKING_EVENTS,
                    PairIds.of(a, b, ProposalKind.SISTER_CITY, null),
                    EventType.PARTNERSHIP_FORMED,
                    1,
                    Duration.ofSeconds(30));
            assertThat(formed).hasSize(1);
            assertThat(events.payload(formed.get(0), PartnershipFormed.class).proposalId())
                    .isNull();
        }
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldRejectAnInvalidPartnershipWithFieldDetails() {
        UUID a = UUID.randomUUID();
        Scenario.recordPartnership(Scenario.partnership(a, a, "SISTER_CITY", "2011-06-15", "x"))
                .statusCode(400)
                .body("violations[0].field", equalTo("cityB"));
        Scenario.recordPartnership(Scenario.partnership(a, UUID.randomUUID(), "THEMATIC", "2011-06-15", "x"))
                .statusCode(400)
                .body("violations[0].field", equalTo("area"));
        given().contentType("application/json")
                .body(Map.of("cityA", a.toString(), "kind", "SISTER_CITY", "formedOn", "2011-06-15", "source", "x"))
                .post("/api/v1/partnerships")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void shouldRequireATokenToRecordAPartnership() {
        given().contentType("application/json")
                .body(body(UUID.randomUUID(), UUID.randomUUID()))
                .post("/api/v1/partnerships")
                .then()
                .statusCode(401);
    }

    @Test
    @TestSecurity(user = "officer", roles = "city-officer")
    @OidcSecurity(claims = @Claim(key = "city_id", value = "00000000-0000-4000-8000-00000000c001"))
    void shouldForbidOfficersToRecordPartnerships() {
        given().contentType("application/json")
                .body(body(UUID.fromString("00000000-0000-4000-8000-00000000c001"), UUID.randomUUID()))
                .post("/api/v1/partnerships")
                .then()
                .statusCode(403);
    }
}
