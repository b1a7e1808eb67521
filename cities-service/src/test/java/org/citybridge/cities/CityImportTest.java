package org.citybridge.cities;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.citybridge.cities.service.CityCommand;
import org.citybridge.cities.service.CityService;
import org.citybridge.contracts.events.CloudEventHeaders;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.Topics;
import org.citybridge.kit.imports.Importer;
import org.citybridge.kit.jobs.Job;
import org.citybridge.kit.jobs.Jobs;
import org.citybridge.kit.security.Roles;
import org.citybridge.testing.JsonApi;
import org.citybridge.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * POST /api/v1/cities/imports: cities with their interests from a file, known by name and country, checked
 * as the single requests check them, announced as they announce, and a second import of the same file
 * changes nothing.
 */
@QuarkusTest
@TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
class CityImportTest {

    private static final String HEADER = "name,localName,country,population,latitude,longitude,languages,interests\n";

    @Inject
    ObjectMapper mapper;

    @Inject
    Jobs jobs;

    @Inject
    CityService cities;

    @Inject
    DataSource dataSource;

    private static String submit(byte[] body, String contentType, String query) {
        return given().contentType(contentType)
                .body(body)
                .post("/api/v1/cities/imports" + query)
                .then()
                .statusCode(202)
                .header("Location", containsString("/api/v1/jobs/"))
                .extract()
                .header("Location");
    }

    private static UUID idOf(String name) {
        return UUID.fromString(JsonApi.get("/api/v1/cities", Map.of("q", name))
                .body("totalItems", equalTo(1))
                .extract()
                .path("items[0].id"));
    }

    @Test
    void shouldImportCitiesWithInterestsOnceAndReportEveryBadRow() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String csv = HEADER
                + "Luoyang " + tag
                + ",洛阳,CN,7056700,34.6197,112.454,zh,culture/MUTUAL/SISTER_CITY;tourism/OFFER/THEMATIC_PARTNERSHIP\n"
                + "\"Guanajuato, " + tag + "\",,mx,194500,21.0190,-101.2574,es,culture/SEEK/SISTER_CITY\n"
                + "Nowhere " + tag + ",,XX,1,,,,\n"
                + "Crowded " + tag + ",,PE,-5,,,,\n"
                + "Vague " + tag + ",,BR,100,,,,culture/SOMETIMES/SISTER_CITY\n"
                + "Half " + tag + ",,BR,100,12.5,,,\n";

        Map<String, Object> result = JsonApi.awaitJob(submit(csv.getBytes(StandardCharsets.UTF_8), "text/csv", ""));

        assertThat(result)
                .containsEntry("rows", 6)
                .containsEntry("created", 2)
                .containsEntry("rejected", 4)
                .containsEntry("written", true);
        assertThat(JsonPath.from(toJson(result)).getList("rejections.field"))
                .containsExactly("country", "population", "interests[0].stance", "coordinates.longitude");
        assertThat(JsonPath.from(toJson(result)).getList("rejections.line")).containsExactly(4, 5, 6, 7);
        UUID luoyang = idOf("Luoyang " + tag);
        JsonApi.get("/api/v1/cities/" + luoyang)
                .body("localName", equalTo("洛阳"))
                .body("subRegion", equalTo("Eastern Asia"))
                .body("coordinates.latitude", equalTo(34.6197f));
        JsonApi.get("/api/v1/cities/" + luoyang + "/interests").body("totalItems", equalTo(2));
        UUID guanajuato = idOf("Guanajuato, " + tag);
        JsonApi.get("/api/v1/cities/" + guanajuato).body("country", equalTo("MX"));
        JsonApi.get("/api/v1/cities", Map.of("q", "Nowhere " + tag)).body("totalItems", equalTo(0));
        JsonApi.get("/api/v1/cities", Map.of("q", "Vague " + tag)).body("totalItems", equalTo(0)); // never half a city
        try (TestEvents events = new TestEvents(mapper)) {
            assertThat(events.read(Topics.CITY_EVENTS, luoyang, EventType.CITY_REGISTERED, 1, Duration.ofSeconds(30)))
                    .hasSize(1);
            assertThat(events.read(
                            Topics.CITY_EVENTS, luoyang, EventType.INTEREST_EXPRESSED, 2, Duration.ofSeconds(30)))
                    .hasSize(2);
        }

