package org.citybridge.clusters;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.citybridge.contracts.events.EventType;
import org.citybridge.kit.security.Roles;
import org.citybridge.testing.JsonApi;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * POST /api/v1/organisations/imports and /api/v1/exchanges/imports: a programme's history from files, checked
 * and announced as the single requests, idempotent by natural key.
 */
@QuarkusTest
@TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
class ClusterImportTest {

    @Inject
    TestSupport support;

    private static String submit(String path, String body, String contentType) {
        return given().contentType(contentType)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post(path)
                .then()
                .statusCode(202)
                .header("Location", containsString("/api/v1/jobs/"))
                .extract()
                .header("Location");
    }

    @Test
    void shouldImportOrganisationsOnceAndUpdateTheOnesAFileChanges() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String csv = "name,kind,country,website\n"
                + "Luoyang Foreign Affairs Office " + tag + ",DEVELOPMENT_PARTNER,CN,https://example.org/luoyang\n"
                + "\"UNOSSC, " + tag + "\",UN_AGENCY,,\n"
                + "Nobody " + tag + ",SECRET_SOCIETY,,\n";
        Map<String, Object> first = JsonApi.awaitJob(submit("/api/v1/organisations/imports", csv, "text/csv"));
        assertThat(first).containsEntry("created", 2).containsEntry("rejected", 1);
        assertThat(JsonPath.from(given().get("/api/v1/organisations?q=" + tag).asString())
                        .getInt("totalItems"))
                .isEqualTo(2);
        assertThat(JsonApi.awaitJob(submit("/api/v1/organisations/imports", csv, "text/csv")))
                .containsEntry("unchanged", 2)
                .containsEntry("created", 0);
        String changed = "name,kind,country,website\n" + "luoyang foreign affairs office " + tag
                + ",DEVELOPMENT_PARTNER,CN,https://example.org/new\n";
        assertThat(JsonApi.awaitJob(submit("/api/v1/organisations/imports", changed, "text/csv")))
                .containsEntry("updated", 1);
        given().get("/api/v1/organisations?q=Luoyang Foreign Affairs Office " + tag)
                .then()
                .body("items[0].website", equalTo("https://example.org/new"))
                .body("items[0].name", equalTo("Luoyang Foreign Affairs Office " + tag));
    }

    @Test
    void shouldImportHeldExchangesWithParticipantsNamedOrByIdAndAnnounceThem() {
        String luoyangName = TestSupport.unique("Luoyang");
        UUID luoyang = support.registerCity(luoyangName, "CN");
        UUID mexicoCity = support.registerCity(TestSupport.unique("Mexico City"), "MX");
        UUID cluster = support.cluster();
        String title = TestSupport.unique("Heritage video conference");
        String csv = "title,format,startDate,endDate,clusterId,participantCityIds,participants,topics,held\n"
                + "\"" + title + "\",VIDEO_CONFERENCE,2022-02-22,2022-02-22," + cluster + "," + mexicoCity + ","
                + luoyangName + "|CN,culture;tourism,true\n"
                + "\"" + title + " course\",STUDY_COURSE,2022-06-01,2022-05-01,,,,,false\n"
                + "\"" + title + " webinar\",WEBINAR,2022-07-01,2022-07-01,,,Atlantis|GR,,\n";

        Map<String, Object> result = JsonApi.awaitJob(submit("/api/v1/exchanges/imports", csv, "text/csv"));

        assertThat(result).containsEntry("created", 1).containsEntry("rejected", 2);
        assertThat(JsonPath.from(toJson(result)).getList("rejections.field"))
                .containsExactly("endDate", "participants");
        JsonPath found =
                JsonPath.from(given().get("/api/v1/exchanges?q=" + title).asString());
        assertThat(found.getInt("totalItems")).isEqualTo(1);
        assertThat(found.getString("items[0].status")).isEqualTo("HELD");
        assertThat(found.getList("items[0].participantCityIds"))
                .containsExactlyInAnyOrder(luoyang.toString(), mexicoCity.toString());
        UUID exchange = UUID.fromString(found.getString("items[0].id"));
        support.oneClusterEvent(exchange, EventType.EXCHANGE_SCHEDULED);
        support.oneClusterEvent(exchange, EventType.EXCHANGE_HELD);

        assertThat(JsonApi.awaitJob(submit("/api/v1/exchanges/imports", csv, "text/csv")))
                .containsEntry("created", 0)
                .containsEntry("unchanged", 1);
        String ndjson = "{\"title\": \"" + title + " planned\", \"format\": \"WEBINAR\", \"startDate\": \"2030-01-10\","
                + " \"endDate\": \"2030-01-10\", \"participantCityIds\": [\"" + luoyang + "\"]}\n";
        assertThat(JsonApi.awaitJob(submit("/api/v1/exchanges/imports", ndjson, "application/x-ndjson")))
                .containsEntry("created", 1);
        given().get("/api/v1/exchanges?q=" + title + " planned").then().body("items[0].status", equalTo("PLANNED"));
    }

    /**
     * Names are compared as the database's unique indexes compare them: İ lower-cased is i there, while Java's
     * lower case makes it i and a combining dot, so a file naming İzmir met neither the stored organisation nor
     * the known city.
     */
    @Test
    void shouldKnowNamesWithADottedCapitalIAgainInAnySpelling() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String izmir = "İzmir " + tag;
        support.registerCity(izmir, "TR");
        String organisations =
                "name,kind,country,website\n" + "İzmir Metropolitan Municipality " + tag + ",ASSOCIATION,TR,\n";
        String exchanges = "title,format,startDate,endDate,participants,held\n" + "İzmir heritage webinar " + tag
                + ",WEBINAR,2023-04-01,2023-04-01,İZMİR " + tag + "|TR,true\n";

        assertThat(JsonApi.awaitJob(submit("/api/v1/organisations/imports", organisations, "text/csv")))
                .containsEntry("created", 1);
        assertThat(JsonApi.awaitJob(submit("/api/v1/exchanges/imports", exchanges, "text/csv")))
                .containsEntry("created", 1)
                .containsEntry("rejected", 0);

        assertThat(JsonApi.awaitJob(submit("/api/v1/organisations/imports", organisations, "text/csv")))
                .containsEntry("unchanged", 1)
                .containsEntry("rejected", 0);
        assertThat(JsonApi.awaitJob(submit(
                        "/api/v1/exchanges/imports",
                        exchanges.replace("İzmir heritage", "İZMİR HERITAGE"),
                        "text/csv")))
                .containsEntry("unchanged", 1)
                .containsEntry("rejected", 0);
        for (String typed :
                List.of("İzmir Metropolitan Municipality " + tag, "İZMİR metropolitan municipality " + tag)) {
            given().queryParam("q", typed).get("/api/v1/organisations").then().body("totalItems", equalTo(1));
        }
        given().queryParam("q", "izmir heritage webinar " + tag)
                .get("/api/v1/exchanges")
                .then()
                .body("totalItems", equalTo(1))
                .body("items[0].status", equalTo("HELD"));
    }

    @Test
    void shouldSayInADryRunWhatTheImportDoesWithANameRepeatedAndRefuseWhatItRefuses() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String organisations = "name,kind,country,website\n"
                + "Habitat Partner " + tag + ",DEVELOPMENT_PARTNER,KE,\n"
                + "HABITAT PARTNER " + tag + ",DEVELOPMENT_PARTNER,KE,\n" // the same again: unchanged
                + "Habitat Partner " + tag + ",ACADEMIA,KE,\n" // another kind: updated
                + "Nowhere Office " + tag + ",ASSOCIATION,XX,\n"; // no such country: rejected, as the write rejects it

        Map<String, Object> foreseen =
                JsonApi.awaitJob(submit("/api/v1/organisations/imports?dryRun=true", organisations, "text/csv"));
        Map<String, Object> done = JsonApi.awaitJob(submit("/api/v1/organisations/imports", organisations, "text/csv"));

        for (Map<String, Object> result : List.of(foreseen, done)) {
            assertThat(result)
                    .containsEntry("created", 1)
                    .containsEntry("unchanged", 1)
                    .containsEntry("updated", 1)
                    .containsEntry("rejected", 1);
            assertThat(JsonPath.from(toJson(result)).getList("rejections.field"))
                    .containsExactly("country");
        }
        assertThat(foreseen).containsEntry("written", false);
        given().get("/api/v1/organisations?q=" + tag)
                .then()
                .body("totalItems", equalTo(1))
                .body("items[0].kind", equalTo("ACADEMIA"));

        String title = TestSupport.unique("Waste pickers webinar");
        String exchanges = "title,format,startDate,endDate,held\n"
                + "\"" + title + "\",WEBINAR,2023-03-01,2023-03-01,false\n"
                + "\"" + title.toUpperCase(Locale.ROOT) + "\",WEBINAR,2023-03-01,2023-03-01,true\n" // held
                + "\"" + title + "\",WEBINAR,2023-03-01,2023-03-01,true\n"; // held already: unchanged

        foreseen = JsonApi.awaitJob(submit("/api/v1/exchanges/imports?dryRun=true", exchanges, "text/csv"));
        given().get("/api/v1/exchanges?q=" + title).then().body("totalItems", equalTo(0));
        done = JsonApi.awaitJob(submit("/api/v1/exchanges/imports", exchanges, "text/csv"));

        for (Map<String, Object> result : List.of(foreseen, done)) {
            assertThat(result)
                    .containsEntry("created", 1)
                    .containsEntry("updated", 1)
                    .containsEntry("unchanged", 1)
                    .containsEntry("rejected", 0);
        }
        given().get("/api/v1/exchanges?q=" + title).then().body("items[0].status", equalTo("HELD"));
    }

    @Test
    void shouldRefuseToHoldACancelledExchangeInADryRunAndInTheImport() {
        UUID cancelled = support.cancelledExchange().id;
        JsonPath stored =
                JsonPath.from(given().get("/api/v1/exchanges/" + cancelled).asString());
        String row = "title,format,startDate,endDate,held\n" + "\"" + stored.getString("title") + "\",WEBINAR,"
                + stored.getString("startDate") + "," + stored.getString("endDate") + ",";
        long eventsBefore = support.outboxCount(cancelled);

        for (String query : List.of("?dryRun=true", "")) {
            Map<String, Object> result =
                    JsonApi.awaitJob(submit("/api/v1/exchanges/imports" + query, row + "true\n", "text/csv"));
            assertThat(result).containsEntry("rejected", 1).containsEntry("updated", 0);
            assertThat(JsonPath.from(toJson(result)).getList("rejections.field"))
                    .containsExactly("held");
            assertThat(JsonPath.from(toJson(result)).getString("rejections[0].problem"))
                    .contains("cancelled");
        }
        // a row that does not say it was held restates the exchange as it stands
        assertThat(JsonApi.awaitJob(submit("/api/v1/exchanges/imports", row + "false\n", "text/csv")))
                .containsEntry("unchanged", 1)
                .containsEntry("rejected", 0);
        given().get("/api/v1/exchanges/" + cancelled).then().body("status", equalTo("CANCELLED"));
        assertThat(support.outboxCount(cancelled)).isEqualTo(eventsBefore);
    }

    @Test
    @TestSecurity(user = "partner", roles = Roles.PARTNER_SYSTEM)
    void shouldLetOnlyProgrammeStaffImport() {
        given().contentType("text/csv")
                .body("name,kind\n")
                .post("/api/v1/organisations/imports")
                .then()
                .statusCode(403);
        given().contentType("text/csv")
                .body("title,format,startDate,endDate\n")
                .post("/api/v1/exchanges/imports")
                .then()
                .statusCode(403);
    }

    private static String toJson(Map<String, Object> value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
