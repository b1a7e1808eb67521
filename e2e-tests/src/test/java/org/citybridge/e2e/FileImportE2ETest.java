package org.citybridge.e2e;

import io.restassured.RestAssured;
import org.citybridge.launcher.FileImport;
import org.citybridge.launcher.Platform;
import org.citybridge.launcher.seed.SeedContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@code ./run.sh --import FILE…} against the running platform: a partnership file named first still goes
 * after the cities it names, waits until matchmaking knows them, and the terminal shows a progress bar, the
 * outcome and the rejected rows.
 */
class FileImportE2ETest {

    @TempDir
    Path dir;

    @Test
    void shouldImportCitiesThenTheirPartnershipsAndReportTheRejectedRows() throws Exception {
        Platform platform = E2E.platform();
        SeedContext seed = E2E.seed();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Path cities = dir.resolve("cities.csv");
        Files.writeString(
                cities,
                "name,country,latitude,longitude,interests\n"
                        + "Oaxaca " + tag + ",MX,17.06,-96.72,culture/MUTUAL/SISTER_CITY\n"
                        + "Pingyao " + tag + ",CN,37.2,112.18,culture/MUTUAL/SISTER_CITY\n"
                        + "Hoi An " + tag + ",VN,15.88,108.33,culture/MUTUAL/SISTER_CITY\n",
                StandardCharsets.UTF_8);
        Path partnerships = dir.resolve("partnerships.ndjson");
        Files.writeString(
                partnerships,
                "{\"cityAName\":\"Oaxaca " + tag + "\",\"cityACountry\":\"MX\",\"cityBName\":\"Pingyao " + tag
                        + "\",\"cityBCountry\":\"CN\",\"kind\":\"SISTER_CITY\",\"formedOn\":\"1998-10-01\","
                        + "\"source\":\"Municipal archives\"}\n"
                        + "{\"cityAName\":\"Oaxaca " + tag + "\",\"cityACountry\":\"MX\",\"cityBName\":\"Nowhere\","
                        + "\"cityBCountry\":\"CN\",\"kind\":\"SISTER_CITY\",\"formedOn\":\"1998-10-01\","
                        + "\"source\":\"Municipal archives\"}\n",
                StandardCharsets.UTF_8);
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();

        boolean ok = FileImport.run(
                platform,
                seed::adminToken,
                List.of(partnerships, cities),
                new PrintStream(terminal, true, StandardCharsets.UTF_8));

        String shown = terminal.toString(StandardCharsets.UTF_8);
        assertThat(ok).as(shown).isTrue();
        assertThat(shown)
                .contains("cities.csv [##############################] 100%")
                .contains("import cities.csv: succeeded; 3 created, 0 updated, 0 unchanged, 0 rejected")
                .contains("import partnerships.ndjson: succeeded; 1 created, 0 updated, 0 unchanged, 1 rejected")
                .contains("line 2, cityBName: no city Nowhere in CN is registered");
        assertThat(shown.indexOf("import cities.csv")).isLessThan(shown.indexOf("import partnerships.ndjson"));
        String oaxaca = RestAssured.given()
                .baseUri(platform.serviceUrl("cities-service"))
                .queryParam("q", "Oaxaca " + tag)
                .get("/api/v1/cities")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(1))
                .extract()
                .path("items[0].id");
        RestAssured.given()
                .baseUri(platform.serviceUrl("matchmaking-service"))
                .queryParam("cityId", oaxaca)
                .get("/api/v1/partnerships")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(1))
                .body("items[0].source", equalTo("Municipal archives"));
    }
}
