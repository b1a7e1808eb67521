package org.citybridge.cities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.citybridge.cities.service.CityService;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.PartnershipFormed;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A poll of partnerships, as a bulk import sends them: each city gains every partner, and is announced once
 * (one CityUpdated with its profile after all of them), not once per partner.
 */
@QuarkusTest
class PartnershipBatchTest {

    @Inject
    CityService cities;

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @Test
    void shouldAnnounceEachCityOnceWithAllItsNewPartners() throws Exception {
        String family = Fixtures.unique("Batch");
        UUID hub = Fixtures.ensureCity(UUID.randomUUID(), family + " hub", "MX");
        List<UUID> partners = new ArrayList<>();
        List<PartnershipFormed> poll = new ArrayList<>();
        for (String country : List.of("CN", "BR", "PE")) {
            UUID partner = Fixtures.ensureCity(UUID.randomUUID(), family + " " + country, country);
            partners.add(partner);
            poll.add(Fixtures.sisterCities(hub, partner, LocalDate.of(2024, 5, 1)));
        }
        poll.add(poll.get(0)); // the same partnership twice in one poll changes nothing the second time
        UUID unknown = UUID.randomUUID();
        poll.add(Fixtures.sisterCities(unknown, partners.get(1), LocalDate.of(2024, 6, 1)));

        long versionBefore = version(hub);
        long twiceNamedBefore = version(partners.get(1));

        QuarkusTransaction.requiringNew().run(() -> cities.recordPartnerships(poll));

        List<String> hubEvents = cityUpdatedPayloads(hub);
        assertThat(hubEvents).hasSize(1);
        JsonNode event = mapper.readTree(hubEvents.get(0));
        JsonNode profile = event.get("city");
        List<String> announced = new ArrayList<>();
        profile.get("partners").forEach(p -> announced.add(p.asText()));
        assertThat(announced)
                .containsExactlyInAnyOrderElementsOf(
                        partners.stream().map(UUID::toString).toList());
        // announced with the version and time the change gave the row (one version for the whole poll), as a
        // single change would be; the rest of the profile as it was
        var stored = Fixtures.get(hub)
                .header("ETag", "\"" + (versionBefore + 1) + "\"")
                .extract();
        assertThat(profile.get("version").asLong()).isEqualTo(versionBefore + 1);
        assertThat(Instant.parse(event.get("updatedAt").asText())).isEqualTo(Instant.parse(stored.path("updatedAt")));
        assertThat(profile.get("name").asText()).isEqualTo(stored.<String>path("name"));
        assertThat(profile.get("country").asText()).isEqualTo("MX");
        for (UUID partner : partners) {
            assertThat(cityUpdatedPayloads(partner)).hasSize(1);
        }
        Fixtures.get(hub).body("partners.size()", equalTo(3));
        // a city the directory does not know is skipped; its partner gains it all the same, as matchmaking says
        Fixtures.get(partners.get(1)).body("partners.size()", equalTo(2));
        assertThat(version(partners.get(1))).isEqualTo(twiceNamedBefore + 1); // two new partners, one version
        assertThat(cityUpdatedPayloads(unknown)).isEmpty();

        // the same poll again (a redelivery): nothing changes, nothing is announced
        QuarkusTransaction.requiringNew().run(() -> cities.recordPartnerships(poll));
        assertThat(cityUpdatedPayloads(hub)).hasSize(1);
        Fixtures.get(hub).body("partners.size()", equalTo(3));
        assertThat(version(hub)).isEqualTo(versionBefore + 1);
    }

    private static long version(UUID city) {
        return Fixtures.get(city).extract().<Number>path("version").longValue();
    }

    private List<String> cityUpdatedPayloads(UUID city) {
        return OutboxRows.column(
                dataSource,
                "select payload from outbox_event where record_key = any (?) and type = '"
                        + EventType.CITY_UPDATED.ceType() + "' order by seq",
                List.of(city.toString()));
    }
}
