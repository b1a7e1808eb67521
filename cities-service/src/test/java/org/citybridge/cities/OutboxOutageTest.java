package org.citybridge.cities;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.Topics;
import org.citybridge.infra.KafkaServer;
import org.citybridge.kit.security.Roles;
import org.citybridge.testing.JsonApi;
import org.citybridge.testing.TestEvents;
import org.citybridge.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** With the broker away, writes still succeed; once it is back, every event arrives once and in order. */
@QuarkusTest
@TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
class OutboxOutageTest {

    private static final List<String> AREAS = List.of("tourism", "trade", "technology", "education");

    @Inject
    ObjectMapper mapper;

    @Test
    void shouldPublishEveryEventExactlyOnceInOrderAfterABrokerOutage() {
        KafkaServer kafka = TestInfrastructure.kafka();
        List<UUID> cities = new ArrayList<>();
        kafka.stop();
        try {
            for (int i = 0; i < 3; i++) {
                UUID city = Fixtures.register(Fixtures.cityBody(Fixtures.unique("Outage city"), "MX"));
                cities.add(city);
                for (String area : AREAS) {
                    JsonApi.post(
                                    "/api/v1/cities/" + city + "/interests",
                                    Map.of("area", area, "stance", "SEEK", "intent", "THEMATIC_PARTNERSHIP"))
                            .statusCode(201);
                }
            }
        } finally {
            kafka.start();
        }

        try (TestEvents events = new TestEvents(mapper)) {
            for (UUID city : cities) {
                List<ConsumerRecord<String, String>> records = events.read(
                        Topics.CITY_EVENTS, TestEvents.keyed(city), 1 + AREAS.size(), Duration.ofSeconds(60));
                assertThat(records)
                        .extracting(r -> TestEvents.header(r, "ce_type"))
                        .containsExactly(
                                EventType.CITY_REGISTERED.ceType(),
                                EventType.INTEREST_EXPRESSED.ceType(),
                                EventType.INTEREST_EXPRESSED.ceType(),
                                EventType.INTEREST_EXPRESSED.ceType(),
                                EventType.INTEREST_EXPRESSED.ceType());
                assertThat(records)
                        .extracting(r -> r.value())
                        .filteredOn(v -> v.contains("\"area\""))
                        .extracting(v -> v.replaceAll(".*\"area\":\"([a-z-]+)\".*", "$1"))
                        .containsExactlyElementsOf(AREAS);
                assertThat(new HashSet<>(records.stream()
                                .map(r -> TestEvents.header(r, "ce_id"))
                                .toList()))
                        .hasSize(records.size());
            }
            // nothing extra arrives later: read once more with room for duplicates
            for (UUID city : cities) {
                assertThat(events.read(
                                Topics.CITY_EVENTS, TestEvents.keyed(city), 2 + AREAS.size(), Duration.ofSeconds(3)))
                        .hasSize(1 + AREAS.size());
            }
        }
    }
}
