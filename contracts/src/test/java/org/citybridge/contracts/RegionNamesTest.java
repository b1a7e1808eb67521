package org.citybridge.contracts;

import org.citybridge.contracts.vocabulary.RegionNames;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class RegionNamesTest {

    private static final Locale SPANISH = Locale.forLanguageTag("es-MX");

    @Test
    void shouldNameARegionInSpanishAndChinese() {
        assertThat(RegionNames.name("Latin America and the Caribbean", SPANISH))
                .isEqualTo("América Latina y el Caribe");
        assertThat(RegionNames.name("Eastern Asia", Locale.CHINESE)).isEqualTo("东亚");
        assertThat(RegionNames.name("eastern asia", Locale.SIMPLIFIED_CHINESE)).isEqualTo("东亚");
    }

    @Test
    void shouldDropTheSpanishArticleForALabelOnly() {
        assertThat(RegionNames.name("Americas", SPANISH)).isEqualTo("las Américas");
        assertThat(RegionNames.label("Americas", SPANISH)).isEqualTo("Américas");
        assertThat(RegionNames.label("Caribbean", SPANISH)).isEqualTo("Caribe");
        assertThat(RegionNames.label("Latin America and the Caribbean", SPANISH))
                .isEqualTo("América Latina y el Caribe");
        assertThat(RegionNames.label("Americas", Locale.CHINESE)).isEqualTo("美洲");
    }

    @Test
    void shouldFindTheEnglishNameOfWhatAPersonTyped() {
        assertThat(RegionNames.english("Asia oriental")).isEqualTo("Eastern Asia");
        assertThat(RegionNames.english(" 东亚 ")).isEqualTo("Eastern Asia");
        assertThat(RegionNames.english("américas")).isEqualTo("Americas");
        assertThat(RegionNames.english("las Américas")).isEqualTo("Americas");
        assertThat(RegionNames.english("eastern ASIA")).isEqualTo("Eastern Asia");
        assertThat(RegionNames.english("Atlantis")).isEqualTo("Atlantis");
        assertThat(RegionNames.english(null)).isNull();
    }

    @Test
    void shouldKeepEnglishAndUnknownNamesAsTheyAre() {
        assertThat(RegionNames.label("Sub-Saharan Africa", Locale.ENGLISH)).isEqualTo("Sub-Saharan Africa");
        assertThat(RegionNames.name("Sub-Saharan Africa", Locale.FRENCH)).isEqualTo("Sub-Saharan Africa");
        assertThat(RegionNames.label("Atlantis", SPANISH)).isEqualTo("Atlantis");
        assertThat(RegionNames.label(null, SPANISH)).isNull();
    }
}
