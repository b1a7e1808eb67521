package org.citybridge.matchmaking;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.assertj.core.data.Offset;
import org.citybridge.contracts.events.EventPayload;
import org.citybridge.contracts.events.HeritageAsset;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ExchangeFormat;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.citybridge.matchmaking.Fixtures.codes;
import static org.citybridge.matchmaking.Fixtures.contribution;
import static org.citybridge.matchmaking.Fixtures.reasons;
import static org.citybridge.matchmaking.Fixtures.score;
import static org.citybridge.matchmaking.Scenario.interest;

/**
 * Every feature of the documented model (README, "Model"), through the real broker and the API:
 * each yields its reason code, text and contribution with the default weights, and only when its
 * condition holds. Pairs use areas others rarely combine, and complement each other where a test
 * needs them to stay in a top list whatever else the shared database holds.
 */
@QuarkusTest
class ScoringFeaturesTest {

    private static final Offset<Double> EXACT = Offset.offset(1e-6);

    @Inject
    EventFeed feed;

    private static EventPayload city(UUID id, String name, String country, long population) {
        return Scenario.registered(Fixtures.place(id, name, country, population));
    }

    /** The proposal's reasons of one code: exactly these texts, each contributing {@code contribution}. */
    private static void assertReasons(Map<String, Object> proposal, String code, double contribution, String... texts) {
        assertThat(reasons(proposal, code)).extracting(r -> r.get("text")).containsExactlyInAnyOrder((Object[]) texts);
        assertThat(reasons(proposal, code))
                .allSatisfy(r -> assertThat(contribution(r)).isEqualTo(contribution));
    }

    private static void assertScoreIsTheSumOfItsReasons(Map<String, Object> proposal) {
        @SuppressWarnings("unchecked")
        double sum = ((List<Map<String, Object>>) proposal.get("reasons"))
                .stream().mapToDouble(Fixtures::contribution).sum();
        assertThat(score(proposal)).isCloseTo(sum, EXACT);
    }

    @Test
    void shouldExplainComplementaryInterestsInBothDirections() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        String nameA = Fixtures.name("Complement A");
        String nameB = Fixtures.name("Complement B");
        feed.publishAndAwait(
                city(a, nameA, "MX", 500_000),
                city(b, nameB, "CN", 500_000),
                interest(a, CooperationArea.AGRICULTURE, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP),
                interest(b, CooperationArea.AGRICULTURE, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP),
                // MUTUAL offers too: b seeks what a offers
                interest(b, CooperationArea.TRANSPORT, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP),
                interest(a, CooperationArea.TRANSPORT, Stance.MUTUAL, Intent.THEMATIC_PARTNERSHIP),
                // both seek, nobody offers, and their intents differ: no interest feature in this area
                interest(a, CooperationArea.AIR_QUALITY, Stance.SEEK, Intent.KNOWLEDGE_EXCHANGE),
                interest(b, CooperationArea.AIR_QUALITY, Stance.SEEK, Intent.SISTER_CITY));

