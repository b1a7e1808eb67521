package org.citybridge.matchmaking;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.citybridge.contracts.events.CityProfile;
import org.citybridge.contracts.events.CityRegistered;
import org.citybridge.contracts.events.CityRetired;
import org.citybridge.contracts.events.CityUpdated;
import org.citybridge.contracts.events.CloudEventHeaders;
import org.citybridge.contracts.events.EventPayload;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.HeritageAsset;
import org.citybridge.contracts.events.InterestExpressed;
import org.citybridge.contracts.events.InterestWithdrawn;
import org.citybridge.contracts.events.PartnerPreferences;
import org.citybridge.contracts.events.Topics;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ExchangeFormat;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.kit.inbox.ReceivedEvent;
import org.citybridge.matchmaking.ranking.Ranked;
import org.citybridge.matchmaking.readmodel.City;
import org.citybridge.matchmaking.readmodel.Exchange;
import org.citybridge.matchmaking.readmodel.Interest;
import org.citybridge.matchmaking.readmodel.MatchmakingState;
import org.citybridge.matchmaking.readmodel.ReadModelService;
import org.citybridge.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Events in, proposals out: redelivery, restatement, withdrawal, retirement, and poison records. */
@QuarkusTest
class EventConsumptionTest {

    @Inject
    ObjectMapper mapper;

    @Inject
    MatchmakingState state;

    @Inject
    ReadModelService readModel;

    @Inject
    EventFeed feed;

