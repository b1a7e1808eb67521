package org.citybridge.matchmaking;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.citybridge.contracts.events.PairIds;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** POST /api/v1/partnerships beyond the happy path: validation, duplicates by kind, idempotency keys, listing. */
@QuarkusTest
class PartnershipRecordingTest {

    private static Map<String, Object> body(UUID a, UUID b, String kind, String area) {
        Map<String, Object> body = new HashMap<>();
        body.put("cityA", a.toString());
        body.put("cityB", b.toString());
        body.put("kind", kind);
        if (area != null) {
            body.put("area", area);
        }
        body.put("formedOn", "2004-10-09");
        body.put("source", "Twinning charter " + a);
        return body;
    }

    private static io.restassured.response.ValidatableResponse post(Map<String, Object> body) {
        return given().contentType("application/json")
                .body(body)
                .post("/api/v1/partnerships")
                .then();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "formedOn|tomorrow",
                "formedOn|2020-02-30",
                "source|",
                "source|long",
                "kind|TWIN_TOWN",
                "area|nowhere",
                "area|tourism",
                "cityA|not-a-uuid",
                "nickname|Twins"
            })
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldRefuseAnInvalidHistoricalPartnershipNamingTheField(String field, String value) {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Map<String, Object> body = body(a, b, "SISTER_CITY", null);
        body.put(
                field,
                switch (value == null ? "" : value) {
                    case "tomorrow" -> LocalDate.now().plusDays(2).toString();
                    case "long" -> "x".repeat(501);
                    case "" -> " ";
                    default -> value;
                });
        post(body).statusCode(400).contentType("application/problem+json").body("violations.field", hasItem(field));
        Scenario.partnerships(a).statusCode(200).body("totalItems", equalTo(0));
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldRecordOneSisterCityAndOneThematicPartnershipPerAreaForAPair() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        String sister =
                post(body(a, b, "SISTER_CITY", null)).statusCode(201).extract().path("id");
        String tourism = post(body(b, a, "THEMATIC", "tourism"))
                .statusCode(201)
                .body(
                        "pairId",
                        equalTo(PairIds.of(a, b, ProposalKind.THEMATIC, CooperationArea.TOURISM)
                                .toString()))
                .body("cityA", equalTo((a.compareTo(b) < 0 ? a : b).toString()))
                .extract()
                .path("id");
        post(body(a, b, "THEMATIC", "culture")).statusCode(201);
        post(body(b, a, "THEMATIC", "tourism")).statusCode(409).contentType("application/problem+json");
        post(body(b, a, "SISTER_CITY", null)).statusCode(409);

        Scenario.partnerships(a).statusCode(200).body("totalItems", equalTo(3));
        given().queryParam("cityId", b)
                .queryParam("kind", "THEMATIC")
                .get("/api/v1/partnerships")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(2));
        List<String> sisters = given().queryParam("cityId", a)
                .queryParam("kind", "SISTER_CITY")
                .get("/api/v1/partnerships")
                .then()
                .statusCode(200)
                .extract()
                .path("items.id");
        assertThat(sisters).containsExactly(sister);
        given().queryParam("cityId", a)
                .queryParam("size", 2)
                .queryParam("sort", "recordedAt")
                .get("/api/v1/partnerships")
                .then()
                .statusCode(200)
                .body("totalPages", equalTo(2))
                .body("items[1].id", equalTo(tourism));
        given().get("/api/v1/partnerships/{id}", tourism)
                .then()
                .statusCode(200)
                .header("ETag", equalTo("\"0\""))
                .body("area", equalTo("tourism"))
                .body("proposalId", org.hamcrest.Matchers.nullValue());
        given().get("/api/v1/partnerships/{id}", UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().queryParam("kind", "TWIN_TOWN")
                .get("/api/v1/partnerships")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("kind"));
        Scenario.partnerships("not-a-uuid")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("cityId"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldRefuseAnIdempotencyKeyReusedForAnotherPartnership() {
        UUID a = UUID.randomUUID();
        String key = "record-" + UUID.randomUUID();
        String id = given().contentType("application/json")
                .header("Idempotency-Key", key)
                .body(body(a, UUID.randomUUID(), "SISTER_CITY", null))
                .post("/api/v1/partnerships")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().contentType("application/json")
                .header("Idempotency-Key", key)
                .body(body(a, UUID.randomUUID(), "SISTER_CITY", null))
                .post("/api/v1/partnerships")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
        Scenario.partnerships(a).statusCode(200).body("totalItems", equalTo(1)).body("items[0].id", equalTo(id));
    }

    @Test
    @TestSecurity(user = "partner", roles = "partner-system")
    void shouldForbidOtherRolesToRecordPartnerships() {
        UUID a = UUID.randomUUID();
        post(body(a, UUID.randomUUID(), "SISTER_CITY", null)).statusCode(403).contentType("application/problem+json");
        Scenario.partnerships(a).statusCode(200).body("totalItems", equalTo(0));
    }
}