        Map<String, Object> proposal = Scenario.awaitOpenProposal(a, b);
        assertReasons(
                proposal,
                "complementary-interest",
                3.0,
                nameA + " seeks agriculture, which " + nameB + " offers",
                nameB + " seeks transport, which " + nameA + " offers");
        assertThat(codes(proposal))
                .containsExactlyInAnyOrder("complementary-interest", "complementary-interest", "scale", "south-south");
        assertThat(score(proposal)).isCloseTo(3.0 + 3.0 + 0.5 + 0.5, EXACT);
        assertThat(codes(proposal).get(0)).isEqualTo("complementary-interest");
        assertThat(proposal.get("kind")).isEqualTo("THEMATIC");
        assertThat(proposal.get("area")).isIn("agriculture", "transport");
    }

    @Test
    void shouldCountSharedInterestsOnlyWithAMatchingIntent() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        feed.publishAndAwait(
                city(a, Fixtures.name("Shared A"), "PE", 800_000),
                city(b, Fixtures.name("Shared B"), "IN", 800_000),
                interest(a, CooperationArea.GREEN_CITIES, Stance.MUTUAL, Intent.SISTER_CITY),
                interest(b, CooperationArea.GREEN_CITIES, Stance.MUTUAL, Intent.SISTER_CITY),
                interest(a, CooperationArea.SMART_CITIES, Stance.SEEK, Intent.KNOWLEDGE_EXCHANGE),
                interest(b, CooperationArea.SMART_CITIES, Stance.SEEK, Intent.KNOWLEDGE_EXCHANGE),
                interest(a, CooperationArea.WASTE_MANAGEMENT, Stance.MUTUAL, Intent.THEMATIC_PARTNERSHIP),
                interest(b, CooperationArea.WASTE_MANAGEMENT, Stance.MUTUAL, Intent.THEMATIC_PARTNERSHIP),
                // same area, different intents: not shared
                interest(a, CooperationArea.CREATIVE_ECONOMY, Stance.MUTUAL, Intent.KNOWLEDGE_EXCHANGE),
                interest(b, CooperationArea.CREATIVE_ECONOMY, Stance.MUTUAL, Intent.THEMATIC_PARTNERSHIP));

        Map<String, Object> proposal = Scenario.awaitOpenProposal(a, b);
        assertReasons(
                proposal,
                "shared-interest",
                1.0,
                "Both cities pursue green cities (sister city)",
                "Both cities pursue smart cities (knowledge exchange)",
                "Both cities pursue waste management (thematic partnership)");
        assertThat(codes(proposal)).doesNotContain("complementary-interest");
        assertThat(score(proposal)).isCloseTo(3 * 1.0 + 0.5 + 0.5, EXACT);
        // a sister-city intent in a matched area, two countries: a sister-city proposal
        assertThat(proposal.get("kind")).isEqualTo("SISTER_CITY");
    }

    @Test
    void shouldNeverProposeAPairWithoutAnInterestFeatureHoweverMuchElseTheyShare() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID cluster = UUID.randomUUID();
        UUID exchange = UUID.randomUUID();
        List<HeritageAsset> heritage = List.of(Scenario.heritage("Old Town " + a, 1990));
        String association = Fixtures.name("Association");
        feed.publishAndAwait(
                Scenario.registered(Fixtures.profile(
                        a,
                        Fixtures.name("NoInterest A"),
                        "MX",
                        900_000L,
                        heritage,
                        List.of(association),
                        List.of(),
                        1)),
                Scenario.registered(Fixtures.profile(
                        b,
                        Fixtures.name("NoInterest B"),
                        "CN",
                        900_000L,
                        heritage,
                        List.of(association),
                        List.of(),
                        1)),
                Scenario.cluster(cluster, Fixtures.name("NoInterest cluster"), CooperationArea.CULTURE),
                Scenario.joined(cluster, a),
                Scenario.joined(cluster, b),
                Scenario.held(
                        exchange,
                        cluster,
                        Fixtures.name("NoInterest exchange"),
                        ExchangeFormat.STUDY_VISIT,
                        LocalDate.of(2023, 5, 4),
                        List.of(a, b),
                        CooperationArea.CULTURE),
                Scenario.survey(exchange, a, true),
                Scenario.survey(exchange, b, true),
                interest(a, CooperationArea.CULTURE, Stance.SEEK, Intent.KNOWLEDGE_EXCHANGE),
                interest(b, CooperationArea.CULTURE, Stance.SEEK, Intent.SISTER_CITY),
                interest(a, CooperationArea.PUBLIC_HEALTH, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP));

        assertThat(Fixtures.openProposal(a, b)).isEmpty();
        given().queryParam("cityId", a)
                .get("/api/v1/proposals")
                .then()
                .statusCode(200)
                .body(
                        "items.findAll { it.cityA == '" + b + "' || it.cityB == '" + b + "' }.size()",
                        org.hamcrest.Matchers.equalTo(0));
        // one complementary area is all it takes: then every other shared fact counts
        feed.publishAndAwait(interest(b, CooperationArea.PUBLIC_HEALTH, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP));
        Map<String, Object> proposal = Scenario.awaitOpenProposal(a, b);
        assertThat(codes(proposal))
                .contains(
                        "complementary-interest",
                        "shared-cluster",
                        "exchange-together",
                        "survey-partnership-wish",
                        "heritage",
                        "shared-association",
                        "scale",
                        "south-south");
        assertScoreIsTheSumOfItsReasons(proposal);
    }

    @Test
    void shouldExplainSharedClustersExchangesAndSurveyWishes() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        UUID cluster1 = UUID.randomUUID();
        UUID cluster2 = UUID.randomUUID();
        UUID cluster3 = UUID.randomUUID();
        UUID course = UUID.randomUUID();
        UUID visit = UUID.randomUUID();
        String c1 = Fixtures.name("Alpha cluster");
        String c2 = Fixtures.name("Beta cluster");
        String courseTitle = Fixtures.name("Course");
        String visitTitle = Fixtures.name("Visit");
        feed.publishAndAwait(
                city(a, Fixtures.name("Together A"), "BR", 2_000_000),
                city(b, Fixtures.name("Together B"), "KE", 2_000_000),
                city(third, Fixtures.name("Together C"), "IN", 2_000_000),
                interest(a, CooperationArea.E_COMMERCE, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP),
                interest(b, CooperationArea.E_COMMERCE, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP),
                Scenario.cluster(cluster1, c1, CooperationArea.E_COMMERCE),
                Scenario.cluster(cluster2, c2, CooperationArea.E_COMMERCE),
                Scenario.cluster(cluster3, Fixtures.name("Gamma cluster"), CooperationArea.E_COMMERCE),
                Scenario.joined(cluster1, a),
                Scenario.joined(cluster1, b),
                Scenario.joined(cluster2, a),
                Scenario.joined(cluster2, b),
                Scenario.joined(cluster3, a), // only a in the third
                Scenario.held(
                        course,
                        cluster1,
                        courseTitle,
                        ExchangeFormat.STUDY_COURSE,
                        LocalDate.of(2021, 3, 1),
                        List.of(a, b, third),
                        CooperationArea.E_COMMERCE),
                Scenario.held(
                        visit,
                        cluster2,
                        visitTitle,
                        ExchangeFormat.STUDY_VISIT,
                        LocalDate.of(2022, 9, 12),
                        List.of(a, b),
                        CooperationArea.E_COMMERCE),
                Scenario.survey(course, a, true),
                Scenario.survey(course, b, true),
                Scenario.survey(visit, a, true),
                Scenario.survey(visit, b, false));

        Map<String, Object> proposal = Scenario.awaitOpenProposal(a, b);
        List<String> sortedNames = new ArrayList<>(List.of(c1, c2));
        java.util.Collections.sort(sortedNames);
        assertThat(reasons(proposal, "shared-cluster")).singleElement().satisfies(r -> {
            assertThat(r.get("text")).isEqualTo("Both are members of 2 clusters: " + String.join("; ", sortedNames));
            assertThat(contribution(r)).isCloseTo(2 * 0.75, EXACT);
        });
        assertReasons(
                proposal,
                "exchange-together",
                1.5,
                "Both took part in \"" + courseTitle + "\" (2021-03-01)",
                "Both took part in \"" + visitTitle + "\" (2022-09-12)");
        // only after the course did both say they want partnerships
        assertThat(reasons(proposal, "survey-partnership-wish")).singleElement().satisfies(r -> {
            assertThat(r.get("text"))
                    .isEqualTo("After \"" + courseTitle + "\" both said in the survey that they want partnerships");
            assertThat(contribution(r)).isEqualTo(0.5);
        });
        assertThat(score(proposal)).isCloseTo(3.0 + 1.5 + 3.0 + 0.5 + 0.5 + 0.5, EXACT);
        assertScoreIsTheSumOfItsReasons(proposal);
    }

    @Test
    void shouldExplainHeritageAssociationsAndScaleOnlyWhenBothQualify() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID small = UUID.randomUUID();
        String assoc1 = Fixtures.name("League of Old Towns");
        String assoc2 = Fixtures.name("Network of River Cities");
        String nameA = Fixtures.name("Heritage A");
        String nameB = Fixtures.name("Heritage B");
        feed.publishAndAwait(
                Scenario.registered(Fixtures.profile(
                        a,
                        nameA,
                        "MX",
                        1_000_000L,
                        List.of(Scenario.heritage("Grottoes of " + nameA, 2000)),
                        List.of(assoc1, assoc2, "Only A's"),
                        List.of(),
                        1)),
                Scenario.registered(Fixtures.profile(
                        b,
                        nameB,
                        "CN",
                        10_000_000L,
                        List.of(Scenario.heritage("Temple of " + nameB, 1994)),
                        List.of(assoc2, assoc1),
                        List.of(),
                        1)),
                // a national monument is not a World Heritage site; 1,000 inhabitants is a factor 1,000 from a
                Scenario.registered(Fixtures.profile(
                        small,
                        Fixtures.name("Heritage small"),
                        "PE",
                        1_000L,
                        List.of(new HeritageAsset("Chapel", "National monument", 1950, List.of())),
                        List.of(assoc1),
                        List.of(),
                        1)),
                interest(a, CooperationArea.HERITAGE_PROTECTION, Stance.SEEK, Intent.KNOWLEDGE_EXCHANGE),
                interest(a, CooperationArea.DISASTER_RISK_REDUCTION, Stance.OFFER, Intent.KNOWLEDGE_EXCHANGE),
                interest(b, CooperationArea.HERITAGE_PROTECTION, Stance.OFFER, Intent.KNOWLEDGE_EXCHANGE),
                interest(b, CooperationArea.DISASTER_RISK_REDUCTION, Stance.SEEK, Intent.KNOWLEDGE_EXCHANGE),
                interest(small, CooperationArea.HERITAGE_PROTECTION, Stance.OFFER, Intent.KNOWLEDGE_EXCHANGE),
                interest(small, CooperationArea.DISASTER_RISK_REDUCTION, Stance.SEEK, Intent.KNOWLEDGE_EXCHANGE));

        Map<String, Object> proposal = Scenario.awaitOpenProposal(a, b);
        assertThat(reasons(proposal, "heritage")).singleElement().satisfies(r -> {
            assertThat((String) r.get("text"))
                    .startsWith("Both hold UNESCO World Heritage sites: ")
                    .contains("Grottoes of " + nameA, "Temple of " + nameB);
            assertThat(contribution(r)).isEqualTo(1.0);
        });
        List<String> shared = new ArrayList<>(List.of(assoc1, assoc2));
        java.util.Collections.sort(shared);
        assertThat(reasons(proposal, "shared-association")).singleElement().satisfies(r -> {
            assertThat(r.get("text")).isEqualTo("Both belong to " + String.join("; ", shared));
            assertThat(contribution(r)).isCloseTo(2 * 0.5, EXACT);
        });
        // a factor of 10 is half-way to no similarity at all
        assertThat(reasons(proposal, "scale")).singleElement().satisfies(r -> {
            assertThat((String) r.get("text")).startsWith("Similar scale (").contains("1,000,000", "10,000,000");
            assertThat(contribution(r)).isCloseTo(0.5 * 0.5, EXACT);
        });
        assertScoreIsTheSumOfItsReasons(proposal);

        Map<String, Object> withSmall = Scenario.awaitOpenProposal(a, small);
        assertThat(codes(withSmall)).doesNotContain("heritage", "scale").contains("shared-association");
        assertThat(reasons(withSmall, "shared-association"))
                .singleElement()
                .satisfies(r -> assertThat(r.get("text")).isEqualTo("Both belong to " + assoc1));
        assertThat(score(withSmall)).isCloseTo(6.0 + 0.5 + 0.5, EXACT);
    }

    @Test
    void shouldCreditPartnerPreferencesByRegionAndCountryInTheDirectionTheyAreMet() {
        UUID luoyang = UUID.randomUUID();
        UUID mexican = UUID.randomUUID();
        UUID indian = UUID.randomUUID();
        String nameL = Fixtures.name("Prefers LatAm");
        String nameM = Fixtures.name("Prefers CN");
        String nameI = Fixtures.name("Prefers nothing");
        feed.publishAndAwait(
                city(luoyang, nameL, "CN", 7_000_000),
                city(mexican, nameM, "MX", 7_000_000),
                city(indian, nameI, "IN", 7_000_000),
                interest(
                        luoyang,
                        CooperationArea.TECHNOLOGY,
                        Stance.SEEK,
                        Intent.THEMATIC_PARTNERSHIP,
                        List.of(Scenario.LATAM)),
                new org.citybridge.contracts.events.InterestExpressed(
                        mexican,
                        UUID.randomUUID(),
                        CooperationArea.TECHNOLOGY,
                        Stance.OFFER,
                        Intent.THEMATIC_PARTNERSHIP,
                        new org.citybridge.contracts.events.PartnerPreferences(List.of(), List.of("CN")),
                        null,
                        "profile",
                        java.time.Instant.now()),
                interest(indian, CooperationArea.TECHNOLOGY, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP),
                interest(luoyang, CooperationArea.SOCIAL_INTEGRATION, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP),
                interest(mexican, CooperationArea.SOCIAL_INTEGRATION, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP),
                interest(indian, CooperationArea.SOCIAL_INTEGRATION, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP));

        Map<String, Object> proposal = Scenario.awaitOpenProposal(luoyang, mexican);
        assertReasons(
                proposal,
                "partner-preference",
                2.0,
                nameL + " looks for partners in Latin America and the Caribbean, where " + nameM + " is",
                nameM + " looks for partners in China, where " + nameL + " is");
        assertThat(score(proposal)).isCloseTo(6.0 + 2 * 2.0 + 0.5 + 0.5, EXACT);

        // an Indian city meets neither preference: the same interests score 4 points less
        Map<String, Object> withIndia = Scenario.awaitOpenProposal(luoyang, indian);
        assertThat(codes(withIndia)).doesNotContain("partner-preference");
        assertThat(score(withIndia)).isCloseTo(score(proposal) - 4.0, EXACT);
        // the partner preferred ranks first
        assertThat(Scenario.cityProposals(luoyang)
                        .<String>getList("partnerCityId")
                        .indexOf(mexican.toString()))
                .isLessThan(Scenario.cityProposals(luoyang)
                        .<String>getList("partnerCityId")
                        .indexOf(indian.toString()));
    }

    @Test
    void shouldAddTheSouthSouthBonusOnlyWhenBothCountriesAreDevelopingEconomies() {
        UUID mexican = UUID.randomUUID();
        UUID chinese = UUID.randomUUID();
        UUID french = UUID.randomUUID();
        feed.publishAndAwait(
                city(mexican, Fixtures.name("South A"), "MX", 3_000_000),
                city(chinese, Fixtures.name("South B"), "CN", 3_000_000),
                city(french, Fixtures.name("North C"), "FR", 3_000_000),
                interest(mexican, CooperationArea.RENEWABLE_ENERGY, Stance.SEEK, Intent.KNOWLEDGE_EXCHANGE),
                interest(mexican, CooperationArea.AIR_QUALITY, Stance.OFFER, Intent.KNOWLEDGE_EXCHANGE),
                interest(chinese, CooperationArea.RENEWABLE_ENERGY, Stance.OFFER, Intent.KNOWLEDGE_EXCHANGE),
                interest(chinese, CooperationArea.AIR_QUALITY, Stance.SEEK, Intent.KNOWLEDGE_EXCHANGE),
                interest(french, CooperationArea.RENEWABLE_ENERGY, Stance.OFFER, Intent.KNOWLEDGE_EXCHANGE),
                interest(french, CooperationArea.AIR_QUALITY, Stance.SEEK, Intent.KNOWLEDGE_EXCHANGE));

        Map<String, Object> south = Scenario.awaitOpenProposal(mexican, chinese);
        assertThat(reasons(south, "south-south")).singleElement().satisfies(r -> {
            assertThat(r.get("text")).isEqualTo("Both cities are in developing economies (South-South cooperation)");
            assertThat(contribution(r)).isEqualTo(0.5);
        });
        Map<String, Object> north = Scenario.awaitOpenProposal(mexican, french);
        assertThat(codes(north)).doesNotContain("south-south");
        assertThat(score(north)).isCloseTo(score(south) - 0.5, EXACT);
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldCloseTrianglesThroughCommonPartnersAndDampTheirLoad() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID common = UUID.randomUUID();
        String commonName = Fixtures.name("Common partner");
        feed.publishAndAwait(
                city(a, Fixtures.name("Triangle A"), "MX", 600_000),
                city(b, Fixtures.name("Triangle B"), "CN", 600_000),
                city(common, commonName, "PE", 600_000),
                interest(a, CooperationArea.CREATIVE_ECONOMY, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP),
                interest(a, CooperationArea.PUBLIC_HEALTH, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP),
                interest(b, CooperationArea.CREATIVE_ECONOMY, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP),
                interest(b, CooperationArea.PUBLIC_HEALTH, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP));
        Map<String, Object> before = Scenario.awaitOpenProposal(a, b);
        assertThat(codes(before)).doesNotContain("network", "load-damper");

        for (UUID city : List.of(a, b)) {
            Scenario.recordPartnership(
                            Scenario.partnership(city, common, "SISTER_CITY", "2015-04-01", "Archive " + city))
                    .statusCode(201);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> after = Fixtures.openProposal(a, b).orElseThrow();
            // Adamic–Adar: the common partner has 2 partnerships, 1 / ln 2
            assertThat(reasons(after, "network")).singleElement().satisfies(r -> {
                assertThat(r.get("text")).isEqualTo("Partners of common partners: " + commonName);
                assertThat(contribution(r)).isCloseTo(1 / Math.log(2), EXACT);
            });
            double damper = -0.25 * (Math.log(2) + Math.log(2));
            assertThat(reasons(after, "load-damper")).singleElement().satisfies(r -> {
                assertThat(r.get("text")).isEqualTo("Damped: the two cities already have 2 partnerships");
                assertThat(contribution(r)).isCloseTo(damper, EXACT);
            });
            assertThat(score(after)).isCloseTo(score(before) + 1 / Math.log(2) + damper, EXACT);
            assertScoreIsTheSumOfItsReasons(after);
        });
    }

    @Test
    void shouldCountPartnersKnownFromTheCityProfileInTheNetworkAndNeverProposeThem() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID common = UUID.randomUUID();
        String commonName = Fixtures.name("Profile partner");
        feed.publishAndAwait(
                city(common, commonName, "KE", 400_000),
                Scenario.registered(Fixtures.profile(
                        a, Fixtures.name("Profile A"), "BR", 400_000L, List.of(), List.of(), List.of(common), 1)),
                Scenario.registered(Fixtures.profile(
                        b, Fixtures.name("Profile B"), "IN", 400_000L, List.of(), List.of(), List.of(common), 1)),
                interest(a, CooperationArea.TRANSPORT, Stance.SEEK, Intent.KNOWLEDGE_EXCHANGE),
                interest(a, CooperationArea.EDUCATION, Stance.OFFER, Intent.KNOWLEDGE_EXCHANGE),
                interest(b, CooperationArea.TRANSPORT, Stance.OFFER, Intent.KNOWLEDGE_EXCHANGE),
                interest(b, CooperationArea.EDUCATION, Stance.SEEK, Intent.KNOWLEDGE_EXCHANGE),
                // the common partner complements both, but they are partners already
                interest(common, CooperationArea.TRANSPORT, Stance.OFFER, Intent.KNOWLEDGE_EXCHANGE),
                interest(common, CooperationArea.EDUCATION, Stance.SEEK, Intent.KNOWLEDGE_EXCHANGE));

        Map<String, Object> proposal = Scenario.awaitOpenProposal(a, b);
        assertThat(reasons(proposal, "network"))
                .singleElement()
                .satisfies(r -> assertThat(r.get("text")).isEqualTo("Partners of common partners: " + commonName));
        assertThat(Fixtures.openProposal(a, common)).isEmpty();
        assertThat(Fixtures.openProposal(b, common)).isEmpty();
        given().queryParam("cityId", common)
                .get("/api/v1/proposals")
                .then()
                .statusCode(200)
                .body(
                        "items.findAll { it.cityA == '" + a + "' || it.cityB == '" + a + "' || it.cityA == '" + b
                                + "' || it.cityB == '" + b + "' }.size()",
                        org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    @TestSecurity(user = "admin", roles = "platform-admin")
    void shouldRankAQuietCityAboveAnEquallyGoodHubWithManyPartnerships() {
        UUID seeker = UUID.randomUUID();
        UUID hub = UUID.randomUUID();
        UUID quiet = UUID.randomUUID();
        String association = Fixtures.name("Damping association");
        List<EventPayload> setup = new ArrayList<>();
        for (UUID id : List.of(seeker, hub, quiet)) {
            setup.add(Scenario.registered(Fixtures.profile(
                    id,
                    Fixtures.name("Load"),
                    id == seeker ? "MX" : "CN",
                    1_500_000L,
                    List.of(),
                    List.of(association),
                    List.of(),
                    1)));
        }
        setup.add(interest(seeker, CooperationArea.TRADE, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP));
        setup.add(interest(seeker, CooperationArea.SMART_CITIES, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP));
        for (UUID offerer : List.of(hub, quiet)) {
            setup.add(interest(offerer, CooperationArea.TRADE, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP));
            setup.add(interest(offerer, CooperationArea.SMART_CITIES, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP));
        }
        feed.publishAndAwait(setup.toArray(EventPayload[]::new));
        for (int i = 0; i < 4; i++) {
            Scenario.recordPartnership(Scenario.partnership(
                            hub, UUID.randomUUID(), "SISTER_CITY", "2010-01-0" + (i + 1), "Hub archive " + i))
                    .statusCode(201);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> withHub = Fixtures.openProposal(seeker, hub).orElseThrow();
            Map<String, Object> withQuiet = Fixtures.openProposal(seeker, quiet).orElseThrow();
            double damper = -0.25 * Math.log(1 + 4);
            assertThat(reasons(withHub, "load-damper")).singleElement().satisfies(r -> {
                assertThat(r.get("text")).isEqualTo("Damped: the two cities already have 4 partnerships");
                assertThat(contribution(r)).isCloseTo(damper, EXACT);
            });
            assertThat(codes(withQuiet)).doesNotContain("load-damper");
            assertThat(score(withHub)).isCloseTo(score(withQuiet) + damper, EXACT);
            List<String> ranking = Scenario.cityProposals(seeker).getList("partnerCityId");
            assertThat(ranking.indexOf(quiet.toString())).isNotNegative().isLessThan(ranking.indexOf(hub.toString()));
        });
    }

    @Test
    void shouldNotProposeAPairBelowTheMinimumScore() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        // one shared interest (1.0), equal scale (0.5), South-South (0.5): 2.0 < min-score 3.0
        feed.publishAndAwait(
                city(a, Fixtures.name("Below A"), "MX", 250_000),
                city(b, Fixtures.name("Below B"), "CN", 250_000),
                city(c, Fixtures.name("Above C"), "CN", 250_000),
                interest(a, CooperationArea.AGRICULTURE, Stance.MUTUAL, Intent.KNOWLEDGE_EXCHANGE),
                interest(b, CooperationArea.AGRICULTURE, Stance.MUTUAL, Intent.KNOWLEDGE_EXCHANGE),
                // one complementary area (3.0) + 1.0 reaches it
                interest(c, CooperationArea.AGRICULTURE, Stance.OFFER, Intent.KNOWLEDGE_EXCHANGE));
        Map<String, Object> above = Scenario.awaitOpenProposal(a, c);
        assertThat(score(above)).isCloseTo(3.0 + 0.5 + 0.5, EXACT);
        assertThat(Fixtures.openProposal(a, b)).isEmpty();
        assertThat(Fixtures.openProposal(b, a)).isEmpty();
    }
}
