package org.citybridge.matchmaking;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.PairIds;
import org.citybridge.contracts.events.ProposalCreated;
import org.citybridge.contracts.events.Topics;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.citybridge.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.citybridge.matchmaking.SeedStory.LUOYANG;
import static org.citybridge.matchmaking.SeedStory.MEXICO_CITY;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

/** The seed story, through the real broker and database: Mexico City and Luoyang find each other, for the right reasons. */
@QuarkusTest
class SeedStoryTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void shouldProposeMexicoCityAndLuoyangToEachOtherAsSisterCitiesWithTheStorysReasons() {
        try (TestEvents events = new TestEvents(mapper)) {
            Scenario.publishAll(events, SeedStory.cityEvents());
            Scenario.publishAll(events, SeedStory.clusterEvents());

            UUID pairId = PairIds.of(MEXICO_CITY, LUOYANG, ProposalKind.SISTER_CITY, null);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(rankOf(Scenario.cityProposals(MEXICO_CITY), LUOYANG)).isBetween(1, 3);
                assertThat(rankOf(Scenario.cityProposals(LUOYANG), MEXICO_CITY)).isBetween(1, 3);
                Map<String, Object> proposal = Scenario.awaitOpenProposal(MEXICO_CITY, LUOYANG);
                List<Map<String, Object>> reasons = reasons(proposal);
                // both exchanges have been applied (the video conference is the story's last event)
                assertThat(reasons)
                        .filteredOn(r -> "exchange-together".equals(r.get("code")))
                        .hasSize(2);
            });

            Map<String, Object> proposal = Scenario.awaitOpenProposal(MEXICO_CITY, LUOYANG);
            assertThat(proposal.get("id")).isEqualTo(pairId.toString());
            assertThat(proposal.get("kind")).isEqualTo("SISTER_CITY");
            assertThat(proposal.get("status")).isEqualTo("PROPOSED");
            List<Map<String, Object>> reasons = reasons(proposal);
            List<String> texts =
                    reasons.stream().map(r -> (String) r.get("text")).toList();
            assertThat(reasons.get(0).get("code")).isEqualTo("complementary-interest");
            assertThat(texts)
                    .contains(
                            "Mexico City seeks economic development, which Luoyang offers",
                            "Mexico City seeks social integration, which Luoyang offers",
                            "Mexico City seeks culture, which Luoyang offers",
                            "Luoyang seeks education, which Mexico City offers",
                            "Luoyang looks for partners in Latin America and the Caribbean, where Mexico City is",
                            "Both took part in \"Promoting Inclusive and Sustainable Tourism Development\" (2020-12-08)",
                            "Both took part in \"Mexico City – Luoyang friendly exchange\" (2022-02-22)",
                            "Both cities are in developing economies (South-South cooperation)");
            assertThat(reasons)
                    .extracting(r -> r.get("code"))
                    .contains("shared-interest", "shared-cluster", "survey-partnership-wish", "heritage", "scale");
            double sum = reasons.stream()
                    .mapToDouble(r -> ((Number) r.get("contribution")).doubleValue())
                    .sum();
            assertThat(((Number) proposal.get("score")).doubleValue())
                    .isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-6));

            List<ConsumerRecord<String, String>> created = events.read(
                    Topics.MATCHMAKING_EVENTS, pairId, EventType.PROPOSAL_CREATED, 1, Duration.ofSeconds(30));
            assertThat(created).isNotEmpty();
            ProposalCreated event = events.payload(created.get(0), ProposalCreated.class);
            assertThat(event.kind()).isEqualTo(ProposalKind.SISTER_CITY);
            assertThat(event.reasons()).isNotEmpty();
            assertThat(event.reasons())
                    .as("events keep English, with the params a partner can render them from")
                    .anySatisfy(r -> {
                        assertThat(r.text()).isEqualTo("Mexico City seeks culture, which Luoyang offers");
                        assertThat(r.params())
                                .containsEntry("seeker", "Mexico City")
                                .containsEntry("area", "CULTURE")
                                .containsEntry("offerer", "Luoyang");
                    });

            shouldTellTheStorysReasonsInSpanishAndChinese(pairId);
        }
    }

    private static void shouldTellTheStorysReasonsInSpanishAndChinese(UUID pairId) {
        String english = RestAssured.given()
                .get("/api/v1/proposals/{id}", pairId)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        // a copy cached in English is no answer to a Spanish request
        String spanishTag = RestAssured.given()
                .header("Accept-Language", "es")
                .header("If-None-Match", english)
                .get("/api/v1/proposals/{id}", pairId)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        assertThat(spanishTag).isNotEqualTo(english).endsWith("-es\"");
        RestAssured.given()
                .header("Accept-Language", "es")
                .header("If-None-Match", spanishTag)
                .get("/api/v1/proposals/{id}", pairId)
                .then()
                .statusCode(304);

        var spanish = RestAssured.given()
                .header("Accept-Language", "es-MX,es;q=0.9,en;q=0.5")
                .get("/api/v1/proposals/{id}", pairId)
                .then()
                .statusCode(200)
                .header("Content-Language", "es")
                .header("Vary", containsString("Accept-Language"))
                .extract()
                .jsonPath();
        assertThat(spanish.getList("reasons.text", String.class))
                .contains(
                        "Mexico City busca desarrollo económico, que Luoyang ofrece",
                        "Luoyang busca socios en América Latina y el Caribe, donde está Mexico City",
                        "Ambas participaron en «Mexico City – Luoyang friendly exchange» (2022-02-22)",
                        "Ambas ciudades están en economías en desarrollo (cooperación Sur-Sur)");
        assertThat(spanish.getList("reasons.code", String.class)).contains("complementary-interest", "heritage");

        var chinese = RestAssured.given()
                .header("Accept-Language", "zh-CN")
                .get("/api/v1/cities/{id}/proposals", LUOYANG)
                .then()
                .statusCode(200)
                .header("Content-Language", "zh")
                .extract()
                .jsonPath();
        assertThat(chinese.getList(
                        "find { it.partnerCityId == '" + MEXICO_CITY + "' }.proposal.reasons.text", String.class))
                .contains("Mexico City寻求经济发展，而Luoyang可以提供", "两座城市都位于发展中经济体（南南合作）");

        RestAssured.given()
                .header("Accept-Language", "fr-FR, de;q=0.8")
                .get("/api/v1/proposals/{id}", pairId)
                .then()
                .statusCode(200)
                .header("Content-Language", "en")
                .body("reasons.text", hasItem("Mexico City seeks culture, which Luoyang offers"));
    }

    @Test
    void shouldNeverProposeASisterCityWithinOneCountry() {
        try (TestEvents events = new TestEvents(mapper)) {
            Scenario.publishAll(events, SeedStory.cityEvents());
            Scenario.publishAll(events, SeedStory.clusterEvents());
            Scenario.awaitOpenProposal(MEXICO_CITY, LUOYANG);
            for (UUID city : SeedStory.cities()) {
                List<Map<String, Object>> proposals =
                        Scenario.cityProposals(city).getList("proposal");
                for (Map<String, Object> proposal : proposals) {
                    if ("SISTER_CITY".equals(proposal.get("kind"))) {
                        String a = country((String) proposal.get("cityA"));
                        String b = country((String) proposal.get("cityB"));
                        assertThat(a).as("a sister city pair crosses a border").isNotEqualTo(b);
                    }
                }
            }
            // Mexico City and Puebla share interests, clusters and an exchange, but are both in Mexico
            JsonPath puebla = Scenario.cityProposals(SeedStory.PUEBLA);
            List<Map<String, Object>> withMexicoCity = puebla.<Map<String, Object>>getList("$").stream()
                    .filter(e -> MEXICO_CITY.toString().equals(e.get("partnerCityId")))
                    .toList();
            for (Map<String, Object> entry : withMexicoCity) {
                assertThat(((Map<?, ?>) entry.get("proposal")).get("kind")).isEqualTo("THEMATIC");
            }
        }
    }

    private static String country(String cityId) {
        UUID id = UUID.fromString(cityId);
        return SeedStory.cities().contains(id)
                        && List.of(MEXICO_CITY, SeedStory.PUEBLA, SeedStory.OAXACA)
                                .contains(id)
                ? "MX"
                : (SeedStory.cities().contains(id) ? "CN" : "other:" + cityId);
    }

    private static int rankOf(JsonPath ranking, UUID partner) {
        List<Map<String, Object>> entries = ranking.getList("$");
        for (Map<String, Object> entry : entries) {
            if (partner.toString().equals(entry.get("partnerCityId"))) {
                return ((Number) entry.get("rank")).intValue();
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> reasons(Map<String, Object> proposal) {
        return (List<Map<String, Object>>) proposal.get("reasons");
    }
}
