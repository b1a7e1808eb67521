package org.citybridge.matchmaking;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** A pairing round of more pairs than the threshold runs as a job whose result names the stored round. */
@QuarkusTest
@TestProfile(StrictModelProfile.class) // rounds of more than three pairs are jobs
class PairingRoundJobTest {

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
            for (UUID city : List.of(mx1, mx2, cn1, cn2)) { // known to matchmaking: 404 before
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> given().get("/api/v1/cities/{id}/proposals", city)
                                        .statusCode()
                                == 200);
            }
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
