package org.citybridge.portal;

import org.citybridge.contracts.vocabulary.ProposalKind;
import org.citybridge.portal.rest.PortalPages;
import org.citybridge.portal.rest.ProgrammePages;
import org.citybridge.portal.service.Directory;
import org.citybridge.portal.service.Texts;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every word of the portal exists in English, Spanish and Chinese, and every key a page uses exists. */
class TextsTest {

    private static final Pattern USED_KEY = Pattern.compile("t\\.text\\('([a-z0-9.-]+)'");

    @Test
    void shouldHaveEveryKeyInEveryLanguage() {
        Set<String> english = keys(Texts.load("en"));
        assertThat(english).isNotEmpty();
        assertThat(keys(Texts.load("es"))).isEqualTo(english);
        assertThat(keys(Texts.load("zh"))).isEqualTo(english);
    }

    @Test
    void shouldNameRegionsAndRegionPairsInTheLanguage() {
        Texts spanish = Texts.in(Locale.forLanguageTag("es"));
        assertThat(spanish.region("Latin America and the Caribbean")).isEqualTo("América Latina y el Caribe");
        assertThat(spanish.regionPair("Americas – Asia")).isEqualTo("Américas – Asia");
        assertThat(Texts.in(Locale.CHINESE).regionPair("Americas – Asia")).isEqualTo("美洲 – 亚洲");
        assertThat(Texts.in(Locale.ENGLISH).regionPair("? – Asia")).isEqualTo("? – Asia");
        assertThat(spanish.region(null)).isEmpty();
    }

    @Test
    void shouldKnowEveryKeyThePagesAndErrorsUse() throws IOException {
        Set<String> english = keys(Texts.load("en"));
        Set<String> used = new TreeSet<>();
        try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path template : templates.filter(Files::isRegularFile).toList()) {
                Matcher matcher = USED_KEY.matcher(Files.readString(template));
                while (matcher.find()) {
                    used.add(matcher.group(1));
                }
            }
        }
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            Pattern errorKey = Pattern.compile("\"(error\\.[a-z-]+)\"");
            for (Path source : sources.filter(Files::isRegularFile).toList()) {
                Matcher matcher = errorKey.matcher(Files.readString(source));
                while (matcher.find()) {
                    used.add(matcher.group(1));
                }
            }
        }
        assertThat(used).contains("home.title", "error.not-found");
        assertThat(english).containsAll(used);
    }

    /** Words the pages look up by a value (a status, an area, a notice): every value has its words. */
    @Test
    void shouldNameEveryValueThePagesShow() {
        Set<String> english = keys(Texts.load("en"));
        List<String> needed = new ArrayList<>();
        Directory.AREAS.forEach(area -> needed.add("area." + area));
        Directory.STANCES.forEach(stance -> needed.add("stance." + stance));
        Directory.INTENTS.forEach(intent -> needed.add("intent." + intent));
        for (ProposalKind kind : ProposalKind.values()) {
            needed.add("kind." + kind.name());
        }
        // proposal statuses (matchmaking) and exchange statuses (clusters), as their APIs document them
        for (String status : List.of(
                "PROPOSED",
                "ACCEPTED_BY_ONE",
                "AGREED",
                "DECLINED",
                "SUPERSEDED",
                "WITHDRAWN",
                "PLANNED",
                "HELD",
                "CANCELLED")) {
            needed.add("status." + status);
        }
        PortalPages.NOTICES.forEach(notice -> needed.add("notice." + notice));
        ProgrammePages.PAIRING_NOTICES.forEach(notice -> needed.add("pairing.notice." + notice));
        List.of("partnership", "proposal").forEach(kind -> needed.add("map.legend." + kind));
        assertThat(english).containsAll(needed);
    }

    @Test
    void shouldFillInCountsAndCountryNamesPerLanguage() {
        assertThat(Texts.in(Locale.ENGLISH).text("cities.found", 1)).isEqualTo("One city found");
        assertThat(Texts.in(Locale.ENGLISH).text("cities.found", 1234)).isEqualTo("1,234 cities found");
        assertThat(Texts.in(Locale.forLanguageTag("es")).text("cities.found", 0))
                .isEqualTo("No se encontró ninguna ciudad");
        assertThat(Texts.in(Locale.CHINESE).country("MX")).isEqualTo("墨西哥");
        assertThat(Texts.in(Locale.forLanguageTag("es")).country("CN")).isEqualTo("China");
        assertThat(Texts.in(Locale.CHINESE).area("heritage-protection")).isEqualTo("遗产保护");
        assertThat(Texts.in(Locale.ENGLISH).text("no.such.key")).isEqualTo("no.such.key");
    }

    private static Set<String> keys(Properties properties) {
        return new TreeSet<>(properties.stringPropertyNames());
    }
}
