package org.citybridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.SurveyResponseRecorded;
import org.citybridge.contracts.events.Topics;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.infra.PostgresServer;
import org.citybridge.launcher.Platform;
import org.citybridge.launcher.http.ApiClient;
import org.citybridge.launcher.seed.DemoStoryLoader;
import org.citybridge.launcher.seed.HttpCityDirectory;
import org.citybridge.launcher.seed.SeedContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The demo story ({@link DemoStoryLoader}) through the public APIs of the running platform, with a real
 * platform-admin token. The launcher's seed told it when the platform started (from empty databases);
 * telling it again here finds everything, returns the same ids and creates nothing. Cities are looked
 * up in cities-service, where the launcher registered them (the directory's own rules are covered by
 * {@code HttpCityDirectoryTest} in platform-launcher).
 */
class DemoStoryE2ETest {

    /** The fixed ids of two of the seven clusters created by clusters-service's migration. */
    private static final UUID TOURISM_HERITAGE_CREATIVE_ECONOMY =
            UUID.fromString("5c1a0001-0000-4000-8000-000000000002");

    private static final UUID RENEWABLE_ENERGY = UUID.fromString("5c1a0001-0000-4000-8000-000000000007");

    private static final ObjectMapper EVENTS_JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private static Platform platform;
    private static SeedContext seed;
    private static ApiClient api;
    private static ApiClient citiesApi;

    @BeforeAll
    static void platform() {
        platform = E2E.platform();
        seed = E2E.seed();
        String adminToken = seed.adminToken();
        api = seed.api().at(URI.create(seed.clustersUrl())).as(adminToken);
        citiesApi = seed.api().at(URI.create(seed.citiesUrl())).as(adminToken);
    }

    @Test
    void shouldTellTheArticlesStoryThroughThePublicApiAndCreateNothingOnASecondRun() {
        Map<String, UUID> registered = storyCitiesOfTheSeed();
        assertThat(registered).containsKeys("Mexico City|MX", "Luoyang|CN", "Puebla|MX", "Guanajuato|MX", "Xi'an|CN");
        UUID mexicoCity = registered.get("Mexico City|MX");
        UUID luoyang = registered.get("Luoyang|CN");
        DemoStoryLoader loader = new DemoStoryLoader(api, new HttpCityDirectory(citiesApi), Duration.ofSeconds(30));

        DemoStoryLoader.Result first = loader.load();

        assertThat(first.organisations())
                .containsOnlyKeys(DemoStoryLoader.UNOSSC, DemoStoryLoader.UNESCO_MEXICO, DemoStoryLoader.MWHCA);
        UUID unossc = first.organisations().get(DemoStoryLoader.UNOSSC);
        assertThat(api.getOk("/api/v1/organisations/" + first.organisations().get(DemoStoryLoader.MWHCA), Map.of())
                        .path("kind")
                        .asText())
                .isEqualTo("ASSOCIATION");

        JsonNode course = api.getOk("/api/v1/exchanges/" + first.courseId(), Map.of());
        assertThat(course.path("title").asText()).isEqualTo(DemoStoryLoader.COURSE_TITLE);
        assertThat(course.path("format").asText()).isEqualTo("STUDY_COURSE");
        assertThat(course.path("status").asText()).isEqualTo("HELD");
        assertThat(course.path("startDate").asText()).isEqualTo("2020-12-08");
        assertThat(course.path("endDate").asText()).isEqualTo("2020-12-09");
        assertThat(course.path("clusterId").asText()).isEqualTo(TOURISM_HERITAGE_CREATIVE_ECONOMY.toString());
        assertThat(ids(course.path("participantCityIds"))).containsExactlyInAnyOrderElementsOf(registered.values());
        assertThat(ids(course.path("facilitatorIds"))).containsExactly(unossc);
        assertThat(course.path("outcomeNotes").asText()).contains("illustrative");

        JsonNode answers =
                api.getOk("/api/v1/exchanges/" + first.courseId() + "/survey-responses", Map.of("size", "100"));
        assertThat(answers.path("totalItems").asInt()).isEqualTo(registered.size());
        for (JsonNode answer : answers.path("items")) {
            assertThat(answer.path("wantsPartnership").asBoolean()).isTrue();
            assertThat(answer.path("rating").asInt()).isGreaterThanOrEqualTo(4);
            assertThat(answer.path("interests").size()).isGreaterThan(0);
        }

        JsonNode conference = api.getOk("/api/v1/exchanges/" + first.videoConferenceId(), Map.of());
        assertThat(conference.path("format").asText()).isEqualTo("VIDEO_CONFERENCE");
        assertThat(conference.path("status").asText()).isEqualTo("HELD");
        assertThat(conference.path("startDate").asText()).isEqualTo("2022-02-22");
        assertThat(conference.path("clusterId").asText()).isEqualTo(RENEWABLE_ENERGY.toString());
        assertThat(ids(conference.path("participantCityIds"))).containsExactlyInAnyOrder(mexicoCity, luoyang);

        JsonNode renewableMembers =
                api.getOk("/api/v1/clusters/" + RENEWABLE_ENERGY + "/members", Map.of("size", "100"));
        assertThat(ids(renewableMembers.path("items"), "memberId")).contains(mexicoCity, luoyang, unossc);
        JsonNode tourismMembers =
                api.getOk("/api/v1/clusters/" + TOURISM_HERITAGE_CREATIVE_ECONOMY + "/members", Map.of("size", "100"));
        assertThat(ids(tourismMembers.path("items"), "memberId"))
                .containsAll(registered.values())
                .contains(
                        unossc,
                        first.organisations().get(DemoStoryLoader.UNESCO_MEXICO),
                        first.organisations().get(DemoStoryLoader.MWHCA));

        JsonNode history = api.getOk("/api/v1/cities/" + luoyang + "/exchanges", Map.of());
        assertThat(ids(history.path("items"), "id")).containsExactly(first.videoConferenceId(), first.courseId());

        // Luoyang's answer after the video conference reaches cities-service as sister-city interests in Latin America
        EventLog events = new EventLog(platform.kafkaAdminConfig());
        SurveyResponseRecorded luoyangAnswer =
                clusterEvents(events, first.videoConferenceId(), EventType.SURVEY_RESPONSE_RECORDED, 2).stream()
                        .map(e -> payload(e, SurveyResponseRecorded.class))
                        .filter(r -> r.cityId().equals(luoyang))
                        .findFirst()
                        .orElseThrow();
        assertThat(luoyangAnswer.interests())
                .extracting(i -> i.area().code())
                .containsExactlyInAnyOrder("trade", "technology", "education", "tourism");
        assertThat(luoyangAnswer.interests())
                .allMatch(i -> i.intent() == Intent.SISTER_CITY
                        && i.preferences().regions().contains("Latin America and the Caribbean"));
        assertThat(clusterEvents(events, first.courseId(), EventType.EXCHANGE_HELD, 1))
                .hasSize(1);

        DemoStoryLoader.Result second = loader.load();
        assertThat(second.created()).isZero();
        assertThat(second.courseId()).isEqualTo(first.courseId());
        assertThat(second.videoConferenceId()).isEqualTo(first.videoConferenceId());
        assertThat(second.organisations()).isEqualTo(first.organisations());
        assertThat(exchangesTitled(DemoStoryLoader.COURSE_TITLE)).isEqualTo(1);
        assertThat(api.getOk("/api/v1/exchanges/" + first.courseId() + "/survey-responses", Map.of())
                        .path("totalItems")
                        .asInt())
                .isEqualTo(registered.size());
    }

