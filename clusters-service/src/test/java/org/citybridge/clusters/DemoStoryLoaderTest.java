package org.citybridge.clusters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.citybridge.clusters.domain.SeedClusters;
import org.citybridge.clusters.seed.ApiClient;
import org.citybridge.clusters.seed.CityDirectory;
import org.citybridge.clusters.seed.DemoStoryLoader;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.SurveyResponseRecorded;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.kit.security.Roles;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo story through the public API. Cities come from a directory over cities registered via
 * city-events in this test (cities-service's own API is exercised by HttpCityDirectoryTest).
 */
@QuarkusTest
class DemoStoryLoaderTest {

    @Inject
    TestSupport support;

    @TestHTTPResource("/")
    URI base;

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldTellTheArticlesStoryThroughThePublicApiAndCreateNothingOnASecondRun() {
        Map<String, UUID> registered = new HashMap<>();
        for (String[] city : new String[][]{{"Mexico City", "MX"}, {"Luoyang", "CN"}, {"Puebla", "MX"},
                {"Guanajuato", "MX"}, {"Xi'an", "CN"}}) {
            registered.put(city[0] + "|" + city[1], support.registerCity(city[0], city[1]));
        }
        UUID mexicoCity = registered.get("Mexico City|MX");
        UUID luoyang = registered.get("Luoyang|CN");
        CityDirectory directory = (name, country) -> Optional.ofNullable(registered.get(name + "|" + country));
        ApiClient api = new ApiClient(base, () -> null, new ObjectMapper());
        DemoStoryLoader loader = new DemoStoryLoader(api, directory, Duration.ofSeconds(30));

        DemoStoryLoader.Result first = loader.load();

        assertThat(first.organisations()).containsOnlyKeys(DemoStoryLoader.UNOSSC, DemoStoryLoader.UNESCO_MEXICO,
                DemoStoryLoader.MWHCA);
        UUID unossc = first.organisations().get(DemoStoryLoader.UNOSSC);
        assertThat(api.getOk("/api/v1/organisations/" + first.organisations().get(DemoStoryLoader.MWHCA), Map.of())
                .path("kind").asText()).isEqualTo("ASSOCIATION");

        JsonNode course = api.getOk("/api/v1/exchanges/" + first.courseId(), Map.of());
        assertThat(course.path("title").asText()).isEqualTo(DemoStoryLoader.COURSE_TITLE);
        assertThat(course.path("format").asText()).isEqualTo("STUDY_COURSE");
        assertThat(course.path("status").asText()).isEqualTo("HELD");
        assertThat(course.path("startDate").asText()).isEqualTo("2020-12-08");
        assertThat(course.path("endDate").asText()).isEqualTo("2020-12-09");
        assertThat(course.path("clusterId").asText()).isEqualTo(SeedClusters.TOURISM_HERITAGE_CREATIVE_ECONOMY.toString());
        assertThat(ids(course.path("participantCityIds"))).containsExactlyInAnyOrderElementsOf(registered.values());
        assertThat(ids(course.path("facilitatorIds"))).containsExactly(unossc);
        assertThat(course.path("outcomeNotes").asText()).contains("illustrative");

        JsonNode answers = api.getOk("/api/v1/exchanges/" + first.courseId() + "/survey-responses", Map.of("size", "100"));
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
        assertThat(conference.path("clusterId").asText()).isEqualTo(SeedClusters.RENEWABLE_ENERGY.toString());
        assertThat(ids(conference.path("participantCityIds"))).containsExactlyInAnyOrder(mexicoCity, luoyang);

        JsonNode renewableMembers = api.getOk("/api/v1/clusters/" + SeedClusters.RENEWABLE_ENERGY + "/members",
                Map.of("size", "100"));
        assertThat(ids(renewableMembers.path("items"), "memberId")).contains(mexicoCity, luoyang, unossc);
        JsonNode tourismMembers = api.getOk("/api/v1/clusters/" + SeedClusters.TOURISM_HERITAGE_CREATIVE_ECONOMY + "/members",
                Map.of("size", "100"));
        assertThat(ids(tourismMembers.path("items"), "memberId")).containsAll(registered.values())
                .contains(unossc, first.organisations().get(DemoStoryLoader.UNESCO_MEXICO), first.organisations().get(DemoStoryLoader.MWHCA));

        JsonNode history = api.getOk("/api/v1/cities/" + luoyang + "/exchanges", Map.of());
        assertThat(ids(history.path("items"), "id")).containsExactly(first.videoConferenceId(), first.courseId());

        // Luoyang's answer after the video conference reaches cities-service as sister-city interests in Latin America
        SurveyResponseRecorded luoyangAnswer = support.clusterEvents(first.videoConferenceId(),
                        EventType.SURVEY_RESPONSE_RECORDED, 2).stream()
                .map(r -> support.events().payload(r, SurveyResponseRecorded.class))
                .filter(r -> r.cityId().equals(luoyang)).findFirst().orElseThrow();
        assertThat(luoyangAnswer.interests()).extracting(i -> i.area().code())
                .containsExactlyInAnyOrder("trade", "technology", "education", "tourism");
        assertThat(luoyangAnswer.interests()).allMatch(i -> i.intent() == Intent.SISTER_CITY
                && i.preferences().regions().contains("Latin America and the Caribbean"));
        assertThat(support.clusterEvents(first.courseId(), EventType.EXCHANGE_HELD, 1)).hasSize(1);

        DemoStoryLoader.Result second = loader.load();
        assertThat(second.created()).isZero();
        assertThat(second.courseId()).isEqualTo(first.courseId());
        assertThat(second.videoConferenceId()).isEqualTo(first.videoConferenceId());
        assertThat(second.organisations()).isEqualTo(first.organisations());
        assertThat(support.exchangesTitled(DemoStoryLoader.COURSE_TITLE)).isEqualTo(1);
        assertThat(api.getOk("/api/v1/exchanges/" + first.courseId() + "/survey-responses", Map.of())
                .path("totalItems").asInt()).isEqualTo(registered.size());
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldRefuseToInventMexicoCityOrLuoyang() {
        ApiClient api = new ApiClient(base, () -> null, new ObjectMapper());
        DemoStoryLoader loader = new DemoStoryLoader(api, (name, country) -> Optional.empty(), Duration.ofSeconds(1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, loader::load);
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
