package org.citybridge.matchmaking;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.PairIds;
import org.citybridge.contracts.events.Topics;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.matchmaking.partnership.PartnershipImport;
import org.citybridge.matchmaking.readmodel.MatchmakingState;
import org.citybridge.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * POST /api/v1/partnerships/imports: a file of historical partnerships becomes partnerships, events and
 * re-ranked lists exactly as single POSTs would leave them; bad rows are reported while good ones go in.
 */
@QuarkusTest
class PartnershipImportTest {

    private static final String HEADER =
            "cityAName,cityACountry,cityBName,cityBCountry,cityA,cityB,kind,area,formedOn,source\n";

    @Inject
    ObjectMapper mapper;

    @Inject
    MatchmakingState state;

    /** Forty cities, even ones seeking culture in Mexico, odd ones offering it in China, once matchmaking knows each. */
    private List<UUID> cities(TestEvents events, String prefix) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            events.publish(Scenario.registered(Scenario.simpleCity(id, prefix + " " + i, i % 2 == 0 ? "MX" : "CN")));
            events.publish(Scenario.interest(
                    id, CooperationArea.CULTURE, i % 2 == 0 ? Stance.SEEK : Stance.OFFER, Intent.SISTER_CITY));
        }
        // 0 and 1 share a second interest: each is the other's best match, proposed whatever the ties
        events.publish(Scenario.interest(ids.get(0), CooperationArea.TOURISM, Stance.SEEK, Intent.SISTER_CITY));
        events.publish(Scenario.interest(ids.get(1), CooperationArea.TOURISM, Stance.OFFER, Intent.SISTER_CITY));
        Scenario.awaitOpenProposal(ids.get(0), ids.get(1));
        for (UUID id : ids) {
            // known to matchmaking: its proposals are there to ask for (404 before)
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            given().get("/api/v1/cities/{id}/proposals", id).statusCode() == 200);
        }
        return ids;
    }

    /** Partnerships of neighbours: 0-1, 1-2, …, 38-39 (39 rows); even rows name the cities, odd rows give ids. */
    private static String chain(String prefix, List<UUID> ids) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i + 1 < ids.size(); i++) {
            String a = i % 2 == 0 ? "MX" : "CN";
            String b = i % 2 == 0 ? "CN" : "MX";
            if (i % 2 == 0) {
                csv.append(prefix + " " + i + "," + a + "," + prefix + " " + (i + 1) + "," + b + ",,,");
            } else {
                csv.append(",,,," + ids.get(i) + "," + ids.get(i + 1) + ",");
            }
            csv.append("SISTER_CITY,,1998-05-0" + (1 + i % 9) + ",\"Charter of " + i + ", \"\"archived\"\"\"\n");
        }
        return csv.toString();
    }

    private static String submit(String body, String contentType, String query) {
        return given().contentType(contentType)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/partnerships/imports" + query)
                .then()
                .statusCode(202)
                .contentType("application/json")
                .header("Location", containsString("/api/v1/jobs/"))
                .extract()
                .header("Location");
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldImportAFileOnceReportBadRowsAndRankAsAFullRescoreWould() {
        String prefix = Fixtures.name("Twin");
        try (TestEvents events = new TestEvents(mapper)) {
            List<UUID> ids = cities(events, prefix);
            String proposal =
                    (String) Scenario.awaitOpenProposal(ids.get(0), ids.get(1)).get("id");
            String file = chain(prefix, ids)
                    + prefix + " 1,CN," + prefix + " 0,MX,,,SISTER_CITY,,1998-05-01,the same pair again\n"
                    + prefix + " 3,CN,Atlantis,MX,,,SISTER_CITY,,1998-05-01,an unknown city\n"
                    + prefix + " 5,CN," + prefix + " 6,MX,,,SISTER_CITY,,1998-02-30,no such day\n"
                    + prefix + " 7,CN," + prefix + " 8,MX,,,SISTER_CITY,,1998-02-01,\"never closed\n";

            Map<String, Object> result = Scenario.awaitJob(submit(file, "text/csv", ""));

            assertThat(result)
                    .containsEntry("rows", 43)
                    .containsEntry("created", 39)
                    .containsEntry("unchanged", 1)
                    .containsEntry("rejected", 3)
                    .containsEntry("written", true);
            assertThat((Integer) result.get("citiesReranked")).isPositive();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rejections = (List<Map<String, Object>>) result.get("rejections");
            assertThat(rejections)
                    .extracting(r -> r.get("line") + " " + r.get("field"))
                    .containsExactly("42 cityBName", "43 formedOn", "44 $");
            assertThat(rejections.get(0).get("problem")).asString().contains("Atlantis", "import the cities first");

            Scenario.partnerships(ids.get(0)).statusCode(200).body("totalItems", equalTo(1));
            Scenario.partnerships(ids.get(5)).statusCode(200).body("totalItems", equalTo(2));
            given().get("/api/v1/partnerships?cityId=" + ids.get(1))
                    .then()
                    .body("items[0].source", equalTo("Charter of 1, \"archived\""));
            Scenario.proposal(proposal).body("status", equalTo("SUPERSEDED"));
            // every new partnership is announced as its single POST would announce it
            assertThat(events.read(
                            Topics.MATCHMAKING_EVENTS,
                            PairIds.of(ids.get(38), ids.get(39), ProposalKind.SISTER_CITY, null),
                            EventType.PARTNERSHIP_FORMED,
                            1,
                            Duration.ofSeconds(30)))
                    .hasSize(1);
            // partners are never proposed to each other, and the lists are what a full re-ranking makes
            for (int i = 0; i + 1 < ids.size(); i++) {
                assertThat(Fixtures.openProposal(ids.get(i), ids.get(i + 1))).isEmpty();
            }
            assertARescoreChangesNothing();

            // the same file again changes nothing
            Map<String, Object> again = Scenario.awaitJob(submit(file, "text/csv", ""));
            assertThat(again)
                    .containsEntry("created", 0)
                    .containsEntry("unchanged", 40)
                    .containsEntry("rejected", 3);
            Scenario.partnerships(ids.get(5)).statusCode(200).body("totalItems", equalTo(2));
        }
    }

    /**
     * A city named in another case is the city the directory knows: its unique index takes İ in lower case as
     * i, while Java's lower case makes it i and a combining dot, so "İZMİR" did not find İzmir.
     */
    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldFindACityNamedInAnotherCaseAsTheDirectoryDoes() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        try (TestEvents events = new TestEvents(mapper)) {
            UUID izmir = UUID.randomUUID();
            UUID merida = UUID.randomUUID();
            events.publish(Scenario.registered(Scenario.simpleCity(izmir, "İzmir " + tag, "TR")));
            events.publish(Scenario.registered(Scenario.simpleCity(merida, "Mérida " + tag, "MX")));
            for (UUID id : List.of(izmir, merida)) {
                await().atMost(Duration.ofSeconds(60))
                        .until(() ->
                                given().get("/api/v1/cities/{id}/proposals", id).statusCode() == 200);
            }
            String file = HEADER + "İZMİR " + tag + ",tr,MÉRIDA " + tag + ",MX,,,SISTER_CITY,,1979-10-01,charter\n";

            assertThat(Scenario.awaitJob(submit(file, "text/csv", "")))
                    .containsEntry("created", 1)
                    .containsEntry("rejected", 0);
            JsonPath recorded =
                    Scenario.partnerships(izmir).statusCode(200).extract().jsonPath();
            assertThat(List.of(recorded.getString("items[0].cityA"), recorded.getString("items[0].cityB")))
                    .containsExactlyInAnyOrder(izmir.toString(), merida.toString());
        }
    }

    /**
     * An import cancelled after some of its rows leaves their cities waiting to be re-ranked: a rescore job takes
     * them on, so that the lists and proposals are again those of the partnerships committed.
     */
    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldHandTheCitiesACancelledImportLeftWaitingToARescore() throws Exception {
        String prefix = Fixtures.name("Cancel");
        try (TestEvents events = new TestEvents(mapper)) {
            List<UUID> ids = cities(events, prefix);
            // the neighbours 0-1 … 9-10 first, the first chunk's ten rows; then every Mexican and Chinese pair
            StringBuilder file = new StringBuilder(HEADER);
            for (int i = 0; i < 10; i++) {
                file.append(",,,," + ids.get(i) + "," + ids.get(i + 1) + ",SISTER_CITY,,1998-05-01,chain\n");
            }
            for (int i = 0; i < ids.size(); i += 2) {
                for (int j = 1; j < ids.size(); j += 2) {
                    file.append(",,,," + ids.get(i) + "," + ids.get(j) + ",SISTER_CITY,,1998-05-01,all\n");
                }
            }

            String location;
            CompletableFuture<Void> holding = new CompletableFuture<>();
            CompletableFuture<Void> release = new CompletableFuture<>();
            // the test holds the engine lock: the import's first chunk, checked for cancellation, waits for it
            CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> state.locked(() -> {
                holding.complete(null);
                release.join();
            }));
            try {
                holding.get(30, TimeUnit.SECONDS);
                location = submit(file.toString(), "text/csv", "");
                await().atMost(Duration.ofSeconds(30)).until(PartnershipImportTest::importWaitsForTheLock);
                given().delete(location.substring(location.indexOf("/api/v1/jobs/")))
                        .then()
                        .statusCode(202)
                        .body("cancelRequested", equalTo(true));
                long cancelled = System.nanoTime();
                // a job reads whether it is cancelled at most once a second: past that, its first chunk is its last
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> System.nanoTime() - cancelled
                                > Duration.ofMillis(1_100).toNanos());
            } finally {
                release.complete(null);
                holder.get(30, TimeUnit.SECONDS);
            }

            JsonPath job = Scenario.awaitJobEnd(location);
            assertThat(job.getString("state")).isEqualTo("CANCELLED");
            String error = job.getString("error");
            assertThat(error)
                    .startsWith("Cancelled after 10 of 410 readable rows")
                    .contains("re-ranked by a rescore job");
            Matcher rescoreJob = Pattern.compile("/api/v1/jobs/[0-9a-f-]{36}").matcher(error);
            assertThat(rescoreJob.find()).isTrue();
            assertThat(Scenario.awaitJob(rescoreJob.group())).containsKey("changedPairs");

            Scenario.partnerships(ids.get(5)).statusCode(200).body("totalItems", equalTo(2));
            Scenario.partnerships(ids.get(10)).statusCode(200).body("totalItems", equalTo(1));
            Scenario.partnerships(ids.get(11)).statusCode(200).body("totalItems", equalTo(0));
            for (int i = 0; i < 10; i++) {
                assertThat(Fixtures.openProposal(ids.get(i), ids.get(i + 1))).isEmpty();
            }
            // nothing left for a rescore to change: the lists are those of the partnerships committed
            assertARescoreChangesNothing();
        }
    }

    /** A rescore finds every list as a full re-ranking makes it. */
    private static void assertARescoreChangesNothing() {
        assertThat(Scenario.awaitJob(given().post("/api/v1/admin/rescore")
                        .then()
                        .statusCode(202)
                        .extract()
                        .header("Location")))
                .containsEntry("changedPairs", 0);
    }

    /** Some thread of this service waits for the engine lock inside a partnership import's chunk. */
    private static boolean importWaitsForTheLock() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> thread.getKey().getState() == Thread.State.WAITING)
                .anyMatch(thread -> Arrays.stream(thread.getValue())
                        .anyMatch(frame -> frame.getClassName().startsWith(PartnershipImport.class.getName())
                                && frame.getMethodName().equals("apply")));
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldCheckWithoutWritingInADryRunAndWriteNothingOfAnAtomicFileWithABadRow() throws Exception {
        String prefix = Fixtures.name("Dry");
        try (TestEvents events = new TestEvents(mapper)) {
            List<UUID> ids = cities(events, prefix);
            String ndjson = mapper.writeValueAsString(Map.of(
                            "cityA",
                            ids.get(0),
                            "cityB",
                            ids.get(1),
                            "kind",
                            "SISTER_CITY",
                            "formedOn",
                            "2001-01-01",
                            "source",
                            "NDJSON row"))
                    + "\n\n"
                    + mapper.writeValueAsString(Map.of(
                            "cityAName",
                            prefix + " 2",
                            "cityACountry",
                            "mx",
                            "cityBName",
                            prefix + " 3",
                            "cityBCountry",
                            "CN",
                            "kind",
                            "THEMATIC",
                            "area",
                            "culture",
                            "formedOn",
                            "2001-01-01",
                            "source",
                            "by name"))
                    + "\n";

            Map<String, Object> dry = Scenario.awaitJob(submit(ndjson, "application/x-ndjson", "?dryRun=true"));
            assertThat(dry)
                    .containsEntry("created", 2)
                    .containsEntry("dryRun", true)
                    .containsEntry("written", false);
            Scenario.partnerships(ids.get(0)).statusCode(200).body("totalItems", equalTo(0));

            String bad = ndjson + "{\"cityA\": \"" + ids.get(4) + "\", \"cityB\": \"" + ids.get(5)
                    + "\", \"kind\": \"SISTER_CITY\", \"formedOn\": \"2001-01-01\", \"source\": \"x\", \"mood\": 1}\n[1]\n";
            JsonPath atomic = Scenario.awaitJobEnd(submit(bad, "application/x-ndjson", "?atomic=true"));
            assertThat(atomic.getString("state")).isEqualTo("FAILED");
            assertThat(atomic.getString("error")).contains("2 of 4 rows are rejected");
            assertThat(atomic.getList("result.rejections.field")).containsExactly("mood", "$");
            assertThat(atomic.getList("result.rejections.line")).containsExactly(4, 5);
            Scenario.partnerships(ids.get(0)).statusCode(200).body("totalItems", equalTo(0));
            Scenario.partnerships(ids.get(4)).statusCode(200).body("totalItems", equalTo(0));

            Map<String, Object> written = Scenario.awaitJob(submit(ndjson, "application/x-ndjson", "?atomic=true"));
            assertThat(written).containsEntry("created", 2).containsEntry("written", true);
            given().get("/api/v1/partnerships?cityId=" + ids.get(2))
                    .then()
                    .body("items[0].kind", equalTo("THEMATIC"))
                    .body("items[0].area", equalTo("culture"));

            // an atomic file is one chunk of every row: its pairs are looked up in slices of 1,000
            List<String> chainRows =
                    chain(prefix, ids).substring(HEADER.length()).lines().toList();
            StringBuilder large = new StringBuilder(HEADER);
            for (int i = 0; i < 1_500; i++) {
                large.append(chainRows.get(i % chainRows.size())).append('\n');
            }
            // checked a chunk at a time, a dry run counts a pair named again in a later chunk as the import does
            assertThat(Scenario.awaitJob(submit(large.toString(), "text/csv", "?dryRun=true")))
                    .containsEntry("created", 38)
                    .containsEntry("unchanged", 1_462)
                    .containsEntry("written", false);
            assertThat(Scenario.awaitJob(submit(large.toString(), "text/csv", "?atomic=true")))
                    .containsEntry("rows", 1_500)
                    .containsEntry("created", 38) // 0-1 came with the NDJSON file
                    .containsEntry("unchanged", 1_462);
            assertThat(Scenario.awaitJob(submit(large.toString(), "text/csv", "?atomic=true")))
                    .containsEntry("created", 0)
                    .containsEntry("unchanged", 1_500);
            Scenario.partnerships(ids.get(5)).statusCode(200).body("totalItems", equalTo(2));
        }
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldExportPartnershipsThatImportBackUnchangedAndProposalsForProgrammeStaff() throws Exception {
        String prefix = Fixtures.name("Export");
        try (TestEvents events = new TestEvents(mapper)) {
            List<UUID> ids = cities(events, prefix);
            String proposal =
                    (String) Scenario.awaitOpenProposal(ids.get(0), ids.get(1)).get("id");
            assertThat(Scenario.awaitJob(submit(chain(prefix, ids), "text/csv", "")))
                    .containsEntry("created", 39);

            String csv = given().accept("text/csv")
                    .get("/api/v1/partnerships/export")
                    .then()
                    .statusCode(200)
                    .contentType(containsString("text/csv"))
                    .extract()
                    .asString();
            String[] lines = csv.split("\r\n");
            assertThat(lines[0])
                    .isEqualTo("id,cityA,cityAName,cityACountry,cityB,cityBName,cityBCountry,kind,area,formedOn,source,"
                            + "proposalId");
            StringBuilder mine = new StringBuilder(lines[0]).append('\n');
            for (String line : lines) {
                if (line.contains(prefix)) {
                    mine.append(line).append('\n');
                }
            }
            assertThat(mine.toString().lines()).hasSize(40);
            assertThat(mine.toString()).contains(",SISTER_CITY,,1998-05-01,\"Charter of 0, \"\"archived\"\"\",");
            assertThat(Scenario.awaitJob(submit(mine.toString(), "text/csv", "")))
                    .containsEntry("unchanged", 39)
                    .containsEntry("rejected", 0);

            boolean found = false;
            for (String line : given().accept("application/x-ndjson")
                    .get("/api/v1/proposals/export")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString()
                    .split("\n")) {
                var exported = mapper.readTree(line);
                if (exported.get("id").asText().equals(proposal)) {
                    found = true;
                    assertThat(exported.get("status").asText()).isEqualTo("SUPERSEDED");
                    assertThat(exported.get("cityAName").asText()).startsWith(prefix);
                }
            }
            assertThat(found).isTrue();
        }
    }

    @Test
    @TestSecurity(user = "officer", roles = "city-officer")
    @OidcSecurity(claims = @Claim(key = "city_id", value = "00000000-0000-4000-8000-00000000c001"))
    void shouldLetOnlyProgrammeStaffExportProposals() {
        given().accept("text/csv").get("/api/v1/proposals/export").then().statusCode(403);
        given().accept("text/csv").get("/api/v1/partnerships/export").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldRefuseAFileItCannotReadAsOneProblem() {
        given().contentType("application/json")
                .body("{}")
                .post("/api/v1/partnerships/imports")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
        given().contentType("text/csv")
                .body("cityA,cityB,kind,formedOn\n")
                .post("/api/v1/partnerships/imports")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("missing column(s) source"));
        given().contentType("text/csv")
                .body("cityA,cityB,kind,formedOn,source,colour\n")
                .post("/api/v1/partnerships/imports")
                .then()
                .statusCode(400)
                .body("detail", containsString("unknown column(s) colour"));
        byte[] latin1 =
                (HEADER + "Bogotá,CO,São Paulo,BR,,,SISTER_CITY,,2001-01-01,x\n").getBytes(StandardCharsets.ISO_8859_1);
        given().contentType("text/csv")
                .body(latin1)
                .post("/api/v1/partnerships/imports")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("not valid UTF-8"));
        given().contentType("text/csv")
                .body(HEADER + "x".repeat(1024 * 1024))
                .post("/api/v1/partnerships/imports")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("split it"));
        given().contentType("text/csv")
                .queryParam("dryRun", "perhaps")
                .body(HEADER)
                .post("/api/v1/partnerships/imports")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("dryRun"));
    }

    @Test
    void shouldRequireATokenToImport() {
        given().contentType("text/csv")
                .body(HEADER)
                .post("/api/v1/partnerships/imports")
                .then()
                .statusCode(401);
    }

    @Test
    @TestSecurity(user = "officer", roles = "city-officer")
    @OidcSecurity(claims = @Claim(key = "city_id", value = "00000000-0000-4000-8000-00000000c001"))
    void shouldForbidOfficersToImport() {
        given().contentType("text/csv")
                .body(HEADER)
                .post("/api/v1/partnerships/imports")
                .then()
                .statusCode(403);
    }
}
