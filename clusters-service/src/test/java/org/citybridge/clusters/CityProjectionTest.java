package org.citybridge.clusters;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.citybridge.clusters.domain.KnownCity;
import org.citybridge.clusters.domain.Membership;
import org.citybridge.contracts.events.CityRegistered;
import org.citybridge.contracts.events.CityRetired;
import org.citybridge.contracts.events.CityUpdated;
import org.citybridge.contracts.events.CloudEventHeaders;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.InterestWithdrawn;
import org.citybridge.contracts.events.Topics;
import org.citybridge.testing.InboxRows;
import org.citybridge.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class CityProjectionTest {

    @Inject
    TestSupport support;

    @Inject
    DataSource dataSource;

    private long processed(String eventId) {
        return InboxRows.processed(dataSource, List.of(eventId));
    }

    @Test
    void shouldKnowARegisteredCityAndFollowItsRenamesIntoMemberships() {
        UUID id = UUID.randomUUID();
        support.events().publish(new CityRegistered(TestSupport.profile(id, "Luoyang", "CN", 1), TestSupport.now()));
        support.awaitCity(id, c -> c != null);
        KnownCity city = support.knownCity(id);
        assertThat(city.name).isEqualTo("Luoyang");
        assertThat(city.country).isEqualTo("CN");
        assertThat(city.retired).isFalse();

        UUID cluster = support.cluster();
        UUID membership = support.cityMembership(cluster, id, "Luoyang");

        support.events().publish(new CityUpdated(TestSupport.profile(id, "Luoyang City", "CN", 2), TestSupport.now()));
        support.awaitCity(id, c -> "Luoyang City".equals(c.name));
        assertThat(support.knownCity(id).profileVersion).isEqualTo(2);
        String memberName =
                QuarkusTransaction.requiringNew().call(() -> Membership.<Membership>findById(membership).memberName);
        assertThat(memberName).isEqualTo("Luoyang City");
    }

    @Test
    void shouldWriteNothingForAProfileThatRestatesItsNameAndCountryAndApplyTheRenameAfterIt() {
        UUID id = UUID.randomUUID();
        support.events().publish(new CityRegistered(TestSupport.profile(id, "Gamma", "MX", 1), TestSupport.now()));
        support.awaitCity(id, c -> c != null);
        KnownCity before = support.knownCity(id);

        // a later version that changed only what this service does not keep (e.g. the city's partners)
        String restated =
                support.events().publish(new CityUpdated(TestSupport.profile(id, "Gamma", "MX", 2), TestSupport.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(restated) == 1);
        KnownCity after = support.knownCity(id);
        assertThat(after.profileVersion).isEqualTo(1);
        assertThat(after.updatedAt).isEqualTo(before.updatedAt);

        support.events().publish(new CityUpdated(TestSupport.profile(id, "Gamma City", "MX", 3), TestSupport.now()));
        support.awaitCity(id, c -> "Gamma City".equals(c.name));
        assertThat(support.knownCity(id).profileVersion).isEqualTo(3);
        // the restating version, delivered again, is older than the rename
        support.events().publish(new CityUpdated(TestSupport.profile(id, "Gamma", "MX", 2), TestSupport.now()));
        support.events().publish(new CityRetired(id, TestSupport.now()));
        support.awaitCity(id, c -> c.retired);
        assertThat(support.knownCity(id).name).isEqualTo("Gamma City");
    }

    @Test
    void shouldPassOverAProfileRestatedForItsNewPartnersUnread() {
        UUID id = UUID.randomUUID();
        support.events().publish(new CityRegistered(TestSupport.profile(id, "Epsilon", "MX", 1), TestSupport.now()));
        support.awaitCity(id, c -> c != null);

        // cities-service marks a profile it restates for new partners as caused by the partnerships; such a
        // profile is not even read (the rename here, which a real one never carries, shows it)
        String restated = support.events()
                .publishCausedBy(
                        new CityUpdated(TestSupport.profile(id, "Epsilon restated", "MX", 2), TestSupport.now()),
                        EventType.PARTNERSHIP_FORMED);
        // a later event of the same city (same key, same partition) proves the restatement was consumed
        support.events().publish(new CityRetired(id, TestSupport.now()));
        support.awaitCity(id, c -> c.retired);

        KnownCity city = support.knownCity(id);
        assertThat(city.name).isEqualTo("Epsilon");
        assertThat(city.profileVersion).isEqualTo(1);
        assertThat(processed(restated)).isZero();
    }

    @Test
    void shouldIgnoreARedeliveredEventAndAStaleRepeatOfAnOlderFact() {
        UUID id = UUID.randomUUID();
        CityRegistered registered = new CityRegistered(TestSupport.profile(id, "Alpha", "MX", 1), TestSupport.now());
        String registeredId = support.events().publish(registered);
        support.awaitCity(id, c -> c != null);
        support.events().publish(new CityUpdated(TestSupport.profile(id, "Beta", "MX", 2), TestSupport.now()));
        support.awaitCity(id, c -> "Beta".equals(c.name));

        // the same event again (same id), and the same old fact under a new id
        support.events().republish(registered, registeredId);
        support.events().publish(new CityRegistered(TestSupport.profile(id, "Alpha", "MX", 1), TestSupport.now()));
        // a later event of the same city (same key, same partition) proves the earlier ones were consumed
        support.events().publish(new CityRetired(id, TestSupport.now()));
        support.awaitCity(id, c -> c.retired);

        KnownCity city = support.knownCity(id);
        assertThat(city.name).isEqualTo("Beta");
        assertThat(city.profileVersion).isEqualTo(2);
        assertThat(processed(registeredId)).isEqualTo(1);
    }

    @Test
    void shouldKeepARetiredCityRetiredWhenALaterProfileArrives() {
        UUID id = support.registerCity();
        support.retireCity(id);
        support.events()
                .publish(new CityUpdated(
                        TestSupport.profile(id, "Renamed after retirement", "MX", 5), TestSupport.now()));
        support.awaitCity(id, c -> "Renamed after retirement".equals(c.name));
        assertThat(support.knownCity(id).retired).isTrue();
    }

    @Test
    void shouldSkipCityEventsItDoesNotNeedAndUnknownTypes() {
        UUID id = support.registerCity();
        String withdrawn = support.events()
                .publish(new InterestWithdrawn(
                        id,
                        UUID.randomUUID(),
                        org.citybridge.contracts.vocabulary.CooperationArea.TRADE,
                        org.citybridge.contracts.vocabulary.Stance.SEEK,
                        org.citybridge.contracts.vocabulary.Intent.SISTER_CITY,
                        TestSupport.now()));
        Map<String, byte[]> headers = new CloudEventHeaders(
                        UUID.randomUUID().toString(),
                        "org.citybridge.city.teleported.v9",
                        "/citybridge/cities-service",
                        id.toString(),
                        TestSupport.now())
                .toHeaders();
        support.events().publish(Topics.CITY_EVENTS, id.toString(), headers, "{\"anything\":true}");
        support.events().publish(new CityUpdated(TestSupport.profile(id, "Still flowing", "MX", 2), TestSupport.now()));
        support.awaitCity(id, c -> "Still flowing".equals(c.name));
        // an event of a type this service has no use for is passed over unread: nothing recorded for it
        assertThat(processed(withdrawn)).isZero();
    }

    @Test
    void shouldDeadLetterPoisonRecordsAndKeepConsumingLaterOnes() {
        UUID id = UUID.randomUUID();
        // no CloudEvents headers at all
        support.events().publish(Topics.CITY_EVENTS, id.toString(), Map.of(), "not json at all");
        // proper headers, undecodable data
        Map<String, byte[]> headers = new LinkedHashMap<>(new CloudEventHeaders(
                        UUID.randomUUID().toString(),
                        EventType.CITY_REGISTERED.ceType(),
                        "/citybridge/cities-service",
                        id.toString(),
                        TestSupport.now())
                .toHeaders());
        support.events().publish(Topics.CITY_EVENTS, id.toString(), headers, "{\"city\": 42");

        List<ConsumerRecord<String, String>> dead = support.events()
                .read(Topics.deadLetter("clusters-service"), TestEvents.keyed(id), 2, Duration.ofSeconds(60));
        assertThat(dead).hasSize(2);
        assertThat(dead).extracting(ConsumerRecord::value).containsExactly("not json at all", "{\"city\": 42");
        assertThat(dead.get(0).headers().lastHeader("dead-letter-reason")).isNotNull();
        assertThat(new String(
                        dead.get(0).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("ce_specversion");

        // the partition is not blocked: a good event for the same key is applied
        support.events()
                .publish(new CityRegistered(TestSupport.profile(id, "After the poison", "MX", 1), TestSupport.now()));
        support.awaitCity(id, c -> c != null && "After the poison".equals(c.name));
    }
}
