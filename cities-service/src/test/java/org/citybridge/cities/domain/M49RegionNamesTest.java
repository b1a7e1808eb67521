package org.citybridge.cities.domain;

import org.citybridge.contracts.vocabulary.RegionNames;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Every region and sub-region a city can be placed in has its Spanish and Chinese name, for reasons and pages. */
class M49RegionNamesTest {

    @Test
    void shouldNameEveryRegionOfTheTableInSpanishAndChinese() throws IOException {
        Set<String> names = new TreeSet<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                M49Regions.class.getResourceAsStream("/reference/m49-regions.csv"), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.split(",");
                    names.add(parts[1]);
                    names.add(parts[2]);
                }
            }
        }
        assertThat(names).contains("Americas", "Latin America and the Caribbean", "Eastern Asia");
        for (Locale language : List.of(Locale.forLanguageTag("es"), Locale.CHINESE)) {
            assertThat(names)
                    .as("regions without a name in " + language)
                    .allMatch(name -> RegionNames.knows(name, language));
        }
    }
}
