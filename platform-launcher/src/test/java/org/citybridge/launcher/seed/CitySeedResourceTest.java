package org.citybridge.launcher.seed;

import com.fasterxml.jackson.databind.JsonNode;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.launcher.DemoUsers;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed cities resource is read by a real API later; these checks catch a broken file at build time. */
class CitySeedResourceTest {

    private final JsonNode entries = CitySeed.readResource();

    @Test
    void shouldHoldEachCityOnceByNameAndCountry() {
        Set<String> keys = new HashSet<>();
        for (JsonNode entry : entries) {
            JsonNode city = entry.get("city");
            assertThat(city.path("name").asText()).isNotBlank();
            assertThat(city.path("localName").asText()).isNotBlank();
            assertThat(city.path("country").asText()).matches("[A-Z]{2}");
            assertThat(keys.add(city.get("name").asText() + "|"
                            + city.get("country").asText()))
                    .isTrue();
        }
        assertThat(keys).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void shouldSendOnlyFieldsOfTheCreateRequest() {
        // cities-service rejects unknown request fields (400); region and sub-region are derived from the country
        Set<String> allowed = Set.of(
                "name",
                "localName",
                "country",
                "population",
                "coordinates",
                "languages",
                "description",
                "heritageAssets",
                "associations",
                "officials");
        for (JsonNode entry : entries) {
            entry.get("city")
                    .fieldNames()
                    .forEachRemaining(field -> assertThat(allowed).contains(field));
        }
    }

    @Test
    void shouldGiveEveryCityAWorldHeritageAssetWithItsInscriptionYear() {
        for (JsonNode entry : entries) {
            JsonNode assets = entry.get("city").path("heritageAssets");
            assertThat(assets.size()).as(entry.get("city").get("name").asText()).isPositive();
            assertThat(assets.get(0).path("inscribedYear").asInt()).isBetween(1978, 2025);
        }
    }

    @Test
    void shouldUseOnlyKnownAreasStancesAndIntentsInInterests() {
        int interests = 0;
        for (JsonNode entry : entries) {
            for (JsonNode interest : entry.path("interests")) {
                CooperationArea.fromCode(interest.get("area").asText());
                Stance.parse(interest.get("stance").asText());
                Intent.parse(interest.get("intent").asText());
                interests++;
            }
        }
        assertThat(interests).isGreaterThanOrEqualTo(8);
    }

    @Test
    void shouldContainTheCitiesOfTheDemoOfficers() {
        for (DemoUsers.User officer : new DemoUsers.User[] {DemoUsers.OFFICER_MEXICO_CITY, DemoUsers.OFFICER_LUOYANG}) {
            assertThat(entries.findValues("city")).anySatisfy(city -> {
                assertThat(city.get("name").asText()).isEqualTo(officer.cityName());
                assertThat(city.get("country").asText()).isEqualTo(officer.cityCountry());
            });
        }
    }

    @Test
    void shouldLetLuoyangSeekLatinAmericanSisterCities() {
        JsonNode luoyang = null;
        for (JsonNode entry : entries) {
            if ("Luoyang".equals(entry.get("city").get("name").asText())) {
                luoyang = entry;
            }
        }
        assertThat(luoyang).isNotNull();
        assertThat(luoyang.get("interests")).anySatisfy(interest -> {
            assertThat(interest.get("intent").asText()).isEqualTo("SISTER_CITY");
            assertThat(interest.path("preferences").path("regions").toString()).contains("Latin America");
        });
    }
}
