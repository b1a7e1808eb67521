package org.citybridge.cities;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.citybridge.kit.security.Roles;
import org.citybridge.testing.JsonApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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
            List<String> ids = JsonApi.get("/api/v1/cities", Map.of("q", tag, "size", 2, "page", page))
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

    /** Population descending, and names that happen to sort the same way. */
    @ParameterizedTest
    @ValueSource(strings = {"-population", "name"})
    void shouldSortByPopulationDescending(String sort) {
        String tag = Fixtures.unique("Sorttest");
        UUID small = register(tag + " small", "MX", 1_000);
        UUID large = register(tag + " large", "MX", 9_000_000);
        UUID middle = register(tag + " middle", "MX", 500_000);
        JsonApi.get("/api/v1/cities", Map.of("q", tag, "sort", sort))
                .body("items.id", contains(large.toString(), middle.toString(), small.toString()));
    }

    @Test
    void shouldFilterByCountryRegionAndFreeText() {
        String tag = Fixtures.unique("Filtertest");
        UUID mexican = register(tag + " Morelia", "MX", 800_000);
        UUID chinese = register(tag + " Datong", "CN", 3_000_000);
        UUID brazilian = register(tag + " Ouro Preto", "BR", 70_000);

        JsonApi.get("/api/v1/cities", Map.of("q", tag, "country", "mx")).body("items.id", contains(mexican.toString()));
        JsonApi.get("/api/v1/cities", Map.of("q", tag, "region", "latin america and the caribbean"))
                .body("items.id", containsInAnyOrder(mexican.toString(), brazilian.toString()));
        JsonApi.get("/api/v1/cities", Map.of("q", tag, "region", "Asia"))
                .body("items.id", contains(chinese.toString()));
        JsonApi.get("/api/v1/cities", Map.of("q", tag.toUpperCase() + " DATONG"))
                .body("items.id", contains(chinese.toString()));
        JsonApi.get("/api/v1/cities", Map.of("q", "%", "size", 1))
                .statusCode(200); // a LIKE wildcard is matched literally, not as "everything"
    }

    /** The database lower-cases the text as it does the names: Java's lower case of İ is i and a combining dot. */
    @Test
    void shouldFindANameWithADottedCapitalIInAnySpelling() {
        String tag = Fixtures.unique("Dotted");
        UUID izmir = register("İzmir " + tag, "TR", 4_000_000);

        for (String typed : List.of("İzmir " + tag, "izmir " + tag, "İZMİR " + tag, "IZMIR " + tag)) {
            JsonApi.get("/api/v1/cities", Map.of("q", typed)).body("items.id", contains(izmir.toString()));
        }
        JsonApi.get("/api/v1/cities", Map.of("q", "İzmir_" + tag)).body("totalItems", equalTo(0)); // _ is a letter
    }

    @Test
    void shouldFilterByActiveInterestAreaStanceAndIntent() {
        String tag = Fixtures.unique("Areatest");
        UUID seeker = register(tag + " Seeker", "MX", 100);
        express(seeker, "renewable-energy", "SEEK", "KNOWLEDGE_EXCHANGE");
        UUID offerer = register(tag + " Offerer", "CN", 100);
        express(offerer, "renewable-energy", "OFFER", "THEMATIC_PARTNERSHIP");
        UUID withdrawn = register(tag + " Withdrawn", "CN", 100);
        String interestId = express(withdrawn, "renewable-energy", "OFFER", "THEMATIC_PARTNERSHIP");
        JsonApi.delete("/api/v1/cities/" + withdrawn + "/interests/" + interestId)
                .statusCode(204);

        JsonApi.get("/api/v1/cities", Map.of("q", tag, "area", "renewable-energy"))
                .body("items.id", containsInAnyOrder(seeker.toString(), offerer.toString()));
        JsonApi.get("/api/v1/cities", Map.of("q", tag, "area", "renewable-energy", "stance", "offer"))
                .body("items.id", contains(offerer.toString()));
        JsonApi.get("/api/v1/cities", Map.of("q", tag, "intent", "KNOWLEDGE_EXCHANGE"))
                .body("items.id", contains(seeker.toString()));
        JsonApi.get("/api/v1/cities", Map.of("q", tag, "area", "trade")).body("totalItems", equalTo(0));
    }

    private static UUID register(String name, String country, long population) {
        Map<String, Object> body = Fixtures.cityBody(name, country);
        body.put("population", population);
        return Fixtures.register(body);
    }

    private static String express(UUID city, String area, String stance, String intent) {
        return JsonApi.createdId(JsonApi.post(
                "/api/v1/cities/" + city + "/interests", Map.of("area", area, "stance", stance, "intent", intent)));
    }
}
