package org.citybridge.cities;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.citybridge.kit.security.Roles;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
class CityListTest {

    @Test
    void shouldPageThroughAllMatchesWithTotalsAndNoOverlap() {
        String tag = Fixtures.unique("Pagetest");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(
                    Fixtures.register(Fixtures.cityBody(tag + " " + i, "MX")).toString());
        }
        Set<String> seen = new HashSet<>();
        for (int page = 0; page < 3; page++) {
            List<String> ids = given().queryParam("q", tag)
                    .queryParam("size", 2)
                    .queryParam("page", page)
                    .when()
                    .get("/api/v1/cities")
                    .then()
                    .statusCode(200)
                    .body("totalItems", equalTo(5))
                    .body("totalPages", equalTo(3))
                    .body("page", equalTo(page))
                    .body("size", equalTo(2))
                    .extract()
                    .path("items.id");
            assertThat(ids).hasSize(page < 2 ? 2 : 1);
            assertThat(seen.addAll(ids)).isTrue();
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void shouldSortByPopulationDescending() {
        String tag = Fixtures.unique("Sorttest");
        UUID small = register(tag + " small", "MX", 1_000);
        UUID large = register(tag + " large", "MX", 9_000_000);
        UUID middle = register(tag + " middle", "MX", 500_000);
        given().queryParam("q", tag)
                .queryParam("sort", "-population")
                .when()
                .get("/api/v1/cities")
                .then()
                .body("items.id", contains(large.toString(), middle.toString(), small.toString()));
        given().queryParam("q", tag)
                .queryParam("sort", "name")
                .when()
                .get("/api/v1/cities")
                .then()
                .body("items.id", contains(large.toString(), middle.toString(), small.toString()));
    }

    @Test
    void shouldFilterByCountryRegionAndFreeText() {
        String tag = Fixtures.unique("Filtertest");
        UUID mexican = register(tag + " Morelia", "MX", 800_000);
        UUID chinese = register(tag + " Datong", "CN", 3_000_000);
        UUID brazilian = register(tag + " Ouro Preto", "BR", 70_000);

        given().queryParam("q", tag)
                .queryParam("country", "mx")
                .when()
                .get("/api/v1/cities")
                .then()
                .body("items.id", contains(mexican.toString()));
        given().queryParam("q", tag)
                .queryParam("region", "latin america and the caribbean")
                .when()
                .get("/api/v1/cities")
                .then()
                .body("items.id", containsInAnyOrder(mexican.toString(), brazilian.toString()));
        given().queryParam("q", tag)
                .queryParam("region", "Asia")
                .when()
                .get("/api/v1/cities")
                .then()
                .body("items.id", contains(chinese.toString()));
        given().queryParam("q", tag.toUpperCase() + " DATONG")
                .when()
                .get("/api/v1/cities")
                .then()
                .body("items.id", contains(chinese.toString()));
        given().queryParam("q", "%")
                .queryParam("size", 1)
                .when()
                .get("/api/v1/cities")
                .then()
                .statusCode(200); // a LIKE wildcard is matched literally, not as "everything"
    }

    @Test
    void shouldFilterByActiveInterestAreaStanceAndIntent() {
        String tag = Fixtures.unique("Areatest");
        UUID seeker = register(tag + " Seeker", "MX", 100);
        UUID offerer = register(tag + " Offerer", "CN", 100);
        UUID withdrawn = register(tag + " Withdrawn", "CN", 100);
        express(seeker, "renewable-energy", "SEEK", "KNOWLEDGE_EXCHANGE");
        express(offerer, "renewable-energy", "OFFER", "THEMATIC_PARTNERSHIP");
        String interestId = express(withdrawn, "renewable-energy", "OFFER", "THEMATIC_PARTNERSHIP");
        given().when()
                .delete("/api/v1/cities/" + withdrawn + "/interests/" + interestId)
                .then()
                .statusCode(204);

        given().queryParam("q", tag)
                .queryParam("area", "renewable-energy")
                .when()
                .get("/api/v1/cities")
                .then()
                .body("items.id", containsInAnyOrder(seeker.toString(), offerer.toString()));
        given().queryParam("q", tag)
                .queryParam("area", "renewable-energy")
                .queryParam("stance", "offer")
                .when()
                .get("/api/v1/cities")
                .then()
                .body("items.id", contains(offerer.toString()));
        given().queryParam("q", tag)
                .queryParam("intent", "KNOWLEDGE_EXCHANGE")
                .when()
                .get("/api/v1/cities")
                .then()
                .body("items.id", contains(seeker.toString()));
        given().queryParam("q", tag)
                .queryParam("area", "trade")
                .when()
                .get("/api/v1/cities")
                .then()
                .body("totalItems", equalTo(0));
    }

    private static UUID register(String name, String country, long population) {
        Map<String, Object> body = Fixtures.cityBody(name, country);
        body.put("population", population);
        return Fixtures.register(body);
    }

    private static String express(UUID city, String area, String stance, String intent) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("area", area, "stance", stance, "intent", intent))
                .when()
                .post("/api/v1/cities/" + city + "/interests")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
