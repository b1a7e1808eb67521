package org.citybridge.cities.domain;

import org.citybridge.contracts.vocabulary.RegionNames;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every region and sub-region a city can be placed in has its Spanish and Chinese name, for reasons and pages,
 * and a name typed in either language finds the English one the API filters by.
 */
class M49RegionNamesTest {

    @Test
    void shouldNameEveryRegionOfTheTableInSpanishAndChinese() {
        Set<String> names = M49Regions.regionNames();
        assertThat(names).contains("Americas", "Latin America and the Caribbean", "Eastern Asia");
        for (Locale language : List.of(Locale.ENGLISH, Locale.forLanguageTag("es"), Locale.CHINESE)) {
            assertThat(names)
                    .as("regions without a name in " + language)
                    .allMatch(name -> RegionNames.knows(name, language));
            assertThat(names)
                    .as("regions whose " + language + " name does not lead back")
                    .allMatch(name -> RegionNames.english(RegionNames.name(name, language))
                                    .equals(name)
                            && RegionNames.english(RegionNames.label(name, language))
                                    .equals(name));
        }
    }
}
