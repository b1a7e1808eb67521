package org.citybridge.cities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.citybridge.kit.security.Roles;
import org.citybridge.testing.JsonApi;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** GET /api/v1/cities/export: every city streamed as CSV, NDJSON or GeoJSON, public fields only, importable again. */
@QuarkusTest
@TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
class CityExportTest {

    @Inject
    ObjectMapper mapper;

    private String importTwo(String tag) {
        String csv = "name,localName,country,population,latitude,longitude,languages,interests\n"
                + "Luoyang " + tag + ",洛阳,CN,7056700,34.6197,112.454,zh,culture/MUTUAL/SISTER_CITY\n"
                + "\"Guanajuato, " + tag
                + "\",,MX,194500,21.019,-101.2574,es;en,culture/SEEK/SISTER_CITY;tourism/OFFER/KNOWLEDGE_EXCHANGE\n";
        assertThat(JsonApi.awaitJob(upload(csv))).containsEntry("created", 2);
        return csv;
    }

    private static String upload(String csv) {
        return given().contentType("text/csv")
                .body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/cities/imports")
                .then()
                .statusCode(202)
                .extract()
                .header("Location");
    }

    private static String export(String accept) {
        return given().accept(accept)
                .get("/api/v1/cities/export")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .extract()
                .asString();
    }

    @Test
    void shouldExportCsvWithoutOfficialsThatImportsBackUnchanged() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        importTwo(tag);
        UUID withOfficials = Fixtures.register(Fixtures.cityBody("Kaifeng " + tag, "CN"));

        given().accept("text/csv")
                .get("/api/v1/cities/export")
                .then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("cities.csv"));
        String csv = export("text/csv");
        List<String> lines = Arrays.asList(csv.split("\r\n"));
        assertThat(lines.get(0))
                .isEqualTo("id,name,localName,country,region,subRegion,population,latitude,longitude,languages,"
                        + "description,associations,interests");
        assertThat(csv).doesNotContain("bai@example.org").doesNotContain("Bai Zhibin");
        List<String> mine = new ArrayList<>(List.of(lines.get(0)));
        lines.stream().filter(l -> l.contains(tag)).forEach(mine::add);
        assertThat(mine).hasSize(4);
        assertThat(mine)
                .anySatisfy(l -> assertThat(l)
                        .contains("\"Guanajuato, " + tag + "\",,MX,Americas,Latin America and the Caribbean,194500")
                        .endsWith(",es;en,,,culture/SEEK/SISTER_CITY;tourism/OFFER/KNOWLEDGE_EXCHANGE"));
        assertThat(mine).anySatisfy(l -> assertThat(l).startsWith(withOfficials + ",Kaifeng " + tag + ",洛阳,CN"));

        // the export is a file the import reads as it stands: nothing changes
        Map<String, Object> again = JsonApi.awaitJob(upload(String.join("\n", mine) + "\n"));
        assertThat(again).containsEntry("unchanged", 3).containsEntry("rejected", 0);
        JsonApi.get("/api/v1/cities/" + withOfficials).body("officials[0].name", equalTo("Bai Zhibin"));
    }

    @Test
    void shouldExportNdjsonAndGeoJson() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        importTwo(tag);

        JsonNode luoyang = null;
        for (String line : export("application/x-ndjson").split("\n")) {
            JsonNode city = mapper.readTree(line);
            if (city.get("name").asText().equals("Luoyang " + tag)) {
                luoyang = city;
            }
        }
        assertThat(luoyang).isNotNull();
        assertThat(luoyang.at("/coordinates/latitude").asDouble()).isEqualTo(34.6197);
        assertThat(luoyang.at("/interests/0/stance").asText()).isEqualTo("MUTUAL");
        assertThat(luoyang.has("officials")).isFalse();

        JsonNode collection = mapper.readTree(export("application/geo+json"));
        assertThat(collection.get("type").asText()).isEqualTo("FeatureCollection");
        JsonNode feature = null;
        for (JsonNode candidate : collection.get("features")) {
            if (candidate.at("/properties/name").asText().equals("Luoyang " + tag)) {
                feature = candidate;
            }
        }
        assertThat(feature).isNotNull();
        assertThat(feature.at("/geometry/type").asText()).isEqualTo("Point");
        assertThat(feature.at("/geometry/coordinates/0").asDouble()).isEqualTo(112.454); // longitude first
        assertThat(feature.at("/properties/localName").asText()).isEqualTo("洛阳");
    }

    @Test
    void shouldRefuseAFormatItDoesNotWrite() {
        given().accept("application/xml").get("/api/v1/cities/export").then().statusCode(406);
    }
}