    @Test
    void shouldRefuseToInventMexicoCityOrLuoyang() {
        DemoStoryLoader loader = new DemoStoryLoader(api, (name, country) -> Optional.empty(), Duration.ofSeconds(1));
        assertThrows(IllegalStateException.class, loader::load);
    }

    /** The story's cities (Mexican World Heritage cities, Luoyang and Chinese counterparts) the launcher registered. */
    private static Map<String, UUID> storyCitiesOfTheSeed() {
        Map<String, UUID> cities = new LinkedHashMap<>();
        DemoStoryLoader.MEXICAN_CITIES.forEach(name ->
                seed.cityId(name, "MX").ifPresent(id -> cities.put(SeedContext.cityKey(name, "MX"), id)));
        DemoStoryLoader.CHINESE_CITIES.forEach(name ->
                seed.cityId(name, "CN").ifPresent(id -> cities.put(SeedContext.cityKey(name, "CN"), id)));
        return cities;
    }

    /** The aggregate's events of that type on cluster-events, once at least {@code count} have arrived. */
    private static List<EventLog.Event> clusterEvents(EventLog events, UUID aggregateId, EventType type, int count) {
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> events.readAll(Topics.CLUSTER_EVENTS).stream()
                                .filter(e -> aggregateId.toString().equals(e.key())
                                        && type.ceType().equals(e.type()))
                                .toList(),
                        found -> found.size() >= count);
    }

    private static <T> T payload(EventLog.Event event, Class<T> type) {
        try {
            return EVENTS_JSON.readValue(event.value(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Exchanges with that title in clusters-service's database, whatever their status. */
    private static long exchangesTitled(String title) {
        String url = platform.postgres().jdbcUrl("clusters");
        PostgresServer.Credentials superuser = platform.postgres().superuser();
        try (Connection db = DriverManager.getConnection(url, superuser.user(), superuser.password());
                PreparedStatement count = db.prepareStatement("select count(*) from exchange where title = ?")) {
            count.setString(1, title);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count exchanges in " + url, e);
        }
    }

    private static List<UUID> ids(JsonNode array) {
        List<UUID> ids = new ArrayList<>();
        array.forEach(n -> ids.add(UUID.fromString(n.asText())));
        return ids;
    }

    private static List<UUID> ids(JsonNode items, String field) {
        List<UUID> ids = new ArrayList<>();
        items.forEach(n -> ids.add(UUID.fromString(n.path(field).asText())));
        return ids;
    }
}
