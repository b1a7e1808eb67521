package org.citybridge.matchmaking;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** A pairing round of more pairs than the threshold runs as a job whose result names the stored round. */
@QuarkusTest
@TestProfile(PairingRoundJobTest.SmallThreshold.class)
class PairingRoundJobTest {

    /** Rounds of more than three pairs are jobs (a fresh database, as every profile has). */
    public static class SmallThreshold implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("citybridge.matchmaking.pairing-job-threshold", "3");
        }
    }

    @Inject
    ObjectMapper mapper;

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldRunALargeRoundAsAJobAndASmallOneInTheRequest() {
        UUID mx1 = UUID.randomUUID();
        UUID mx2 = UUID.randomUUID();
        UUID cn1 = UUID.randomUUID();
        UUID cn2 = UUID.randomUUID();
        try (TestEvents events = new TestEvents(mapper)) {
            for (UUID city : List.of(mx1, mx2, cn1, cn2)) {
                boolean mexican = city == mx1 || city == mx2;
                events.publish(Scenario.registered(Scenario.simpleCity(city, "Paired " + city, mexican ? "MX" : "CN")));
                events.publish(Scenario.interest(
                        city, CooperationArea.CULTURE, mexican ? Stance.SEEK : Stance.OFFER, Intent.SISTER_CITY));
            }
            Scenario.awaitOpenProposal(mx2, cn2);
            Scenario.awaitOpenProposal(mx1, cn1);
        }
        Map<String, Object> large = Map.of(
                "groupA", Map.of("cityIds", List.of(mx1.toString(), mx2.toString())),
                "groupB", Map.of("cityIds", List.of(cn1.toString(), cn2.toString())),
                "kind", "SISTER_CITY");
        String job = given().contentType("application/json")
                .body(large)
                .post("/api/v1/pairing-rounds")
                .then()
                .statusCode(202)
                .header("Location", containsString("/api/v1/jobs/"))
                .body("kind", equalTo("pairing-round"))
                .extract()
                .header("Location");
        Map<String, Object> result = Scenario.awaitJob(job);
        assertThat(result).containsEntry("pairs", 2).containsKey("pairingRoundId");
        given().get((String) result.get("location"))
                .then()
                .statusCode(200)
                .body("pairs.size()", equalTo(2))
                .body("method", equalTo("optimal"));

        given().contentType("application/json")
                .body(Map.of(
                        "groupA", Map.of("cityIds", List.of(mx1.toString())),
                        "groupB", Map.of("cityIds", List.of(cn1.toString(), cn2.toString())),
                        "kind", "SISTER_CITY"))
                .post("/api/v1/pairing-rounds")
                .then()
                .statusCode(201)
                .body("pairs.size()", equalTo(1));
    }
}