    @Test
    void shouldChangeNothingWhenAnEventIsRedeliveredOrAFactRestated() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        try (TestEvents events = new TestEvents(mapper)) {
            CityRegistered cityA = Scenario.registered(Scenario.simpleCity(a, "Redelivery A", "BR"));
            String cityAEvent = events.publish(cityA);
            events.publish(Scenario.registered(Scenario.simpleCity(b, "Redelivery B", "IN")));
            InterestExpressed seek =
                    Scenario.interest(a, CooperationArea.RENEWABLE_ENERGY, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP);
            String seekEvent = events.publish(seek);
            events.publish(
                    Scenario.interest(b, CooperationArea.RENEWABLE_ENERGY, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP));
            Map<String, Object> before = Scenario.awaitOpenProposal(a, b);
            String id = (String) before.get("id");
            String etag = Scenario.proposal(id).extract().header("ETag");

            events.republish(cityA, cityAEvent);
            events.republish(seek, seekEvent);
            events.publish(seek); // the same fact under a new event id
            // a later event on the same key proves they were consumed: once its proposal exists, they were
            UUID marker = UUID.randomUUID();
            events.publish(Scenario.registered(Scenario.simpleCity(marker, "Redelivery marker", "KE")));
            events.publish(
                    Scenario.interest(marker, CooperationArea.PUBLIC_HEALTH, Stance.SEEK, Intent.KNOWLEDGE_EXCHANGE));
            events.publish(
                    Scenario.interest(a, CooperationArea.PUBLIC_HEALTH, Stance.OFFER, Intent.KNOWLEDGE_EXCHANGE));
            Scenario.awaitOpenProposal(a, marker);

            Map<String, Object> after = Scenario.awaitOpenProposal(a, b);
            assertThat(after).isEqualTo(before);
            Scenario.proposal(id).statusCode(200).header("ETag", etag);
            var created = events.read(
                    Topics.MATCHMAKING_EVENTS,
                    UUID.fromString(id),
                    EventType.PROPOSAL_CREATED,
                    2,
                    Duration.ofSeconds(5));
            assertThat(created).as("announced once").hasSize(1);
        }
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldPassOverAProfileRestatedForKnownPartnersAndLearnOneItDoesNotKnow() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        try (TestEvents events = new TestEvents(mapper)) {
            events.publish(new CityRegistered(Fixtures.place(a, "Caught Up A", "MX", 1000), Instant.now()));
            events.publish(new CityRegistered(Fixtures.place(b, "Caught Up B", "CN", 1000), Instant.now()));
            events.publish(new CityRegistered(Fixtures.place(c, "Caught Up C", "KE", 1000), Instant.now()));
            await().atMost(Duration.ofSeconds(30)).until(() -> storedCities(a, b, c) == 3);
            Scenario.recordPartnership(Scenario.partnership(a, b, "SISTER_CITY", "1998-05-01", "Charter"))
                    .statusCode(201);

            // cities-service marks a profile it restates for new partners as caused by the partnerships; one
            // naming only partners known here is passed over unread (the rename, which a real one never
            // carries, shows it)
            String known = events.publishCausedBy(
                    new CityUpdated(
                            Fixtures.profile(a, "Caught Up A renamed", "MX", 1000, List.of(), List.of(), List.of(b), 2),
                            Instant.now()),
                    EventType.PARTNERSHIP_FORMED);
            // a later event of the same city (same key, same partition) proves the restatement was consumed
            String marker = events.publish(
                    Scenario.interest(a, CooperationArea.AIR_QUALITY, Stance.SEEK, Intent.KNOWLEDGE_EXCHANGE));
            await().atMost(Duration.ofSeconds(30)).until(() -> feed.processed(marker));
            assertThat(feed.processed(known))
                    .as("passed over, not recorded as processed")
                    .isFalse();
            City passedOver = QuarkusTransaction.requiringNew().call(() -> City.<City>findById(a));
            assertThat(passedOver.name).isEqualTo("Caught Up A");
            assertThat(passedOver.profileVersion).isEqualTo(1);

            // one naming a partner not known here is applied: a read model rebuilt from the topics learns the
            // partnerships this way
            String unknown = events.publishCausedBy(
                    new CityUpdated(
                            Fixtures.profile(a, "Caught Up A", "MX", 1000, List.of(), List.of(), List.of(b, c), 3),
                            Instant.now()),
                    EventType.PARTNERSHIP_FORMED);
            await().atMost(Duration.ofSeconds(30)).until(() -> feed.processed(unknown));
            City stored = QuarkusTransaction.requiringNew().call(() -> City.<City>findById(a));
            assertThat(stored.name).isEqualTo("Caught Up A");
            assertThat(stored.profileVersion).isEqualTo(3);
            assertThat(state.knowsPartners(a, List.of(b, c))).isTrue();
            assertThat(state.knowsPartners(c, List.of(a))).isTrue();
            // the engine rebuilt from the database holds what the live one held
            state.invalidate();
            assertThat(state.locked(() -> state.engine().knowsPartners(a, List.of(b, c))))
                    .isTrue();
        }
    }

    private static long storedCities(UUID... ids) {
        return QuarkusTransaction.requiringNew().call(() -> City.count("id in ?1", List.of(ids)));
    }

    @Test
    void shouldSupersedeAProposalWhenItsInterestIsWithdrawnAndWithdrawItWhenACityRetires() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        try (TestEvents events = new TestEvents(mapper)) {
            events.publish(Scenario.registered(Scenario.simpleCity(a, "Withdraw A", "PE")));
            events.publish(Scenario.registered(Scenario.simpleCity(b, "Withdraw B", "CN")));
            events.publish(Scenario.registered(Scenario.simpleCity(c, "Withdraw C", "CN")));
            InterestExpressed seek = Scenario.interest(
                    a, CooperationArea.DISASTER_RISK_REDUCTION, Stance.SEEK, Intent.KNOWLEDGE_EXCHANGE);
            events.publish(seek);
            events.publish(Scenario.interest(
                    b, CooperationArea.DISASTER_RISK_REDUCTION, Stance.OFFER, Intent.KNOWLEDGE_EXCHANGE));
            events.publish(Scenario.interest(c, CooperationArea.AGRICULTURE, Stance.OFFER, Intent.KNOWLEDGE_EXCHANGE));
            events.publish(Scenario.interest(a, CooperationArea.AGRICULTURE, Stance.SEEK, Intent.KNOWLEDGE_EXCHANGE));
            String ab = (String) Scenario.awaitOpenProposal(a, b).get("id");
            String ac = (String) Scenario.awaitOpenProposal(a, c).get("id");

            events.publish(new InterestWithdrawn(
                    a, seek.interestId(), seek.area(), seek.stance(), seek.intent(), Instant.now()));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> Scenario.proposal(ab).body("status", equalTo("SUPERSEDED")));

            events.publish(new CityRetired(c, Instant.now()));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> Scenario.proposal(ac).body("status", equalTo("WITHDRAWN")));
            assertThat(Scenario.cityProposals(a).<Object>getList("$")).isEmpty();
        }
    }

    @Test
    void shouldDeadLetterAPoisonRecordAndKeepConsumingLaterRecords() {
        UUID poisoned = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        try (TestEvents events = new TestEvents(mapper)) {
            CloudEventHeaders headers = CloudEventHeaders.newEvent(EventType.CITY_REGISTERED, poisoned, Instant.now());
            events.publish(Topics.CITY_EVENTS, poisoned.toString(), headers.toHeaders(), "{\"city\": {\"cityId\": 42");
            events.publish(
                    Topics.CITY_EVENTS, poisoned.toString(), Map.of("ce_specversion", "1.0".getBytes()), "no headers");

            events.publish(Scenario.registered(Scenario.simpleCity(a, "After Poison A", "MX")));
            events.publish(Scenario.registered(Scenario.simpleCity(b, "After Poison B", "CN")));
            events.publish(Scenario.interest(a, CooperationArea.AIR_QUALITY, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP));
            events.publish(
                    Scenario.interest(b, CooperationArea.AIR_QUALITY, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP));

            var dead = events.read(
                    Topics.deadLetter("matchmaking-service"), TestEvents.keyed(poisoned), 2, Duration.ofSeconds(30));
            assertThat(dead).hasSize(2);
            assertThat(Scenario.awaitOpenProposal(a, b)).isNotNull();
            given().get("/api/v1/cities/{id}/proposals", poisoned)
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void shouldDeadLetterAPoisonClusterEventAndKeepConsumingItsCluster() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID cluster = UUID.randomUUID();
        try (TestEvents events = new TestEvents(mapper)) {
            events.publish(Scenario.registered(Scenario.simpleCity(a, Fixtures.name("Cluster poison A"), "MX")));
            events.publish(Scenario.registered(Scenario.simpleCity(b, Fixtures.name("Cluster poison B"), "CN")));
            events.publish(Scenario.interest(a, CooperationArea.TRANSPORT, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP));
            events.publish(Scenario.interest(b, CooperationArea.TRANSPORT, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP));
            Scenario.awaitOpenProposal(a, b);

            // all keyed by the cluster, so on one partition: the later joins applied prove the poison did not block it
            CloudEventHeaders headers = CloudEventHeaders.newEvent(EventType.MEMBER_JOINED, cluster, Instant.now());
            events.publish(Topics.CLUSTER_EVENTS, cluster.toString(), headers.toHeaders(), "not json at all");
            events.publish(Scenario.joined(cluster, a));
            events.publish(Scenario.joined(cluster, b));

            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(Fixtures.openProposal(a, b))
                            .hasValueSatisfying(
                                    p -> assertThat(Fixtures.codes(p)).contains("shared-cluster")));
            var dead = events.read(
                    Topics.deadLetter("matchmaking-service"), TestEvents.keyed(cluster), 1, Duration.ofSeconds(30));
            assertThat(dead).singleElement().satisfies(r -> {
                assertThat(r.value()).isEqualTo("not json at all");
                assertThat(TestEvents.header(r, "dead-letter-reason")).isNotBlank();
            });
        }
    }

    @Test
    void shouldDeadLetterAnEventTheDatabaseRejectsAndStillApplyTheRestOfItsBatch() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID tooLong = UUID.randomUUID();
        try (TestEvents events = new TestEvents(mapper)) {
            // published back to back, so they usually arrive in one poll; the outcome must not depend on it
            events.publish(Scenario.registered(Scenario.simpleCity(a, "Batch A", "BR")));
            events.publish(
                    Scenario.interest(a, CooperationArea.SMART_CITIES, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP));
            // a name longer than the read model's column: decodable, but refused by PostgreSQL (SQLState 22001)
            events.publish(Scenario.registered(Scenario.simpleCity(tooLong, "N".repeat(250), "IN")));
            events.publish(Scenario.registered(Scenario.simpleCity(b, "Batch B", "CN")));
            events.publish(
                    Scenario.interest(b, CooperationArea.SMART_CITIES, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP));

            // refused data is dead-lettered at once, not retried for the two minutes a database outage gets
            var dead = events.read(
                    Topics.deadLetter("matchmaking-service"), TestEvents.keyed(tooLong), 1, Duration.ofSeconds(20));
            assertThat(dead).hasSize(1);
            assertThat(TestEvents.header(dead.get(0), "dead-letter-reason")).contains("value too long");
            assertThat(Scenario.awaitOpenProposal(a, b)).isNotNull();
            given().get("/api/v1/cities/{id}/proposals", tooLong)
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void shouldEndWithTheLastFactWhenOneBatchWithdrawsAStoredInterestAndExpressesItAgain() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        InterestExpressed seek =
                Scenario.interest(a, CooperationArea.E_COMMERCE, Stance.SEEK, Intent.KNOWLEDGE_EXCHANGE);
        // applied as the inbox applies a poll, two batches: the interest is stored, then withdrawn and expressed again
        applyAsOneBatch(
                Scenario.registered(Scenario.simpleCity(a, "Again A", "PE")),
                Scenario.registered(Scenario.simpleCity(b, "Again B", "CN")),
                Scenario.interest(b, CooperationArea.E_COMMERCE, Stance.OFFER, Intent.KNOWLEDGE_EXCHANGE),
                seek);
        applyAsOneBatch(
                new InterestWithdrawn(a, seek.interestId(), seek.area(), seek.stance(), seek.intent(), Instant.now()),
                seek);

        long stored = QuarkusTransaction.requiringNew().call(() -> Interest.count("id", seek.interestId()));
        assertThat(stored)
                .as("the interest row, written, deleted and written again in one transaction")
                .isEqualTo(1);
        // the engine rebuilt from the database ranks as the live one did
        List<Ranked> live = state.locked(() -> state.engine().ranking(a));
        state.invalidate();
        assertThat(state.locked(() -> state.engine().ranking(a)))
                .isEqualTo(live)
                .extracting(Ranked::partner)
                .contains(b);
        List<Map<String, Object>> ranked = Scenario.cityProposals(a).getList("$");
        assertThat(ranked).as("the interest expressed last stands").anySatisfy(entry -> {
            assertThat(entry.get("partnerCityId")).isEqualTo(b.toString());
            assertThat(((Map<?, ?>) entry.get("proposal")).get("status")).isEqualTo("PROPOSED");
        });
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldStoreNothingForAProfileRestatedAsItStandsAndApplyTheChangeThatFollowsIt() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        applyAsOneBatch(
                new CityRegistered(Fixtures.place(a, "Restated One", "MX", 1000, 1), Instant.now()),
                new CityRegistered(Fixtures.place(b, "Restated Partner", "CN", 1000, 1), Instant.now()));
        Scenario.recordPartnership(Scenario.partnership(a, b, "SISTER_CITY", "1998-05-01", "Charter"))
                .statusCode(201);
        City stored = QuarkusTransaction.requiringNew().call(() -> City.<City>findById(a));

        // the directory restates the profile once its partner list caught up with the partnership recorded here
        CityProfile caughtUp = Fixtures.profile(a, "Restated One", "MX", 1000, List.of(), List.of(), List.of(b), 2);
        applyAsOneBatch(new CityUpdated(caughtUp, Instant.now()));
        City after = QuarkusTransaction.requiringNew().call(() -> City.<City>findById(a));
        assertThat(after.version).as("the row is not written").isEqualTo(stored.version);
        assertThat(after.updatedAt).isEqualTo(stored.updatedAt);
        assertThat(after.profileVersion).isEqualTo(1);

        // in one batch, a change and then the former profile again: the second is new by then, and applied
        applyAsOneBatch(
                new CityUpdated(Fixtures.place(a, "Restated Two", "MX", 1000, 3), Instant.now()),
                new CityUpdated(
                        Fixtures.profile(a, "Restated One", "MX", 1000, List.of(), List.of(), List.of(b), 4),
                        Instant.now()));
        City last = QuarkusTransaction.requiringNew().call(() -> City.<City>findById(a));
        assertThat(last.name).isEqualTo("Restated One");
        assertThat(last.profileVersion).isEqualTo(4);
        // and an older version than the stored one changes nothing
        applyAsOneBatch(new CityUpdated(Fixtures.place(a, "Restated Two", "MX", 1000, 3), Instant.now()));
        assertThat(QuarkusTransaction.requiringNew().call(() -> City.<City>findById(a).name))
                .isEqualTo("Restated One");
        // the engine rebuilt from the database holds what the live one held
        List<Ranked> live = state.locked(() -> state.engine().kept(a));
        state.invalidate();
        assertThat(state.locked(() -> state.engine().kept(a))).isEqualTo(live);
    }

    @Test
    void shouldStoreTheNewListsOfAChangedProfileAndInterestAndLeaveARestatedInterestUnwritten() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        applyAsOneBatch(new CityRegistered(
                Fixtures.profile(a, "Lists One", "MX", 1000, List.of(), List.of("Mercociudades"), List.of(), 1),
                Instant.now()));
        InterestExpressed seek = Scenario.interest(
                a, CooperationArea.E_COMMERCE, Stance.SEEK, Intent.KNOWLEDGE_EXCHANGE, List.of("Asia"), List.of());
        applyAsOneBatch(seek);
        long interestVersion =
                QuarkusTransaction.requiringNew().call(() -> Interest.<Interest>findById(seek.interestId()).version);

        // the lists are JSON values replaced whole, each new one written: the city's row is written anyway (its
        // profile version changes too), the interest's only for its lists
        HeritageAsset site = new HeritageAsset("Old Town", "World Heritage site", 1987, List.of());
        InterestExpressed restated = new InterestExpressed(
                a,
                seek.interestId(),
                seek.area(),
                seek.stance(),
                seek.intent(),
                new PartnerPreferences(List.of("Africa"), List.of("KE")),
                null,
                "profile",
                Instant.now());
        applyAsOneBatch(
                new CityUpdated(
                        Fixtures.profile(
                                a,
                                "Lists One",
                                "MX",
                                1000,
                                List.of(site),
                                List.of("UCLG", "Mercociudades"),
                                List.of(b),
                                2),
                        Instant.now()),
                restated);
        City after = QuarkusTransaction.requiringNew().call(() -> City.<City>findById(a));
        assertThat(after.worldHeritage).containsExactly("Old Town");
        assertThat(after.associations).containsExactly("UCLG", "Mercociudades");
        assertThat(after.partners).containsExactly(b);
        Interest changed = QuarkusTransaction.requiringNew().call(() -> Interest.<Interest>findById(seek.interestId()));
        assertThat(changed.preferredRegions).containsExactly("Africa");
        assertThat(changed.preferredCountries).containsExactly("KE");
        assertThat(changed.version)
                .as("a replaced list, the only change, is seen")
                .isGreaterThan(interestVersion);

        // the same preferences again, in new but equal lists: nothing to write
        applyAsOneBatch(new InterestExpressed(
                a,
                seek.interestId(),
                seek.area(),
                seek.stance(),
                seek.intent(),
                new PartnerPreferences(new ArrayList<>(List.of("Africa")), new ArrayList<>(List.of("KE"))),
                null,
                "profile",
                Instant.now()));
        assertThat(QuarkusTransaction.requiringNew().call(() -> Interest.<Interest>findById(seek.interestId()).version))
                .as("an equal value is no change")
                .isEqualTo(changed.version);
    }

    @Test
    void shouldStoreANewCityInterestAndExchangeWithOneWriteEach() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID exchange = UUID.randomUUID();
        InterestExpressed seek = Scenario.interest(
                a, CooperationArea.TRANSPORT, Stance.SEEK, Intent.KNOWLEDGE_EXCHANGE, List.of("Asia"), List.of("VN"));
        // a backlog's poll: the city, its interest and an exchange it held, all new
        applyAsOneBatch(
                new CityRegistered(
                        Fixtures.profile(
                                a, "One Write", "PE", 1000, List.of(), List.of("Mercociudades"), List.of(b), 1),
                        Instant.now()),
                seek,
                Scenario.held(
                        exchange,
                        UUID.randomUUID(),
                        "Bus lanes",
                        ExchangeFormat.WEBINAR,
                        LocalDate.of(2026, 3, 4),
                        List.of(a, b),
                        CooperationArea.TRANSPORT));

        // each row inserted as it stands, never inserted and then updated (an update raises the version)
        City city = QuarkusTransaction.requiringNew().call(() -> City.<City>findById(a));
        assertThat(city.associations).containsExactly("Mercociudades");
        assertThat(city.partners).containsExactly(b);
        assertThat(city.profileVersion).isEqualTo(1);
        assertThat(city.version).as("the city's row written once").isZero();
        Interest interest =
                QuarkusTransaction.requiringNew().call(() -> Interest.<Interest>findById(seek.interestId()));
        assertThat(interest.preferredRegions).containsExactly("Asia");
        assertThat(interest.preferredCountries).containsExactly("VN");
        assertThat(interest.version).as("the interest's row written once").isZero();
        Exchange held = QuarkusTransaction.requiringNew().call(() -> Exchange.<Exchange>findById(exchange));
        assertThat(held.held).isTrue();
        assertThat(held.participants).containsExactly(a, b);
        assertThat(held.version).as("the exchange's row written once").isZero();
    }

    private void applyAsOneBatch(EventPayload... payloads) {
        List<ReceivedEvent> batch = new ArrayList<>();
        for (EventPayload payload : payloads) {
            EventType type = EventType.of(payload.getClass());
            batch.add(new ReceivedEvent(
                    CloudEventHeaders.newEvent(type, UUID.randomUUID(), Instant.now()), type, payload));
        }
        state.locked(() -> QuarkusTransaction.requiringNew().run(() -> readModel.applyAll(batch)));
    }

    @Test
    void shouldIgnoreAnOlderProfileVersionArrivingLate() {
        UUID a = UUID.randomUUID();
        try (TestEvents events = new TestEvents(mapper)) {
            CityProfile v2 = Fixtures.place(a, "Version Two", "MX", 1000, 2);
            CityProfile v1 = Fixtures.place(a, "Version One", "MX", 1000, 1);
            events.publish(new CityRegistered(v2, Instant.now()));
            events.publish(new CityRegistered(v1, Instant.now()));
            UUID b = UUID.randomUUID();
            events.publish(Scenario.registered(Scenario.simpleCity(b, "Version Partner", "CN")));
            events.publish(
                    Scenario.interest(a, CooperationArea.CREATIVE_ECONOMY, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP));
            events.publish(
                    Scenario.interest(b, CooperationArea.CREATIVE_ECONOMY, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP));
            Scenario.awaitOpenProposal(b, a);
            List<Map<String, Object>> list = Scenario.cityProposals(b).getList("$");
            assertThat(list)
                    .filteredOn(e -> a.toString().equals(e.get("partnerCityId")))
                    .extracting(e -> e.get("partnerName"))
                    .containsExactly("Version Two");
        }
    }
}
