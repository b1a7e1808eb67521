package org.citybridge.matchmaking.scoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.citybridge.contracts.events.MatchReason;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reasons in three languages: on every pair of a random world, the English template renders each reason's
 * own text from its params (so the params name everything the text says), Spanish and Chinese have a
 * template for each, and a reason read back from JSON (as a stored proposal is) equals the scored one.
 */
class ReasonTextsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldRenderEveryReasonOfARandomWorldInEveryLanguage() throws Exception {
        RandomWorld world = new RandomWorld(101);
        CityGraph graph = new CityGraph(DevelopingEconomies.load());
        List<UUID[]> interests = new ArrayList<>();
        for (int step = 0; step < 700; step++) {
            world.randomEvent(FeatureContractTest.target(graph), interests);
        }
        PairScorer scorer = new PairScorer(
                graph,
                new MatchSettings(TestWeights.EVERY_FEATURE, 10, 1.0, SouthSouthMode.BONUS, world.countryPairs()));
        TreeSet<String> codes = new TreeSet<>();
        int reasons = 0;
        for (CityNode x : graph.nodes) {
            for (CityNode y : graph.nodes) {
                if (x == y) {
                    continue;
                }
                // a proposal's reasons, and each pair feature's own (also where no proposal would be made)
                Match match = scorer.evaluate(x, y, true, PairScorer.Requirement.AUTO);
                Reasons given = new Reasons();
                for (PairFeature feature : Features.PAIR) {
                    feature.contribute(scorer.pair(x, y), given);
                }
                List<MatchReason> all = new ArrayList<>(given.list());
                if (match != null) {
                    all.addAll(match.reasons());
                }
                for (MatchReason reason : all) {
                    reasons++;
                    codes.add(reason.code());
                    assertThat(ReasonTexts.render(reason, ReasonTexts.ENGLISH))
                            .as("English from the params of %s", reason)
                            .isEqualTo(reason.text());
                    for (Locale language : List.of(ReasonTexts.SPANISH, ReasonTexts.CHINESE)) {
                        assertThat(ReasonTexts.render(reason, language))
                                .as("%s of %s", language, reason)
                                .isNotEqualTo(reason.text())
                                .doesNotContain("{", "}", "|");
                    }
                    assertThat(JSON.readValue(JSON.writeValueAsString(reason), MatchReason.class))
                            .isEqualTo(reason);
                }
            }
        }
        assertThat(reasons).isGreaterThan(1000);
        TreeSet<String> all = new TreeSet<>();
        Features.ALL.forEach(f -> all.add(f.code()));
        all.remove("partner-preference"); // random preferences name regions no city of the world is in
        assertThat(codes).as("every feature gave reasons").containsAll(all);
    }

    @Test
    void shouldWriteSpanishAndChineseSentencesWithTheirOwnNamesAndNumbers() {
        MatchReason proximity = new MatchReason(
                "proximity",
                "Luoyang and Mexico City are 12,968 km apart",
                0.4,
                Map.of("cityA", "Luoyang", "cityB", "Mexico City", "km", 12968));
        assertThat(ReasonTexts.render(proximity, ReasonTexts.SPANISH))
                .isEqualTo("Luoyang y Mexico City están a 12.968 km de distancia");
        assertThat(ReasonTexts.render(proximity, ReasonTexts.CHINESE)).isEqualTo("Luoyang与Mexico City相距12,968公里");

        MatchReason affinity = new MatchReason(
                "country-affinity",
                "Cities in Mexico and China have formed 1 partnership",
                0.7,
                Map.of("countryA", "MX", "countryB", "CN", "count", 1));
        assertThat(ReasonTexts.render(affinity, ReasonTexts.SPANISH))
                .isEqualTo("Ciudades de México y China han formado 1 hermanamiento");
        assertThat(ReasonTexts.render(affinity, ReasonTexts.CHINESE)).isEqualTo("墨西哥和中国的城市已建立1项伙伴关系");

        MatchReason complementary = new MatchReason(
                "complementary-interest",
                "Mexico City seeks culture, which Luoyang offers",
                3,
                Map.of("seeker", "Mexico City", "area", "CULTURE", "offerer", "Luoyang"));
        assertThat(ReasonTexts.render(complementary, ReasonTexts.SPANISH))
                .isEqualTo("Mexico City busca cultura, que Luoyang ofrece");
        assertThat(ReasonTexts.render(complementary, ReasonTexts.CHINESE)).isEqualTo("Mexico City寻求文化，而Luoyang可以提供");

        MatchReason region = new MatchReason(
                "same-sub-region",
                "Both are in Latin America and the Caribbean",
                0.5,
                Map.of("subRegion", "Latin America and the Caribbean"));
        assertThat(ReasonTexts.render(region, ReasonTexts.SPANISH))
                .isEqualTo("Ambas están en América Latina y el Caribe");
        assertThat(ReasonTexts.render(region, ReasonTexts.CHINESE)).isEqualTo("两座城市都位于拉丁美洲和加勒比");

        MatchReason languages = new MatchReason(
                "shared-language",
                "Both have English and Spanish as an official language",
                0.6,
                Map.of("languages", List.of("en", "es")));
        assertThat(ReasonTexts.render(languages, ReasonTexts.SPANISH))
                .isEqualTo("Ambas tienen inglés y español como lengua oficial");
        assertThat(ReasonTexts.render(languages, ReasonTexts.CHINESE)).isEqualTo("两座城市的官方语言都包括英语和西班牙语");
        MatchReason beforeI = new MatchReason(
                "shared-language",
                "Both have Spanish and English as an official language",
                0.6,
                Map.of("languages", List.of("es", "en")));
        assertThat(ReasonTexts.render(beforeI, ReasonTexts.SPANISH))
                .as("y before an i sound is e")
                .isEqualTo("Ambas tienen español e inglés como lengua oficial");
        MatchReason countries = new MatchReason(
                "country-affinity",
                "Cities in Mexico and India have formed 12 partnerships",
                0.7,
                Map.of("countryA", "MX", "countryB", "IN", "count", 12));
        assertThat(ReasonTexts.render(countries, ReasonTexts.SPANISH))
                .isEqualTo("Ciudades de México e India han formado 12 hermanamientos");
        MatchReason linked = new MatchReason(
                "linked-partners",
                "Their partners are partners of each other: Seattle – Paris, Puebla – Luoyang",
                0.9,
                Map.of("links", List.of("Seattle – Paris", "Puebla – Luoyang"), "count", 2));
        assertThat(ReasonTexts.render(linked, ReasonTexts.SPANISH))
                .isEqualTo("Sus socios son socios entre sí: Seattle – Paris, Puebla – Luoyang");
        assertThat(ReasonTexts.render(linked, ReasonTexts.CHINESE))
                .isEqualTo("双方的伙伴城市彼此结为伙伴：Seattle – Paris、Puebla – Luoyang");
    }

    @Test
    void shouldNameAPreferredPlaceInTheLanguage() {
        MatchReason region = new MatchReason(
                "partner-preference",
                "Luoyang looks for partners in Latin America and the Caribbean, where Mexico City is",
                2,
                Map.of("city", "Luoyang", "place", "Latin America and the Caribbean", "partner", "Mexico City"));
        assertThat(ReasonTexts.render(region, ReasonTexts.SPANISH))
                .isEqualTo("Luoyang busca socios en América Latina y el Caribe, donde está Mexico City");
        MatchReason country = new MatchReason(
                "partner-preference",
                "Luoyang looks for partners in Mexico, where Mexico City is",
                2,
                Map.of("city", "Luoyang", "place", "MX", "partner", "Mexico City"));
        assertThat(ReasonTexts.render(country, ReasonTexts.CHINESE)).isEqualTo("Luoyang希望在墨西哥寻找伙伴，Mexico City正位于该地");
        assertThat(ReasonTexts.render(country, ReasonTexts.ENGLISH)).isEqualTo(country.text());
    }

    @Test
    void shouldKeepTheEnglishTextOfAReasonStoredWithoutParams() {
        MatchReason stored = new MatchReason("proximity", "Luoyang and Mexico City are 12,968 km apart", 0.4);
        assertThat(ReasonTexts.render(stored, ReasonTexts.CHINESE)).isEqualTo(stored.text());
        MatchReason unknown = new MatchReason("a-future-feature", "Something new", 1, Map.of("n", 1));
        assertThat(ReasonTexts.render(unknown, ReasonTexts.SPANISH)).isEqualTo("Something new");
    }

    @Test
    void shouldChooseTheFirstAcceptableLanguageItWrites() {
        assertThat(ReasonTexts.negotiate(List.of(Locale.forLanguageTag("es-MX"), Locale.ENGLISH)))
                .isEqualTo(ReasonTexts.SPANISH);
        assertThat(ReasonTexts.negotiate(List.of(Locale.forLanguageTag("fr"), Locale.forLanguageTag("zh-Hans-CN"))))
                .isEqualTo(ReasonTexts.CHINESE);
        assertThat(ReasonTexts.negotiate(List.of(Locale.forLanguageTag("de")))).isEqualTo(ReasonTexts.ENGLISH);
        assertThat(ReasonTexts.negotiate(List.of())).isEqualTo(ReasonTexts.ENGLISH);
    }
}
