package org.citybridge.clusters;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.citybridge.clusters.domain.Exchange;
import org.citybridge.clusters.domain.KnownCity;
import org.citybridge.clusters.domain.Membership;
import org.citybridge.clusters.domain.Organisation;
import org.citybridge.clusters.domain.OrganisationKind;
import org.citybridge.clusters.service.ClusterCommand;
import org.citybridge.clusters.service.ClusterService;
import org.citybridge.clusters.service.ExchangeCommand;
import org.citybridge.clusters.service.ExchangeService;
import org.citybridge.clusters.service.OrganisationCommand;
import org.citybridge.clusters.service.OrganisationService;
import org.citybridge.contracts.events.CityProfile;
import org.citybridge.contracts.events.CityRegistered;
import org.citybridge.contracts.events.CityRetired;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.Topics;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ExchangeFormat;
import org.citybridge.contracts.vocabulary.MemberKind;
import org.citybridge.contracts.vocabulary.MemberRole;
import org.citybridge.kit.command.ExpectedVersion;
import org.citybridge.testing.TestEvents;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Test data built the way production builds it: cities arrive as events on {@code city-events} (and
 * the helpers wait for the projection), everything else goes through the services. Every helper
 * creates fresh, uniquely named data, so tests share the database without depending on each other.
 */
@ApplicationScoped
public class TestSupport {

    /** Cities whose officers the tests impersonate (claims need constants); registered on demand. */
    public static final String OFFICER_CITY = "0ff1ce00-0000-4000-8000-000000000001";

    public static final String OTHER_CITY = "0ff1ce00-0000-4000-8000-000000000002";

    private final ObjectMapper mapper;
    private final ClusterService clusters;
    private final OrganisationService organisations;
    private final ExchangeService exchanges;
    private TestEvents events;

    public TestSupport(
            ObjectMapper mapper,
            ClusterService clusters,
            OrganisationService organisations,
            ExchangeService exchanges) {
        this.mapper = mapper;
        this.clusters = clusters;
        this.organisations = organisations;
        this.exchanges = exchanges;
    }

    public synchronized TestEvents events() {
        if (events == null) {
            events = new TestEvents(mapper);
        }
        return events;
    }

    @PreDestroy
    void close() {
        if (events != null) {
            events.close();
        }
    }

    public static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    public static CityProfile profile(UUID id, String name, String country, long version) {
        return new CityProfile(
                id, name, null, country, null, null, null, null, null, List.of(), null, List.of(), List.of(), List.of(),
                version);
    }

    /** Registers a new city through city-events and waits until clusters-service knows it. */
    public UUID registerCity(String name, String country) {
        UUID id = UUID.randomUUID();
        events().publish(new CityRegistered(profile(id, name, country, 1), now()));
        awaitCity(id, c -> c != null);
        return id;
    }

    public UUID registerCity() {
        return registerCity(unique("City"), "MX");
    }

    /** Makes sure a city with a fixed id is known and active (registered once per test JVM). */
    public UUID ensureCity(String id, String name) {
        UUID cityId = UUID.fromString(id);
        KnownCity known = knownCity(cityId);
        if (known == null) {
            events().publish(new CityRegistered(profile(cityId, name, "MX", 1), now()));
            awaitCity(cityId, c -> c != null);
        }
        return cityId;
    }

    public void retireCity(UUID id) {
        events().publish(new CityRetired(id, now()));
        awaitCity(id, c -> c != null && c.retired);
    }

    public KnownCity knownCity(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> KnownCity.<KnownCity>findById(id));
    }

    public void awaitCity(UUID id, Predicate<KnownCity> condition) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> condition.test(knownCity(id)));
    }

    public UUID cluster(CooperationArea... areas) {
        String slug = "test-" + UUID.randomUUID();
        return QuarkusTransaction.requiringNew()
                .call(() -> clusters.create(new ClusterCommand(
                                slug,
                                unique("Cluster"),
                                null,
                                Set.of(areas.length == 0 ? new CooperationArea[] {CooperationArea.TOURISM} : areas),
                                null))
                        .id);
    }

    /** Makes a city a member of a cluster directly in the database, as if it had joined; returns the membership id. */
    public UUID cityMembership(UUID clusterId, UUID cityId, String cityName) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Membership m = new Membership();
            m.id = UUID.randomUUID();
            m.clusterId = clusterId;
            m.memberKind = MemberKind.CITY;
            m.memberId = cityId;
            m.memberName = cityName;
            m.role = MemberRole.MEMBER;
            m.joinedAt = now();
            m.persist();
            return m.id;
        });
    }

    public UUID organisation() {
        return QuarkusTransaction.requiringNew()
                .call(() -> organisations.create(new OrganisationCommand(
                                unique("Organisation"), OrganisationKind.DEVELOPMENT_PARTNER, "MX", null))
                        .id);
    }

    public Exchange plannedExchange(UUID clusterId, LocalDate start, UUID... participants) {
        return QuarkusTransaction.requiringNew()
                .call(() -> exchanges.create(new ExchangeCommand(
                        unique("Exchange"),
                        ExchangeFormat.WEBINAR,
                        start,
                        start,
                        clusterId,
                        Set.of(),
                        Set.of(participants),
                        Set.of(CooperationArea.TOURISM),
                        null)));
    }

    public Exchange plannedExchange(UUID... participants) {
        return plannedExchange(null, LocalDate.of(2024, 5, 1), participants);
    }

    public Exchange heldExchange(UUID... participants) {
        Exchange planned = plannedExchange(participants);
        return QuarkusTransaction.requiringNew()
                .call(() -> exchanges.hold(planned.id, ExpectedVersion.ANY, "held in a test"));
    }

    public Exchange cancelledExchange(UUID... participants) {
        Exchange planned = plannedExchange(participants);
        return QuarkusTransaction.requiringNew()
                .call(() -> exchanges.cancel(planned.id, ExpectedVersion.ANY, "cancelled in a test"));
    }

    public long outboxCount(UUID aggregateId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> org.citybridge.kit.outbox.OutboxEvent.count("recordKey", aggregateId.toString()));
    }

    public long organisationsNamed(String name) {
        return QuarkusTransaction.requiringNew().call(() -> Organisation.count("name", name));
    }

    public long exchangesTitled(String title) {
        return QuarkusTransaction.requiringNew().call(() -> Exchange.count("title", title));
    }

    /** Waits for {@code count} records of the aggregate (and type) on cluster-events. */
    public List<ConsumerRecord<String, String>> clusterEvents(UUID aggregateId, EventType type, int count) {
        return events().read(Topics.CLUSTER_EVENTS, aggregateId, type, count, Duration.ofSeconds(60));
    }

    /** Waits for the record of the aggregate and type on cluster-events, asserting it is one, keyed by the aggregate. */
    public ConsumerRecord<String, String> oneClusterEvent(UUID aggregateId, EventType type) {
        List<ConsumerRecord<String, String>> records = clusterEvents(aggregateId, type, 1);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo(aggregateId.toString());
        return records.get(0);
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
