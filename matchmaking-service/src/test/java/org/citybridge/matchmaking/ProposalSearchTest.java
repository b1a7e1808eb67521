package org.citybridge.matchmaking;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.citybridge.contracts.events.EventPayload;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.citybridge.matchmaking.Scenario.interest;
import static org.hamcrest.Matchers.equalTo;

/** GET /api/v1/proposals: each filter, their combination, pagination and sorting, and refused parameters. */
@QuarkusTest
class ProposalSearchTest {

    @Inject
    EventFeed feed;

    private JsonPath search(Map<String, Object> params) {
        return given().queryParams(params)
                .get("/api/v1/proposals")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .jsonPath();
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldFilterByCityStatusKindAndAreaAndPageThroughTheResults() {
        UUID x = UUID.randomUUID();
        UUID sister = UUID.randomUUID();
        UUID green = UUID.randomUUID();
        UUID farming = UUID.randomUUID();
        List<EventPayload> events = new ArrayList<>();
        events.add(Scenario.registered(Fixtures.place(x, Fixtures.name("Search X"), "MX", 1_000_000)));
        for (UUID partner : List.of(sister, green, farming)) {
            events.add(Scenario.registered(Fixtures.place(partner, Fixtures.name("Search partner"), "CN", 1_000_000)));
        }
        events.add(interest(x, CooperationArea.TOURISM, Stance.MUTUAL, Intent.SISTER_CITY));
        events.add(interest(x, CooperationArea.TECHNOLOGY, Stance.SEEK, Intent.SISTER_CITY));
        events.add(interest(x, CooperationArea.GREEN_CITIES, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP));
        events.add(interest(x, CooperationArea.AGRICULTURE, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP));
        events.add(interest(sister, CooperationArea.TOURISM, Stance.MUTUAL, Intent.SISTER_CITY));
        events.add(interest(sister, CooperationArea.TECHNOLOGY, Stance.OFFER, Intent.SISTER_CITY));
        events.add(interest(green, CooperationArea.GREEN_CITIES, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP));
        events.add(interest(farming, CooperationArea.AGRICULTURE, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP));
        feed.publishAndAwait(events);
        String sisterId = (String) Scenario.awaitOpenProposal(x, sister).get("id");
        String greenId = (String) Scenario.awaitOpenProposal(x, green).get("id");
        String farmingId = (String) Scenario.awaitOpenProposal(x, farming).get("id");
        Scenario.decline(farmingId, farming).statusCode(200);

        JsonPath all = search(Map.of("cityId", x, "size", 100));
        List<Map<String, Object>> items = all.getList("items");
        assertThat(items).extracting(p -> p.get("id")).contains(sisterId, greenId, farmingId);
        assertThat(items)
                .allSatisfy(
                        p -> assertThat(List.of(p.get("cityA"), p.get("cityB"))).contains(x.toString()));
        assertThat(all.getInt("totalItems")).isEqualTo(items.size());

        JsonPath sisters = search(Map.of("cityId", x, "kind", "SISTER_CITY", "size", 100));
        assertThat(sisters.<String>getList("items.id")).contains(sisterId).doesNotContain(greenId, farmingId);
        assertThat(sisters.<String>getList("items.kind")).containsOnly("SISTER_CITY");
        assertThat(sisters.<String>getList("items.area")).containsOnlyNulls();

        JsonPath greens = search(Map.of("cityId", x, "area", "green-cities", "size", 100));
        assertThat(greens.<String>getList("items.id")).contains(greenId).doesNotContain(sisterId, farmingId);
        assertThat(greens.<String>getList("items.area")).containsOnly("green-cities");

        // x is new: its only declined proposal is the one just declined
        JsonPath declined = search(Map.of("cityId", x, "status", "declined"));
        assertThat(declined.getInt("totalItems")).isEqualTo(1);
        assertThat(declined.<String>getList("items.id")).containsExactly(farmingId);
        JsonPath proposed =
                search(Map.of("cityId", x, "status", "PROPOSED", "kind", "THEMATIC", "area", "green-cities"));
        assertThat(proposed.<String>getList("items.id")).contains(greenId);
        assertThat(proposed.<String>getList("items.status")).containsOnly("PROPOSED");
        assertThat(search(Map.of("cityId", x, "status", "AGREED")).getInt("totalItems"))
                .isZero();

        // one per page, best first by default: every proposal exactly once, scores never rising
        int total = all.getInt("totalItems");
        Set<String> seen = new HashSet<>();
        double previous = Double.MAX_VALUE;
        for (int page = 0; page < total; page++) {
            JsonPath one = search(Map.of("cityId", x, "size", 1, "page", page));
            assertThat(one.getInt("totalPages")).isEqualTo(total);
            assertThat(one.getInt("totalItems")).isEqualTo(total);
            assertThat(one.getList("items")).hasSize(1);
            assertThat(seen.add(one.getString("items[0].id"))).isTrue();
            double score = one.getDouble("items[0].score");
            assertThat(score).isLessThanOrEqualTo(previous);
            previous = score;
        }
        assertThat(search(Map.of("cityId", x, "size", 1, "page", total)).getList("items"))
                .isEmpty();
        List<Float> ascending =
                search(Map.of("cityId", x, "size", 100, "sort", "score")).getList("items.score");
        assertThat(ascending).isSortedAccordingTo(Float::compare).hasSize(total);
    }

    @ParameterizedTest
    @CsvSource({
        "status,UNDECIDED",
        "kind,TWIN_TOWN",
        "area,underwater-basket-weaving",
        "size,101",
        "page,-1",
        "sort,cityA",
        "cityId,not-a-uuid"
    })
    void shouldRefuseAnInvalidParameterNamingIt(String name, String value) {
        given().queryParam(name, value)
                .get("/api/v1/proposals")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo(name));
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldRefuseASideThatIsNotAUuidNamingIt() {
        for (String action : List.of("accept", "decline")) {
            given().queryParam("cityId", "side-a")
                    .post("/api/v1/proposals/{id}/" + action, UUID.randomUUID())
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations[0].field", equalTo("cityId"));
        }
    }

    @Test
    void shouldAnswer404ForAnUnknownProposalOrCity() {
        Scenario.proposal(UUID.randomUUID()).statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/cities/{id}/proposals", UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }
}