        Map<String, Object> again = JsonApi.awaitJob(submit(csv.getBytes(StandardCharsets.UTF_8), "text/csv", ""));
        assertThat(again)
                .containsEntry("created", 0)
                .containsEntry("unchanged", 2)
                .containsEntry("updated", 0);

        // a row that gives a new population updates that field only; the rest of the profile stays
        String update = HEADER + "luoyang " + tag + ",,CN,7100000,,,,culture/MUTUAL/SISTER_CITY\n";
        Map<String, Object> updated =
                JsonApi.awaitJob(submit(update.getBytes(StandardCharsets.UTF_8), "text/csv", "?dryRun=true"));
        assertThat(updated).containsEntry("updated", 1).containsEntry("written", false);
        JsonApi.get("/api/v1/cities/" + luoyang).body("population", equalTo(7056700));
        assertThat(JsonApi.awaitJob(submit(update.getBytes(StandardCharsets.UTF_8), "text/csv", "")))
                .containsEntry("updated", 1);
        JsonApi.get("/api/v1/cities/" + luoyang)
                .body("population", equalTo(7100000))
                .body("localName", equalTo("洛阳"))
                .body("languages[0]", equalTo("zh"));
    }

    @Test
    void shouldTakeACityNamedTwiceInOneFileAsOneCityAndRefuseARetiredOne() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID retired = Fixtures.register(Fixtures.cityBody("Pompeii " + tag, "IT"));
        JsonApi.delete("/api/v1/cities/" + retired).statusCode(204);
        // the rows land in one chunk: the second finds the city the first registered, whatever its case
        String csv = HEADER
                + "Kaifeng " + tag + ",开封,CN,4824016,,,zh,culture/MUTUAL/SISTER_CITY;culture/MUTUAL/SISTER_CITY\n"
                + "KAIFENG " + tag + ",,cn,5000000,,,,heritage-protection/OFFER/THEMATIC_PARTNERSHIP\n"
                + "pompeii " + tag + ",,IT,25000,,,,\n";

        Map<String, Object> result = JsonApi.awaitJob(submit(csv.getBytes(StandardCharsets.UTF_8), "text/csv", ""));

        assertThat(result)
                .containsEntry("created", 1)
                .containsEntry("updated", 1)
                .containsEntry("rejected", 1);
        assertThat(JsonPath.from(toJson(result)).getList("rejections.line")).containsExactly(4);
        assertThat(JsonPath.from(toJson(result)).getList("rejections.problem"))
                .containsExactly("this city is retired and can no longer change");
        UUID kaifeng = idOf("Kaifeng " + tag);
        JsonApi.get("/api/v1/cities/" + kaifeng)
                .body("name", equalTo("Kaifeng " + tag))
                .body("localName", equalTo("开封"))
                .body("population", equalTo(5000000));
        JsonApi.get("/api/v1/cities/" + kaifeng + "/interests").body("totalItems", equalTo(2));
        try (TestEvents events = new TestEvents(mapper)) {
            assertThat(events.read(Topics.CITY_EVENTS, kaifeng, EventType.CITY_REGISTERED, 1, Duration.ofSeconds(30)))
                    .hasSize(1);
            assertThat(events.read(Topics.CITY_EVENTS, kaifeng, EventType.CITY_UPDATED, 1, Duration.ofSeconds(30)))
                    .hasSize(1);
            assertThat(events.read(
                            Topics.CITY_EVENTS, kaifeng, EventType.INTEREST_EXPRESSED, 2, Duration.ofSeconds(30)))
                    .hasSize(2);
        }
        JsonApi.get("/api/v1/cities/" + retired).body("population", equalTo(7_056_700)); // unchanged
    }

    @Test
    void shouldFindACityAgainWhoseNameJavaLowerCasesUnlikeTheDatabase() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        // Java lower-cases İ to i and a combining dot, and a final Σ to ς; PostgreSQL, as the unique index, does not
        String csv = HEADER
                + "İzmir " + tag + ",,TR,2938546,38.42,27.14,tr,culture/MUTUAL/SISTER_CITY\n"
                + "ΑΓΙΟΣ " + tag + ",,GR,1000,,,el,culture/MUTUAL/SISTER_CITY\n";
        assertThat(JsonApi.awaitJob(submit(csv.getBytes(StandardCharsets.UTF_8), "text/csv", "")))
                .containsEntry("created", 2);

        Map<String, Object> again = JsonApi.awaitJob(submit(csv.getBytes(StandardCharsets.UTF_8), "text/csv", ""));

        assertThat(again)
                .containsEntry("unchanged", 2)
                .containsEntry("created", 0)
                .containsEntry("rejected", 0);
        JsonApi.get("/api/v1/cities", Map.of("q", "zmir " + tag)).body("totalItems", equalTo(1));

        // two spellings of one name in one file, as the index takes them: one city, announced once
        String twice = HEADER
                + "İstanbul " + tag + ",,TR,15000000,,,tr,culture/MUTUAL/SISTER_CITY\n"
                + "istanbul " + tag + ",,TR,15000000,,,tr,culture/MUTUAL/SISTER_CITY\n";
        assertThat(JsonApi.awaitJob(submit(twice.getBytes(StandardCharsets.UTF_8), "text/csv", "?dryRun=true")))
                .containsEntry("created", 1)
                .containsEntry("unchanged", 1);
        assertThat(JsonApi.awaitJob(submit(twice.getBytes(StandardCharsets.UTF_8), "text/csv", "")))
                .containsEntry("created", 1)
                .containsEntry("unchanged", 1) // the name as first registered stays, as for any other spelling
                .containsEntry("rejected", 0);
        UUID istanbul = UUID.fromString(JsonApi.get("/api/v1/cities", Map.of("q", "stanbul " + tag))
                .body("totalItems", equalTo(1))
                .body("items[0].name", equalTo("İstanbul " + tag))
                .extract()
                .path("items[0].id"));
        try (TestEvents events = new TestEvents(mapper)) {
            assertThat(TestEvents.headerOfEach(
                            events.read(Topics.CITY_EVENTS, TestEvents.keyed(istanbul), 2, Duration.ofSeconds(30)),
                            CloudEventHeaders.H_TYPE))
                    .containsExactly(EventType.CITY_REGISTERED.ceType(), EventType.INTEREST_EXPRESSED.ceType());
        }
    }

    @Test
    void shouldFindACityAnotherRequestRegisteredWhileTheImportWroteIt() throws Exception {
        String name = "Racing " + UUID.randomUUID().toString().substring(0, 8);
        CountDownLatch registered = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            // another request registers the city and holds its name in the unique index until it commits
            Future<?> request =
                    other.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                        cities.register(new CityCommand(name, null, "PE", 1_000L, null, null, null, null, null, null));
                        registered.countDown();
                        await(commit);
                    }));
            assertThat(registered.await(30, TimeUnit.SECONDS)).isTrue();
            String job = submit((HEADER + name + ",,PE,1000,,,,\n").getBytes(StandardCharsets.UTF_8), "text/csv", "");
            // the import did not see the city and writes it: its insert waits for the other transaction
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(this::waitingForALock);
            commit.countDown();
            request.get(30, TimeUnit.SECONDS);

            // the chunk's batch failed; its row, tried alone, finds the city the other request registered
            assertThat(JsonApi.awaitJob(job))
                    .containsEntry("created", 0)
                    .containsEntry("unchanged", 1)
                    .containsEntry("rejected", 0);
            JsonApi.get("/api/v1/cities", Map.of("q", name)).body("totalItems", equalTo(1));
        } finally {
            commit.countDown();
            other.shutdownNow();
        }
    }

    private boolean waitingForALock() throws Exception {
        try (Connection connection = dataSource.getConnection();
                ResultSet waiting = connection
                        .createStatement()
                        .executeQuery("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                                + " and query like 'insert into city %'")) {
            waiting.next();
            return waiting.getLong(1) > 0;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldSayInADryRunWhatTheImportDoesWithACityNamedAgainAndAgain() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String csv = HEADER
                + "Xian " + tag + ",西安,CN,12000000,,,zh,culture/MUTUAL/SISTER_CITY\n"
                + "Xian " + tag + ",西安,CN,12000000,,,zh,culture/MUTUAL/SISTER_CITY\n" // the same again: unchanged
                + "XIAN " + tag + ",,CN,12950000,,,,\n" // a new population: updated
                + "Xian " + tag + ",,cn,,,,,culture/MUTUAL/SISTER_CITY\n" // nothing new: unchanged
                + "Xian " + tag + ",,CN,12000000,,,,\n"; // back to the first population: updated
        byte[] file = csv.getBytes(StandardCharsets.UTF_8);

        Map<String, Object> foreseen = JsonApi.awaitJob(submit(file, "text/csv", "?dryRun=true"));

        assertThat(foreseen)
                .containsEntry("created", 1)
                .containsEntry("unchanged", 2)
                .containsEntry("updated", 2)
                .containsEntry("written", false);
        JsonApi.get("/api/v1/cities", Map.of("q", "Xian " + tag)).body("totalItems", equalTo(0));
        assertThat(JsonApi.awaitJob(submit(file, "text/csv", "")))
                .containsEntry("created", 1)
                .containsEntry("unchanged", 2)
                .containsEntry("updated", 2)
                .containsEntry("written", true);
        JsonApi.get("/api/v1/cities/" + idOf("Xian " + tag)).body("population", equalTo(12000000));
    }

    @Test
    void shouldSayInADryRunWhatTheImportDoesWithACityNamedAgainInALaterChunkOrWithAnotherNote() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String xian = "{\"name\": \"Xian " + tag + "\", \"country\": \"CN\", \"interests\": [{\"area\": \"culture\","
                + " \"stance\": \"MUTUAL\", \"intent\": \"SISTER_CITY\", \"note\": \"%s\"}]}\n";
        StringBuilder ndjson = new StringBuilder(String.format(xian, "Silk Road heritage"));
        // the city named again only in the next chunk of rows: a dry run remembers it across chunks
        for (int i = 0; i < Importer.CHUNK; i++) {
            ndjson.append("{\"name\": \"Town ")
                    .append(i)
                    .append(' ')
                    .append(tag)
                    .append("\", \"country\": \"BR\"}\n");
        }
        ndjson.append(String.format(xian, "Silk Road heritage")) // the same again: unchanged
                .append(String.format(xian, "Silk Road heritage and crafts")); // only the note changes: updated
        byte[] file = ndjson.toString().getBytes(StandardCharsets.UTF_8);

        Map<String, Object> foreseen = JsonApi.awaitJob(submit(file, "application/x-ndjson", "?dryRun=true"));
        JsonApi.get("/api/v1/cities", Map.of("q", tag)).body("totalItems", equalTo(0));
        Map<String, Object> done = JsonApi.awaitJob(submit(file, "application/x-ndjson", ""));

        for (Map<String, Object> result : List.of(foreseen, done)) {
            assertThat(result)
                    .containsEntry("created", Importer.CHUNK + 1)
                    .containsEntry("unchanged", 1)
                    .containsEntry("updated", 1)
                    .containsEntry("rejected", 0);
        }
        JsonApi.get("/api/v1/cities/" + idOf("Xian " + tag) + "/interests")
                .body("totalItems", equalTo(1))
                .body("items[0].note", equalTo("Silk Road heritage and crafts"));
    }

    @Test
    void shouldLeaveACityAsTheFilesLaterRowSaysWhenTwoChunksNameIt() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < Importer.CHUNK - 1; i++) {
            csv.append("Town ").append(i).append(' ').append(tag).append(",,BR,,,,,\n");
        }
        // the last row of the first chunk, then the first of the second: two chunks are written at once, and
        // the second would come to this city long before the first does
        csv.append("Xian ").append(tag).append(",,CN,12000000,,,,\n");
        csv.append("Xian ").append(tag).append(",,cn,12950000,,,,\n");
        for (int i = 0; i < 10; i++) {
            csv.append("Village ").append(i).append(' ').append(tag).append(",,BR,,,,,\n");
        }

        Map<String, Object> result =
                JsonApi.awaitJob(submit(csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv", ""));

        assertThat(result)
                .containsEntry("created", Importer.CHUNK + 10)
                .containsEntry("updated", 1)
                .containsEntry("rejected", 0);
        JsonApi.get("/api/v1/cities/" + idOf("Xian " + tag)).body("population", equalTo(12950000));
    }

    @Test
    void shouldFindEveryCityOfALargeAtomicImportAgain() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 1_500; i++) { // an atomic import is one chunk: its cities are looked up 1,000 at a time
            csv.append("Town ")
                    .append(i)
                    .append(' ')
                    .append(tag)
                    .append(",,BR,")
                    .append(1_000 + i)
                    .append(",,,,culture/MUTUAL/SISTER_CITY\n");
        }
        // a later row finds a city written before it, and states one more interest
        csv.append("town 3 ").append(tag).append(",,BR,,,,,tourism/OFFER/THEMATIC_PARTNERSHIP\n");
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);

        assertThat(JsonApi.awaitJob(submit(file, "text/csv", "?atomic=true")))
                .containsEntry("created", 1_500)
                .containsEntry("updated", 1);
        assertThat(JsonApi.awaitJob(submit(file, "text/csv", "?atomic=true")))
                .containsEntry("created", 0)
                .containsEntry("unchanged", 1_501);
        UUID town3 = idOf("Town 3 " + tag);
        JsonApi.get("/api/v1/cities/" + town3).body("population", equalTo(1_003));
        JsonApi.get("/api/v1/cities/" + town3 + "/interests").body("totalItems", equalTo(2));
        JsonApi.get("/api/v1/cities/" + idOf("Town 1499 " + tag) + "/interests").body("totalItems", equalTo(1));
    }

    @Test
    void shouldImportNdjsonAsTheSingleRequestsTakeItAndWriteNothingOfABadAtomicFile() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> city = Fixtures.cityBody("Xi'an " + tag, "CN");
        city.put(
                "interests",
                List.of(Map.of(
                        "area", "culture",
                        "stance", "MUTUAL",
                        "intent", "SISTER_CITY",
                        "preferences", Map.of("regions", List.of("Latin America and the Caribbean")))));
        String good = mapper.writeValueAsString(city) + "\n";
        String bad = good.replace("Xi'an", "Kaifeng") + "{\"name\": \"Broken " + tag
                + "\", \"country\": \"CN\", \"mayor\": \"x\"}\n";

        JsonPath atomic = JsonApi.awaitJobEnd(
                submit(bad.getBytes(StandardCharsets.UTF_8), "application/x-ndjson", "?atomic=true"));
        assertThat(atomic.getString("state")).isEqualTo("FAILED");
        assertThat(atomic.getList("result.rejections.field")).containsExactly("mayor");
        JsonApi.get("/api/v1/cities", Map.of("q", "Kaifeng " + tag)).body("totalItems", equalTo(0));

        assertThat(JsonApi.awaitJob(submit(good.getBytes(StandardCharsets.UTF_8), "application/x-ndjson", "")))
                .containsEntry("created", 1);
        UUID xian = idOf("Xi'an " + tag);
        JsonApi.get("/api/v1/cities/" + xian + "/interests")
                .body("items[0].preferences.regions[0]", equalTo("Latin America and the Caribbean"));
        JsonApi.get("/api/v1/cities/" + xian).body("officials[0].name", equalTo("Bai Zhibin"));
    }

    @Test
    void shouldRefuseAFileItCannotReadAsOneProblem() {
        given().contentType("text/csv")
                .body("name,population\n")
                .post("/api/v1/cities/imports")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("missing column(s) country"));
        given().contentType("application/xml")
                .body("<cities/>")
                .post("/api/v1/cities/imports")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "officer", roles = Roles.CITY_OFFICER)
    void shouldLetOnlyProgrammeStaffImport() {
        given().contentType("text/csv")
                .body(HEADER)
                .post("/api/v1/cities/imports")
                .then()
                .statusCode(403);
    }

    @Test
    void shouldFailAJobWhoseInstanceStoppedBeating() {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            Job job = new Job();
            job.id = id;
            job.kind = "city-import";
            job.state = Job.State.RUNNING;
            job.requestedBy = "admin";
            job.createdAt = Instant.now().minus(Duration.ofMinutes(10));
            job.updatedAt = Instant.now().minus(Duration.ofMinutes(3));
            job.persist();
        });
        jobs.beat();
        given().get("/api/v1/jobs/" + id)
                .then()
                .statusCode(200)
                .body("state", equalTo("FAILED"))
                .body("error", containsString("the instance running it stopped"));
    }

    private String toJson(Map<String, Object> value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
