package org.citybridge.cities;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.citybridge.contracts.events.CloudEventHeaders;
import org.citybridge.contracts.events.EventSource;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.InterestExpressed;
import org.citybridge.contracts.events.PartnerPreferences;
import org.citybridge.contracts.events.PartnershipFormed;
import org.citybridge.contracts.events.StatedInterest;
import org.citybridge.contracts.events.SurveyResponseRecorded;
import org.citybridge.contracts.events.Topics;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.testing.JsonApi;
import org.citybridge.testing.TestEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

/** cities-service as a consumer: survey responses and partnerships, redelivered and poisoned. */
@QuarkusTest
class IncomingEventsTest {

    @Inject
    ObjectMapper mapper;

    TestEvents events;

    @BeforeEach
    void open() {
        events = new TestEvents(mapper);
    }

    @AfterEach
    void close() {
        events.close();
    }

    private static SurveyResponseRecorded survey(UUID exchange, UUID city, StatedInterest... interests) {
        return new SurveyResponseRecorded(
                UUID.randomUUID(), exchange, city, List.of(interests), true, 5, Instant.now());
    }

    private static StatedInterest stated(CooperationArea area, Stance stance) {
        return new StatedInterest(
                area, stance, Intent.THEMATIC_PARTNERSHIP, new PartnerPreferences(List.of("Eastern Asia"), List.of()));
    }

    private static int activeInterests(UUID city) {
        return JsonApi.get("/api/v1/cities/" + city + "/interests", Map.of("size", 100))
                .statusCode(200)
                .extract()
                .path("totalItems");
    }

    @Test
    void shouldTurnSurveyInterestsIntoCityInterestsAnnouncedWithTheirSource() {
        UUID city = Fixtures.ensureCity(UUID.randomUUID(), Fixtures.unique("Survey Puebla"), "MX");
        SurveyResponseRecorded response = survey(
                UUID.randomUUID(),
                city,
                stated(CooperationArea.TOURISM, Stance.SEEK),
                stated(CooperationArea.HERITAGE_PROTECTION, Stance.OFFER));
        events.publish(response);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> JsonApi.get("/api/v1/cities/" + city + "/interests")
                        .body("items.area", containsInAnyOrder("tourism", "heritage-protection"))
                        .body(
                                "items.source",
                                containsInAnyOrder(
                                        "survey:" + response.responseId(), "survey:" + response.responseId())));

