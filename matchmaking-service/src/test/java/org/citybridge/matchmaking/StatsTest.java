package org.citybridge.matchmaking;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ExchangeFormat;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** GET /api/v1/stats: the programme's figures, filtered by cluster, region and period, as JSON and CSV. */
@QuarkusTest
class StatsTest {

    @Inject
    ObjectMapper mapper;

    private static JsonPath stats(String query) {
        return given().get("/api/v1/stats" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static long count(JsonPath stats, String breakdown, String key) {
        List<java.util.Map<String, Object>> rows = stats.getList(breakdown);
        return rows.stream()
                .filter(r -> key.equals(r.get("key")))
                .mapToLong(r -> ((Number) r.get("count")).longValue())
                .sum();
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldCountTheProgrammesFactsWithinAClusterARegionAndAPeriod() {
        UUID cluster = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        UUID d = UUID.randomUUID();
        UUID exchange = UUID.randomUUID();
        String name = Fixtures.name("Statistics cluster");
        try (TestEvents events = new TestEvents(mapper)) {
            events.publish(Scenario.cluster(cluster, name, CooperationArea.CULTURE));
            events.publish(Scenario.registered(Scenario.simpleCity(a, "Stats A", "MX")));
            events.publish(Scenario.registered(Scenario.simpleCity(b, "Stats B", "CN")));
            events.publish(Scenario.registered(Scenario.simpleCity(c, "Stats C", "PE")));
            events.publish(Scenario.registered(Scenario.simpleCity(d, "Stats D", "CN")));
            for (UUID city : List.of(a, b, c, d)) {
                events.publish(Scenario.joined(cluster, city));
            }
            events.publish(Scenario.interest(a, CooperationArea.CULTURE, Stance.SEEK, Intent.SISTER_CITY));
            events.publish(Scenario.interest(b, CooperationArea.CULTURE, Stance.OFFER, Intent.SISTER_CITY));
            events.publish(Scenario.interest(c, CooperationArea.TOURISM, Stance.SEEK, Intent.SISTER_CITY));
            events.publish(Scenario.interest(d, CooperationArea.TOURISM, Stance.OFFER, Intent.SISTER_CITY));
            events.publish(Scenario.held(
                    exchange,
                    cluster,
                    "Heritage webinar",
                    ExchangeFormat.WEBINAR,
                    LocalDate.of(2022, 3, 1),
                    List.of(a, b, c),
                    CooperationArea.CULTURE));
            events.publish(Scenario.survey(exchange, a, true));
            events.publish(Scenario.survey(exchange, b, false));
            String agreed = (String) Scenario.awaitOpenProposal(a, b).get("id");
            String declined = (String) Scenario.awaitOpenProposal(c, d).get("id");
            Scenario.accept(agreed, a).statusCode(200);
            Scenario.accept(agreed, b).statusCode(200).body("status", equalTo("AGREED"));
            Scenario.decline(declined, c).statusCode(200);
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> stats("?clusterId=" + cluster).getLong("exchanges.surveyAnswers") == 2);
        }

        JsonPath all = stats("?clusterId=" + cluster);
        assertThat(count(all, "proposals.byStatus", "AGREED")).isEqualTo(1);
        assertThat(count(all, "proposals.byStatus", "DECLINED")).isEqualTo(1);
        assertThat(all.getDouble("proposals.acceptanceRate")).isEqualTo(0.5);
        assertThat(all.getDouble("proposals.medianDaysToAgreement")).isBetween(0.0, 1.0);
        assertThat(all.getLong("partnerships.total")).isEqualTo(1);
        assertThat(count(all, "partnerships.byRegionPair", "Americas – Asia")).isEqualTo(1);
        assertThat(count(all, "partnerships.byCluster", name)).isEqualTo(1);
        assertThat(count(
                        all,
                        "partnerships.byMonth",
                        LocalDate.now(ZoneOffset.UTC).toString().substring(0, 7)))
                .isEqualTo(1);
        assertThat(all.getLong("exchanges.held")).isEqualTo(1);
        assertThat(all.getLong("exchanges.participants")).isEqualTo(3);
        assertThat(all.getDouble("exchanges.surveyUptake"))
                .isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(all.getDouble("exchanges.averageRating")).isEqualTo(5.0);
        assertThat(all.getLong("exchanges.wantPartnership")).isEqualTo(1);
        assertThat(count(all, "interests.byArea", "culture")).isEqualTo(2);
        assertThat(count(all, "interests.byArea", "tourism")).isEqualTo(2);

        // Eastern Asia: both pairs have a Chinese city; Latin America: both have one too; a later period: nothing
        JsonPath eastAsia = stats("?clusterId=" + cluster + "&region=eastern asia");
        assertThat(count(eastAsia, "proposals.byStatus", "AGREED")).isEqualTo(1);
        assertThat(count(eastAsia, "interests.byArea", "culture")).isEqualTo(1);
        JsonPath later = stats("?clusterId=" + cluster + "&from="
                + LocalDate.now(ZoneOffset.UTC).plusDays(2));
        assertThat(later.getLong("proposals.total")).isZero();
        assertThat(later.getLong("partnerships.total")).isZero();
        JsonPath early = stats("?clusterId=" + cluster + "&from=2022-01-01&to=2022-12-31");
        assertThat(early.getLong("exchanges.held")).isEqualTo(1);
        assertThat(early.getLong("partnerships.total")).isZero();

        given().accept("text/csv")
                .get("/api/v1/stats?clusterId=" + cluster)
                .then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .body(containsString("figure,key,value\r\n"))
                .body(containsString("partnerships.total,,1\r\n"))
                .body(containsString("proposals.byStatus,AGREED,1\r\n"))
                .body(containsString("exchanges.held,,1\r\n"));
        given().get("/api/v1/stats?from=2022-02-01&to=2022-01-01")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("to"));
        given().get("/api/v1/stats?clusterId=K")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("clusterId"));
    }

    @Test
    @TestSecurity(user = "officer", roles = "city-officer")
    @OidcSecurity(claims = @Claim(key = "city_id", value = "00000000-0000-4000-8000-00000000c001"))
    void shouldShowTheFiguresToProgrammeStaffOnly() {
        given().get("/api/v1/stats").then().statusCode(403);
    }
}