        List<ConsumerRecord<String, String>> announced =
                events.read(Topics.CITY_EVENTS, city, EventType.INTEREST_EXPRESSED, 2, Duration.ofSeconds(30));
        assertThat(announced)
                .extracting(r -> events.payload(r, InterestExpressed.class).source())
                .containsOnly("survey:" + response.responseId());
    }

    @Test
    void shouldIgnoreARedeliveredSurveyResponse() {
        UUID city = Fixtures.ensureCity(UUID.randomUUID(), Fixtures.unique("Redelivery Oaxaca"), "MX");
        UUID exchange = UUID.randomUUID();
        SurveyResponseRecorded response = survey(exchange, city, stated(CooperationArea.CULTURE, Stance.MUTUAL));
        String eventId = events.publish(response);
        events.republish(response, eventId); // same event id: a redelivery
        events.publish(response); // same fact under a new id: still nothing new
        SurveyResponseRecorded marker = survey(exchange, city, stated(CooperationArea.TRADE, Stance.SEEK));
        events.publish(marker); // same key, so processed after the others

        await().atMost(Duration.ofSeconds(30)).until(() -> activeInterests(city) == 2);
        List<ConsumerRecord<String, String>> announced =
                events.read(Topics.CITY_EVENTS, city, EventType.INTEREST_EXPRESSED, 2, Duration.ofSeconds(30));
        assertThat(announced)
                .extracting(r -> events.payload(r, InterestExpressed.class).area())
                .containsExactly(CooperationArea.CULTURE, CooperationArea.TRADE);
    }

    @Test
    void shouldSkipSurveysOfUnknownCitiesAndKeepConsuming() {
        UUID exchange = UUID.randomUUID();
        events.publish(survey(exchange, UUID.randomUUID(), stated(CooperationArea.TOURISM, Stance.SEEK)));
        UUID city = Fixtures.ensureCity(UUID.randomUUID(), Fixtures.unique("After unknown"), "MX");
        events.publish(survey(exchange, city, stated(CooperationArea.TOURISM, Stance.SEEK)));
        await().atMost(Duration.ofSeconds(30)).until(() -> activeInterests(city) == 1);
    }

    @Test
    void shouldGiveBothCitiesTheirPartnerOnceEvenWhenRedelivered() {
        String family = Fixtures.unique("Partner");
        PartnershipFormed formed = newSisterCities(family, "Mexico City", "Luoyang", LocalDate.of(2022, 3, 1));
        UUID mexicoCity = formed.cityA();
        UUID luoyang = formed.cityB();
        String eventId = events.publish(formed);
        events.republish(formed, eventId);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Fixtures.get(mexicoCity).body("partners.cityId", containsInAnyOrder(luoyang.toString()));
            Fixtures.get(luoyang)
                    .body("partners.cityId", containsInAnyOrder(mexicoCity.toString()))
                    .body("partners[0].kind", equalTo("SISTER_CITY"))
                    .body("partners[0].formedOn", equalTo("2022-03-01"));
        });
        // announced as caused by the partnership, so consumers that keep no partners pass it over unread
        assertThat(events.read(Topics.CITY_EVENTS, luoyang, EventType.CITY_UPDATED, 1, Duration.ofSeconds(30)))
                .extracting(record -> TestEvents.header(record, CloudEventHeaders.H_CAUSE))
                .containsExactly(EventType.PARTNERSHIP_FORMED.ceType());
        // the redelivery is processed after the first delivery (same key): wait for a marker behind it
        UUID other = Fixtures.ensureCity(UUID.randomUUID(), family + " marker", "CN");
        events.publish(Fixtures.sisterCities(mexicoCity, other, LocalDate.of(2023, 1, 1)));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> Fixtures.get(other).body("partners.cityId", containsInAnyOrder(mexicoCity.toString())));
        Fixtures.get(luoyang).body("partners.size()", equalTo(1));

        // a page of cities carries each city's own partners, oldest first, as the single city does
        JsonApi.get("/api/v1/cities", Map.of("q", family, "size", 10))
                .statusCode(200)
                .body("totalItems", equalTo(3))
                .body(partnersInList(mexicoCity), contains(luoyang.toString(), other.toString()))
                .body(partnersInList(luoyang), contains(mexicoCity.toString()))
                .body(partnersInList(other), contains(mexicoCity.toString()));
    }

    /** The CloudEvents headers clusters-service sends with an event of this type. */
    private static Map<String, byte[]> clusterHeaders(String type) {
        return Map.of(
                CloudEventHeaders.H_SPECVERSION,
                bytes("1.0"),
                CloudEventHeaders.H_ID,
                bytes(UUID.randomUUID().toString()),
                CloudEventHeaders.H_TYPE,
                bytes(type),
                CloudEventHeaders.H_SOURCE,
                bytes("/citybridge/clusters-service"),
                CloudEventHeaders.H_TIME,
                bytes(Instant.now().toString()));
    }

    private static String partnersInList(UUID city) {
        return "items.find { it.id == '" + city + "' }.partners.cityId";
    }

    @Test
    void shouldSendAPoisonRecordToTheDeadLetterTopicAndKeepConsuming() {
        String poisonKey = UUID.randomUUID().toString();
        events.publish(
                Topics.CLUSTER_EVENTS,
                poisonKey,
                clusterHeaders(EventType.SURVEY_RESPONSE_RECORDED.ceType()),
                "{not json");
        String headerless = UUID.randomUUID().toString();
        events.publish(Topics.CLUSTER_EVENTS, headerless, Map.of(), "{}");
        String futureType = UUID.randomUUID().toString();
        events.publish(
                Topics.CLUSTER_EVENTS,
                futureType,
                clusterHeaders("org.citybridge.exchange.renamed.v9"),
                "{\"anything\": 1}");

        UUID city = Fixtures.ensureCity(UUID.randomUUID(), Fixtures.unique("After poison"), "MX");
        events.publish(survey(UUID.randomUUID(), city, stated(CooperationArea.AGRICULTURE, Stance.OFFER)));
        await().atMost(Duration.ofSeconds(30)).until(() -> activeInterests(city) == 1);

        List<ConsumerRecord<String, String>> dead = events.read(
                Topics.deadLetter("cities-service"),
                r -> poisonKey.equals(r.key()) || headerless.equals(r.key()),
                2,
                Duration.ofSeconds(30));
        assertThat(dead).hasSize(2);
        assertThat(events.read(
                        Topics.deadLetter("cities-service"), r -> futureType.equals(r.key()), 1, Duration.ofSeconds(2)))
                .as("an unknown event type is skipped, not dead-lettered")
                .isEmpty();
        assertThat(dead)
                .allSatisfy(r ->
                        assertThat(TestEvents.header(r, "dead-letter-reason")).isNotBlank());
        assertThat(dead)
                .filteredOn(r -> poisonKey.equals(r.key()))
                .first()
                .satisfies(r -> assertThat(r.value()).isEqualTo("{not json"));
        given().port(org.citybridge.testing.InfrastructureContract.managementPort())
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString("citybridge_events_dead_lettered_total"));
    }

    @Test
    void shouldDeadLetterAnUndecodablePartnershipAndStillApplyTheNextOneOfItsPair() {
        PartnershipFormed formed =
                newSisterCities(Fixtures.unique("Poisoned pair"), "Puebla", "Luoyang", LocalDate.of(2024, 5, 1));
        UUID puebla = formed.cityA();
        UUID luoyang = formed.cityB();
        UUID pair = formed.pairId();
        // both records are keyed by the pair, so on one partition: the later one applied proves the poison did not
        // block it
        events.publish(
                Topics.MATCHMAKING_EVENTS,
                pair.toString(),
                CloudEventHeaders.newEvent(EventType.PARTNERSHIP_FORMED, pair, Instant.now())
                        .toHeaders(),
                "not json at all");
        events.publish(formed);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Fixtures.get(puebla).body("partners.cityId", contains(luoyang.toString()));
            Fixtures.get(luoyang).body("partners.cityId", contains(puebla.toString()));
        });
        List<ConsumerRecord<String, String>> dead =
                events.read(Topics.deadLetter("cities-service"), TestEvents.keyed(pair), 1, Duration.ofSeconds(30));
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo("not json at all");
            assertThat(TestEvents.header(r, "dead-letter-reason")).isNotBlank();
        });
    }

    @Test
    void shouldPassOverProposalsUnreadAndStillApplyThePartnershipAfterThem() {
        PartnershipFormed formed =
                newSisterCities(Fixtures.unique("Proposed pair"), "Tlaxcala", "Kaifeng", LocalDate.of(2024, 7, 1));
        UUID pair = formed.pairId();
        // a proposal is not this service's business: its data is not even read, so this one is not poison here
        String proposalId = UUID.randomUUID().toString();
        events.publish(
                Topics.MATCHMAKING_EVENTS,
                pair.toString(),
                new CloudEventHeaders(
                                proposalId,
                                EventType.PROPOSAL_CREATED.ceType(),
                                EventSource.MATCHMAKING.uri(),
                                pair.toString(),
                                Instant.now())
                        .toHeaders(),
                "{\"not\": \"a proposal\"");
        events.publish(formed); // the same key, so the same partition, after the proposal

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> Fixtures.get(formed.cityA())
                        .body("partners.cityId", contains(formed.cityB().toString())));
        assertThat(events.read(Topics.deadLetter("cities-service"), TestEvents.keyed(pair), 1, Duration.ofSeconds(2)))
                .as("an event of a type the service does not use is passed over, not dead-lettered")
                .isEmpty();
        given().port(org.citybridge.testing.InfrastructureContract.managementPort())
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.matchesPattern(
                        "(?s).*citybridge_events_skipped_total\\{reason=\"not-needed\",[^}]*topic=\"matchmaking-events\"}"
                                + " [1-9].*"));
    }

    @Test
    void shouldDeadLetterAPartnershipFromAnotherSourceThanMatchmaking() {
        PartnershipFormed forged =
                newSisterCities(Fixtures.unique("Forged pair"), "Oaxaca", "Xi'an", LocalDate.of(2024, 6, 1));
        UUID pair = forged.pairId();
        CloudEventHeaders attacker = new CloudEventHeaders(
                UUID.randomUUID().toString(),
                EventType.PARTNERSHIP_FORMED.ceType(),
                "/attacker",
                pair.toString(),
                Instant.now());
        events.publish(Topics.MATCHMAKING_EVENTS, pair.toString(), attacker.toHeaders(), events.json(forged));
        // the same event type on the topic of another service, with that service's source: refused too
        CloudEventHeaders misplaced = new CloudEventHeaders(
                UUID.randomUUID().toString(),
                EventType.PARTNERSHIP_FORMED.ceType(),
                EventSource.CLUSTERS.uri(),
                pair.toString(),
                Instant.now());
        events.publish(Topics.CLUSTER_EVENTS, pair.toString(), misplaced.toHeaders(), events.json(forged));

        List<ConsumerRecord<String, String>> dead =
                events.read(Topics.deadLetter("cities-service"), TestEvents.keyed(pair), 2, Duration.ofSeconds(30));
        assertThat(dead)
                .hasSize(2)
                .allSatisfy(r -> assertThat(TestEvents.header(r, "dead-letter-reason"))
                        .contains("only /citybridge/matchmaking-service publishes"));
        // a dead-letter copy is written once the consumer has decided: neither city gained the forged partner
        Fixtures.get(forged.cityA()).body("partners.size()", equalTo(0));
        Fixtures.get(forged.cityB()).body("partners.size()", equalTo(0));
    }

    /** Two new cities of one family, a Mexican and a Chinese one, and the sister-city partnership they formed. */
    private static PartnershipFormed newSisterCities(
            String family, String mexican, String chinese, LocalDate formedOn) {
        UUID a = Fixtures.ensureCity(UUID.randomUUID(), family + " " + mexican, "MX");
        UUID b = Fixtures.ensureCity(UUID.randomUUID(), family + " " + chinese, "CN");
        return Fixtures.sisterCities(a, b, formedOn);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
