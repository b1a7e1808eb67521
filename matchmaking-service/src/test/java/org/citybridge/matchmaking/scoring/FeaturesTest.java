package org.citybridge.matchmaking.scoring;

import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.citybridge.contracts.vocabulary.CooperationArea.AGRICULTURE;
import static org.citybridge.contracts.vocabulary.CooperationArea.ECONOMIC_DEVELOPMENT;
import static org.citybridge.contracts.vocabulary.CooperationArea.GREEN_CITIES;
import static org.citybridge.contracts.vocabulary.CooperationArea.TOURISM;
import static org.citybridge.contracts.vocabulary.Intent.KNOWLEDGE_EXCHANGE;
import static org.citybridge.contracts.vocabulary.Intent.SISTER_CITY;
import static org.citybridge.contracts.vocabulary.Intent.THEMATIC_PARTNERSHIP;
import static org.citybridge.contracts.vocabulary.Stance.MUTUAL;
import static org.citybridge.contracts.vocabulary.Stance.OFFER;
import static org.citybridge.contracts.vocabulary.Stance.SEEK;

/**
 * Each feature on its own, with the default weights: its exact contribution, its bounds and its reason
 * text. Plain Java: the graph is built by hand, nothing runs but the feature.
 */
class FeaturesTest {

    private static final String LATAM = "Latin America and the Caribbean";

    private final ScoringWorld world = new ScoringWorld();
    private final CityNode mexicoCity = world.city(
            "Mexico City", "MX", 9_209_944, List.of("Historic Centre of Mexico City and Xochimilco"), List.of("MWHCA"));
    private final CityNode luoyang =
            world.city("Luoyang", "CN", 7_079_000, List.of("Longmen Grottoes"), List.of("MWHCA"));
    private final CityNode lyon = world.city("Lyon", "FR", 522_000);

    private void interest(CityNode city, CooperationArea area, Stance stance, Intent intent) {
        world.interest(city, area, stance, intent);
    }

    @Nested
    class ComplementaryInterestFeature {

        @Test
        void shouldCountEachDirectionWhereOneSeeksWhatTheOtherOffers() {
            interest(mexicoCity, ECONOMIC_DEVELOPMENT, SEEK, THEMATIC_PARTNERSHIP);
            interest(luoyang, ECONOMIC_DEVELOPMENT, OFFER, THEMATIC_PARTNERSHIP);
            interest(luoyang, AGRICULTURE, SEEK, THEMATIC_PARTNERSHIP);
            interest(mexicoCity, AGRICULTURE, MUTUAL, THEMATIC_PARTNERSHIP); // MUTUAL offers too

            ScoringWorld.Explained explained = world.explain(Features.COMPLEMENTARY_INTEREST, mexicoCity, luoyang);

            assertThat(explained.value()).isEqualTo(6.0);
            assertThat(explained.texts())
                    .containsExactlyInAnyOrder(
                            "Mexico City seeks economic development, which Luoyang offers",
                            "Luoyang seeks agriculture, which Mexico City offers");
            assertThat(explained.reasons())
                    .allSatisfy(r -> assertThat(r.contribution()).isEqualTo(3.0));
        }

        @Test
        void shouldGiveNothingWhenBothOnlySeek() {
            interest(mexicoCity, TOURISM, SEEK, SISTER_CITY);
            interest(luoyang, TOURISM, SEEK, SISTER_CITY);

            assertThat(world.explain(Features.COMPLEMENTARY_INTEREST, mexicoCity, luoyang)
                            .value())
                    .isZero();
        }

        @Test
        void shouldBeBoundedByItsMatchClassInTheSearch() {
            interest(mexicoCity, TOURISM, MUTUAL, SISTER_CITY);
            interest(luoyang, TOURISM, MUTUAL, SISTER_CITY);
            interest(lyon, TOURISM, OFFER, SISTER_CITY);
            PairScorer scorer = world.scorer();

            // Mexico City's lists: MUTUAL against OFFER is one direction (3), MUTUAL against MUTUAL shared (1)
            assertThat(scorer.interestPart(mexicoCity, lyon)).isEqualTo(3.0);
            assertThat(scorer.interestPart(mexicoCity, luoyang)).isEqualTo(1.0);
            assertThat(listBound(scorer, mexicoCity, lyon)).isEqualTo(3.0);
            assertThat(listBound(scorer, mexicoCity, luoyang)).isEqualTo(1.0);
        }

        private double listBound(PairScorer scorer, CityNode a, CityNode candidate) {
            double[] bound = {0};
            scorer.searchLists(a, new SearchLists() {
                public int newGroup() {
                    return 100;
                }

                public void add(IdSet cities, double b, int group) {
                    if (group < CityNode.AREAS && cities.contains(candidate.idx)) {
                        bound[0] += b;
                    }
                }

                public IdSet union() {
                    return new IdSet();
                }
            });
            return bound[0];
        }
    }

    @Nested
    class SharedInterestFeature {

        @Test
        void shouldCountAnAreaBothPursueWithACommonIntent() {
            interest(mexicoCity, GREEN_CITIES, MUTUAL, SISTER_CITY);
            interest(luoyang, GREEN_CITIES, MUTUAL, SISTER_CITY);

            ScoringWorld.Explained explained = world.explain(Features.SHARED_INTEREST, mexicoCity, luoyang);

            assertThat(explained.value()).isEqualTo(1.0);
            assertThat(explained.texts()).containsExactly("Both cities pursue green cities (sister city)");
        }

        @Test
        void shouldGiveNothingWhereTheyComplementEachOtherOrTheirIntentsDiffer() {
            interest(mexicoCity, TOURISM, SEEK, SISTER_CITY);
            interest(luoyang, TOURISM, OFFER, SISTER_CITY);
            interest(mexicoCity, GREEN_CITIES, MUTUAL, KNOWLEDGE_EXCHANGE);
            interest(luoyang, GREEN_CITIES, MUTUAL, THEMATIC_PARTNERSHIP);

            assertThat(world.explain(Features.SHARED_INTEREST, mexicoCity, luoyang)
                            .value())
                    .isZero();
        }
    }

    @Nested
    class PartnerPreferenceFeature {

        @Test
        void shouldCountAPreferenceOfAMatchedAreaThatTheOtherCityMeets() {
            interest(mexicoCity, TOURISM, MUTUAL, SISTER_CITY);
            world.interest(luoyang, TOURISM, MUTUAL, SISTER_CITY, List.of(LATAM), List.of());

            ScoringWorld.Explained explained = world.explain(Features.PARTNER_PREFERENCE, mexicoCity, luoyang);

            assertThat(explained.value()).isEqualTo(2.0);
            assertThat(explained.texts())
                    .containsExactly("Luoyang looks for partners in " + LATAM + ", where Mexico City is");
            PairScorer scorer = world.scorer();
            assertThat(Features.PARTNER_PREFERENCE.bound(scorer, mexicoCity, luoyang))
                    .isEqualTo(2.0);
            assertThat(world.listBound(Features.PARTNER_PREFERENCE, luoyang, mexicoCity))
                    .isEqualTo(2.0);
            assertThat(world.listBound(Features.PARTNER_PREFERENCE, mexicoCity, luoyang))
                    .as("Mexico City's search: Luoyang prefers its place")
                    .isEqualTo(2.0);
            assertThat(world.listBound(Features.PARTNER_PREFERENCE, mexicoCity, lyon))
                    .isZero();
        }

        @Test
        void shouldMeetAPreferenceWhateverTheCaseOfItsPlace() {
            world.interest(mexicoCity, TOURISM, MUTUAL, SISTER_CITY, List.of(), List.of("cn"));
            world.interest(luoyang, TOURISM, MUTUAL, SISTER_CITY, List.of(LATAM.toUpperCase(Locale.ROOT)), List.of());

            ScoringWorld.Explained explained = world.explain(Features.PARTNER_PREFERENCE, mexicoCity, luoyang);

            assertThat(explained.value())
                    .as("both preferences met, the same with and without reasons (explain checks that)")
                    .isEqualTo(4.0);
            assertThat(explained.texts())
                    .containsExactlyInAnyOrder(
                            "Mexico City looks for partners in China, where Luoyang is",
                            "Luoyang looks for partners in " + LATAM.toUpperCase(Locale.ROOT)
                                    + ", where Mexico City is");
            assertThat(world.explain(Features.PARTNER_PREFERENCE, mexicoCity, lyon)
                            .value())
                    .isZero();
        }

        @Test
        void shouldIgnoreAPreferenceOfAnAreaTheyDoNotMatchIn() {
            interest(mexicoCity, TOURISM, MUTUAL, SISTER_CITY);
            interest(luoyang, TOURISM, MUTUAL, SISTER_CITY);
            world.interest(luoyang, AGRICULTURE, SEEK, SISTER_CITY, List.of(), List.of("MX"));

            assertThat(world.explain(Features.PARTNER_PREFERENCE, mexicoCity, luoyang)
                            .value())
                    .isZero();
            assertThat(Features.PARTNER_PREFERENCE.bound(world.scorer(), mexicoCity, luoyang))
                    .as("the bound does not look at areas")
                    .isEqualTo(2.0);
        }
    }

    @Nested
    class SharedClusterFeature {

        @Test
        void shouldCountEachClusterBothBelongTo() {
            world.cluster("Renewable Energy Development", mexicoCity, luoyang);
            world.cluster("Sustainable Tourism", mexicoCity, luoyang, lyon);
            world.cluster("Public Health", mexicoCity);

            ScoringWorld.Explained explained = world.explain(Features.SHARED_CLUSTER, mexicoCity, luoyang);

            assertThat(explained.value()).isEqualTo(1.5);
            assertThat(explained.texts())
                    .containsExactly(
                            "Both are members of 2 clusters: Renewable Energy Development; Sustainable Tourism");
            assertThat(world.explain(Features.SHARED_CLUSTER, mexicoCity, lyon).texts())
                    .containsExactly("Both are members of the cluster Sustainable Tourism");
            assertThat(Features.SHARED_CLUSTER.bound(world.scorer(), mexicoCity, luoyang))
                    .isEqualTo(1.5);
            assertThat(world.listBound(Features.SHARED_CLUSTER, mexicoCity, luoyang))
                    .isEqualTo(1.5);
            assertThat(world.listBound(Features.SHARED_CLUSTER, mexicoCity, lyon))
                    .isEqualTo(0.75);
        }
    }

    @Nested
    class ExchangeFeatures {

        @Test
        void shouldCountEachHeldExchangeBothAttendedAndEachSharedWish() {
            var course = world.exchange(
                    "Promoting Inclusive and Sustainable Tourism Development",
                    LocalDate.of(2020, 12, 8),
                    mexicoCity,
                    luoyang,
                    lyon);
            world.exchange("Mexico City – Luoyang video conference", LocalDate.of(2022, 2, 22), mexicoCity, luoyang);
            world.wantsPartnership(course, mexicoCity);
            world.wantsPartnership(course, luoyang);

            ScoringWorld.Explained together = world.explain(Features.EXCHANGE_TOGETHER, mexicoCity, luoyang);
            ScoringWorld.Explained wish = world.explain(Features.SURVEY_PARTNERSHIP_WISH, mexicoCity, luoyang);

            assertThat(together.value()).isEqualTo(3.0);
            assertThat(together.texts())
                    .contains("Both took part in \"Mexico City – Luoyang video conference\" (2022-02-22)");
            assertThat(wish.value()).isEqualTo(0.5);
            assertThat(wish.texts())
                    .containsExactly("After \"Promoting Inclusive and Sustainable Tourism Development\""
                            + " both said in the survey that they want partnerships");
            assertThat(world.explain(Features.SURVEY_PARTNERSHIP_WISH, mexicoCity, lyon)
                            .value())
                    .as("Lyon did not say so")
                    .isZero();
            assertThat(world.sparse(Features.EXCHANGE_TOGETHER, lyon, mexicoCity))
                    .isTrue();
            assertThat(world.sparse(Features.SURVEY_PARTNERSHIP_WISH, lyon, luoyang))
                    .isTrue();
            assertThat(Features.EXCHANGE_TOGETHER.bound(world.scorer(), lyon, luoyang))
                    .isEqualTo(1.5);
        }
    }

    @Nested
    class HeritageFeature {

        @Test
        void shouldCountBothHoldingWorldHeritageOnce() {
            ScoringWorld.Explained explained = world.explain(Features.HERITAGE, mexicoCity, luoyang);

            assertThat(explained.value()).isEqualTo(1.0);
            assertThat(explained.texts())
                    .containsExactly("Both hold UNESCO World Heritage sites: "
                            + "Historic Centre of Mexico City and Xochimilco; Longmen Grottoes");
            assertThat(world.explain(Features.HERITAGE, mexicoCity, lyon).value())
                    .isZero();
            assertThat(world.listBound(Features.HERITAGE, mexicoCity, luoyang)).isEqualTo(1.0);
            assertThat(world.listBound(Features.HERITAGE, mexicoCity, lyon)).isZero();
            assertThat(world.listBound(Features.HERITAGE, lyon, luoyang))
                    .as("Lyon holds none: no list")
                    .isZero();
        }
    }

    @Nested
    class SharedAssociationFeature {

        @Test
        void shouldCountEachAssociationBothBelongTo() {
            ScoringWorld.Explained explained = world.explain(Features.SHARED_ASSOCIATION, mexicoCity, luoyang);

            assertThat(explained.value()).isEqualTo(0.5);
            assertThat(explained.texts()).containsExactly("Both belong to MWHCA");
            assertThat(world.explain(Features.SHARED_ASSOCIATION, mexicoCity, lyon)
                            .value())
                    .isZero();
            assertThat(Features.SHARED_ASSOCIATION.residual(world.scorer(), mexicoCity))
                    .isEqualTo(0.5);
            assertThat(Features.SHARED_ASSOCIATION.residual(world.scorer(), lyon))
                    .isZero();
        }
    }

    @Nested
    class ScaleFeature {

        @Test
        void shouldFallFromItsWeightForEqualPopulationsToNothingAtAFactorOfAHundred() {
            CityNode twin = world.city("Twin", "FR", 522_000);
            CityNode village = world.city("Village", "FR", 5_220);

            assertThat(world.explain(Features.SCALE, lyon, twin).value()).isEqualTo(0.5);
            assertThat(world.explain(Features.SCALE, lyon, village).value()).isZero();
            ScoringWorld.Explained explained = world.explain(Features.SCALE, mexicoCity, luoyang);
            assertThat(explained.value())
                    .isCloseTo(0.5 * (1 - Math.abs(Math.log10(9_209_944) - Math.log10(7_079_000)) / 2), offset(1e-12));
            assertThat(explained.texts()).containsExactly("Similar scale (9,209,944 and 7,079,000 inhabitants)");
            // indexed by half decades of population, no residual: the search credits the village nothing
            assertThat(Features.SCALE.residual(world.scorer(), lyon)).isZero();
            assertThat(world.listBound(Features.SCALE, lyon, twin)).isEqualTo(0.5);
            assertThat(world.listBound(Features.SCALE, lyon, village)).isLessThan(0.5 * 0.3);
        }
    }

    @Nested
    class SouthSouthFeature {

        @Test
        void shouldRewardTwoDevelopingEconomiesInBonusModeOnly() {
            ScoringWorld.Explained explained = world.explain(Features.SOUTH_SOUTH, mexicoCity, luoyang);

            assertThat(explained.value()).isEqualTo(0.5);
            assertThat(explained.texts())
                    .containsExactly("Both cities are in developing economies (South-South cooperation)");
            assertThat(world.explain(Features.SOUTH_SOUTH, mexicoCity, lyon).value())
                    .isZero();
            assertThat(Features.SOUTH_SOUTH.residual(world.scorer(), lyon)).isZero();
            // indexed: the search credits Luoyang, not Lyon, with it for Mexico City
            assertThat(world.listBound(Features.SOUTH_SOUTH, mexicoCity, luoyang))
                    .isEqualTo(0.5);
            assertThat(world.listBound(Features.SOUTH_SOUTH, mexicoCity, lyon)).isZero();

            world.settings(new MatchSettings(Weights.defaults(), 10, 3.0, SouthSouthMode.FILTER));
            assertThat(world.explain(Features.SOUTH_SOUTH, mexicoCity, luoyang).value())
                    .as("in FILTER mode the constraint excludes the others instead")
                    .isZero();
            assertThat(Features.SOUTH_SOUTH.residual(world.scorer(), mexicoCity))
                    .isZero();
        }
    }

    @Nested
    class NetworkAndLoadFeatures {

        @Test
        void shouldScorePartnersOfCommonPartnersAndDampBothCitiesLoad() {
            CityNode puebla = world.city("Puebla", "MX", 1_692_000);
            world.partners(mexicoCity, puebla);
            world.partners(luoyang, puebla);

            ScoringWorld.Explained network = world.explain(Features.NETWORK, mexicoCity, luoyang);
            ScoringWorld.Explained damper = world.explain(Features.LOAD_DAMPER, mexicoCity, luoyang);

            assertThat(network.value()).isCloseTo(1 / Math.log(2), offset(1e-12));
            assertThat(network.texts()).containsExactly("Partners of common partners: Puebla");
            assertThat(Features.NETWORK.bound(world.scorer(), mexicoCity, luoyang))
                    .isGreaterThanOrEqualTo(network.value());
            assertThat(world.sparse(Features.NETWORK, mexicoCity, luoyang)).isTrue();
            assertThat(damper.value()).isCloseTo(-0.25 * 2 * Math.log(2), offset(1e-12));
            assertThat(damper.texts()).containsExactly("Damped: the two cities already have 2 partnerships");
            assertThat(Features.LOAD_DAMPER.bound(world.scorer(), mexicoCity, luoyang))
                    .as("exact: the pair bound takes the damping into account")
                    .isEqualTo(damper.value());
            assertThat(world.explain(Features.NETWORK, mexicoCity, lyon).value())
                    .isZero();
        }
    }

    @Nested
    class LearnedFeatures {

        private final CityNode lyonAt = world.city("Lyon", "FR", 45.764, 4.835, List.of("fr"));
        private final CityNode paris = world.city("Paris", "FR", 48.857, 2.352, List.of("fr"));
        private final CityNode guadalajara = world.city("Guadalajara", "MX", 20.659, -103.349, List.of("es"));
        private final CityNode seattle = world.city("Seattle", "US", 47.606, -122.332, List.of("en"));

        private MatchSettings weighted(String key, double weight, CountryPairs pairs) {
            return new MatchSettings(Weights.defaults().with(key, weight), 10, 3.0, SouthSouthMode.BONUS, pairs);
        }

        @Test
        void countryAffinityShouldGrowWithThePartnershipsTheTwoCountriesFormed() {
            world.settings(weighted("country-affinity", 0.5, CountryPairs.of(Map.of("FR-MX", 120, "US-FR", 3))));

            ScoringWorld.Explained explained = world.explain(Features.COUNTRY_AFFINITY, lyonAt, guadalajara);

            assertThat(explained.value()).isCloseTo(0.5 * Math.log1p(120), offset(1e-12));
            assertThat(explained.texts()).containsExactly("Cities in France and Mexico have formed 120 partnerships");
            assertThat(world.explain(Features.COUNTRY_AFFINITY, guadalajara, seattle)
                            .value())
                    .as("no partnership between Mexico and the United States was learned")
                    .isZero();
            assertThat(world.listBound(Features.COUNTRY_AFFINITY, lyonAt, guadalajara))
                    .isCloseTo(explained.value(), offset(1e-12));
            assertThat(world.listBound(Features.COUNTRY_AFFINITY, lyonAt, seattle))
                    .isCloseTo(0.5 * Math.log1p(3), offset(1e-12));
        }

        @Test
        void proximityShouldFallWithDistanceAndNameIt() {
            world.settings(weighted("proximity", 2.0, CountryPairs.NONE));

            ScoringWorld.Explained near = world.explain(Features.PROXIMITY, lyonAt, paris);
            ScoringWorld.Explained far = world.explain(Features.PROXIMITY, lyonAt, seattle);

            assertThat(near.texts()).containsExactly("Lyon and Paris are 392 km apart");
            assertThat(near.value()).isCloseTo(2.0 * Proximity.closeness(392.0), offset(0.01));
            assertThat(far.value()).isLessThan(near.value()).isPositive();
            assertThat(Proximity.closeness(0)).isEqualTo(1.0);
            assertThat(Features.PROXIMITY.bound(world.scorer(), lyonAt, paris)).isEqualTo(near.value());
            assertThat(world.listBound(Features.PROXIMITY, lyonAt, paris)
                            + Features.PROXIMITY.residual(world.scorer(), lyonAt))
                    .as("the cell's bound never under the pair's value")
                    .isGreaterThanOrEqualTo(near.value());
            assertThat(world.explain(Features.PROXIMITY, mexicoCity, lyonAt).value())
                    .as("Mexico City's coordinates are unknown here")
                    .isZero();
        }

        @Test
        void proximityShouldLeaveOnlyRowsBeyondItsReachToTheResidual() {
            java.util.Random random = new java.util.Random(20261206);
            int outside = 0;
            for (int i = 0; i < 20_000; i++) {
                double[] p = GeoGrid.unit(random.nextDouble() * 180 - 90, random.nextDouble() * 360 - 180);
                double latitude = random.nextDouble() * 180 - 90;
                double longitude = random.nextDouble() * 360 - 180;
                int[] rows = GeoGrid.cellsWithinLatitudeOf(p, Proximity.REACH);
                int cell = GeoGrid.cell(latitude, longitude);
                if (cell < rows[0] || cell >= rows[1]) {
                    outside++;
                    assertThat(Proximity.closeness(GeoGrid.kilometres(p, GeoGrid.unit(latitude, longitude))))
                            .as("a city in a row the search skips is left to the residual")
                            .isLessThanOrEqualTo(Proximity.FLOOR);
                }
            }
            assertThat(outside).as("most random pairs lie in rows beyond reach").isGreaterThan(10_000);
            double[] lyon = GeoGrid.unit(45.76, 4.84);
            int[] rows = GeoGrid.cellsWithinLatitudeOf(lyon, Proximity.REACH);
            assertThat(GeoGrid.cell(45.76 + 17.5, 4.84))
                    .as("1,950 km due north is still within reach")
                    .isBetween(rows[0], rows[1] - 1);
            assertThat(GeoGrid.cell(45.76 - 20, 4.84))
                    .as("2,220 km due south is not")
                    .isLessThan(rows[0]);
            assertThat(Proximity.closeness(Proximity.REACH * GeoGrid.EARTH_RADIUS_KM))
                    .isLessThanOrEqualTo(Proximity.FLOOR);
            assertThat(Proximity.closeness(Proximity.REACH * GeoGrid.EARTH_RADIUS_KM - 5))
                    .as("the reach is not wider than it needs to be")
                    .isGreaterThan(Proximity.FLOOR);
        }

        @Test
        void sameSubRegionAndSharedLanguageShouldCountOnce() {
            world.settings(new MatchSettings(
                    Weights.defaults().with("same-sub-region", 0.3).with("shared-language", 0.4),
                    10,
                    3.0,
                    SouthSouthMode.BONUS));
            CityNode quebec = world.city("Québec", "US", 46.813, -71.208, List.of("fr", "en"));

            assertThat(world.explain(Features.SAME_SUB_REGION, lyonAt, paris).texts())
                    .containsExactly("Both are in Western Europe");
            assertThat(world.explain(Features.SAME_SUB_REGION, lyonAt, paris).value())
                    .isEqualTo(0.3);
            assertThat(world.explain(Features.SAME_SUB_REGION, lyonAt, seattle).value())
                    .isZero();
            ScoringWorld.Explained language = world.explain(Features.SHARED_LANGUAGE, lyonAt, quebec);
            assertThat(language.value()).isEqualTo(0.4);
            assertThat(language.texts()).containsExactly("Both have French as an official language");
            assertThat(world.explain(Features.SHARED_LANGUAGE, guadalajara, lyonAt)
                            .value())
                    .isZero();
            assertThat(world.listBound(Features.SHARED_LANGUAGE, lyonAt, quebec))
                    .isEqualTo(0.4);
            assertThat(world.listBound(Features.SAME_SUB_REGION, lyonAt, seattle))
                    .isZero();
        }

        @Test
        void activityShouldGrowWithBothCitiesPartnerships() {
            world.settings(weighted("activity", 0.6, CountryPairs.NONE));
            world.partners(lyonAt, seattle);
            world.partners(lyonAt, mexicoCity);
            world.partners(paris, seattle);

            ScoringWorld.Explained explained = world.explain(Features.ACTIVITY, lyonAt, paris);

            assertThat(explained.value()).isCloseTo(0.6 * (Math.log1p(2) + Math.log1p(1)), offset(1e-12));
            assertThat(explained.texts()).containsExactly("Lyon has 2 partnerships, Paris 1 partnership");
            assertThat(world.explain(Features.ACTIVITY, guadalajara, luoyang).value())
                    .isZero();
            // the load damper (0.25 by default) has the activity's form with the opposite sign: bounded with it
            assertThat(world.listBound(Features.ACTIVITY, guadalajara, lyonAt)
                            + Features.ACTIVITY.residual(world.scorer(), guadalajara))
                    .isGreaterThanOrEqualTo((0.6 - 0.25) * Math.log1p(2))
                    .isLessThan(0.6 * Math.log1p(2));
            assertThat(world.listBound(Features.ACTIVITY, lyonAt, paris)
                            + Features.ACTIVITY.residual(world.scorer(), lyonAt))
                    .as("exact below 16 partnerships: Lyon's share and Paris's bucket")
                    .isCloseTo(
                            explained.value()
                                    + world.explain(Features.LOAD_DAMPER, lyonAt, paris)
                                            .value(),
                            offset(1e-9));
            world.settings(new MatchSettings(
                    Weights.defaults().with("activity", 0.2).with("load-damper", 0.3),
                    10,
                    3.0,
                    SouthSouthMode.BONUS,
                    CountryPairs.NONE));
            assertThat(world.listBound(Features.ACTIVITY, lyonAt, paris))
                    .as("together never positive: no lists")
                    .isZero();
            assertThat(Features.ACTIVITY.residual(world.scorer(), lyonAt))
                    .isCloseTo(-0.1 * Math.log1p(2), offset(1e-12));
        }

        @Test
        void activityBoundShouldHoldWithinAQuarterDoublingForCitiesWithManyPartners() {
            world.settings(weighted("activity", 0.6, CountryPairs.NONE)); // load damper 0.25 by default
            // 15 is the last exact bucket; above, four buckets per doubling
            for (int count : new int[] {15, 16, 17, 23, 31, 32, 40, 63, 64}) {
                CityNode busy = world.city("Busy " + count, "FR", 45.0, 5.0, List.of("fr"));
                for (int i = 0; i < count; i++) {
                    world.partners(busy, world.city("Partner " + count + "/" + i, "US", 40.0, -75.0, List.of("en")));
                }
                double exact = world.explain(Features.ACTIVITY, lyonAt, busy).value()
                        + world.explain(Features.LOAD_DAMPER, lyonAt, busy).value();
                double bound = world.listBound(Features.ACTIVITY, lyonAt, busy)
                        + Features.ACTIVITY.residual(world.scorer(), lyonAt);
                assertThat(bound)
                        .as("%d partners", count)
                        .isGreaterThanOrEqualTo(exact - 1e-12)
                        .isLessThanOrEqualTo(exact + (0.6 - 0.25) * Math.log(2) / 4 + 1e-12);
            }
        }

        @Test
        void linkedPartnersShouldCountPathsOfThreePartnershipsAndNameTheLinks() {
            world.settings(weighted("linked-partners", 2.0, CountryPairs.NONE));
            // Lyon – Seattle – Paris – Guadalajara, and Lyon – Mexico City – Luoyang – Guadalajara
            world.partners(lyonAt, seattle);
            world.partners(seattle, paris);
            world.partners(paris, guadalajara);
            world.partners(lyonAt, mexicoCity);
            world.partners(mexicoCity, luoyang);
            world.partners(luoyang, guadalajara);
            world.partners(luoyang, lyon);

            ScoringWorld.Explained explained = world.explain(Features.LINKED_PARTNERS, lyonAt, guadalajara);

            // per path 1 / sqrt(partners of the two middle cities): Seattle 2, Paris 2; Mexico City 2, Luoyang 3
            assertThat(explained.value()).isCloseTo(2.0 * (1 / Math.sqrt(4) + 1 / Math.sqrt(6)), offset(1e-12));
            assertThat(explained.texts())
                    .containsExactly(
                            "Their partners are partners of each other: Seattle – Paris, Mexico City – Luoyang");
            assertThat(Features.LINKED_PARTNERS.bound(world.scorer(), lyonAt, guadalajara))
                    .isGreaterThanOrEqualTo(explained.value());
            assertThat(world.sparse(Features.LINKED_PARTNERS, lyonAt, guadalajara))
                    .isTrue();
            assertThat(world.explain(Features.LINKED_PARTNERS, lyonAt, paris).value())
                    .as("a common partner, not a path of three")
                    .isZero();
            assertThat(world.sparse(Features.LINKED_PARTNERS, guadalajara, seattle))
                    .as("three partnerships away: Guadalajara – Paris – Seattle – Lyon reaches Lyon, not Seattle")
                    .isFalse();
        }
    }

    @Test
    void shouldListEveryFeatureOnceWithItsDocumentedDefaultWeight() {
        assertThat(Weights.defaults().asMap())
                .containsExactly(
                        org.assertj.core.api.Assertions.entry("complementary", 3.0),
                        org.assertj.core.api.Assertions.entry("shared-interest", 1.0),
                        org.assertj.core.api.Assertions.entry("partner-preference", 2.0),
                        org.assertj.core.api.Assertions.entry("shared-cluster", 0.75),
                        org.assertj.core.api.Assertions.entry("exchange-together", 1.5),
                        org.assertj.core.api.Assertions.entry("survey-wish", 0.5),
                        org.assertj.core.api.Assertions.entry("heritage", 1.0),
                        org.assertj.core.api.Assertions.entry("association", 0.5),
                        org.assertj.core.api.Assertions.entry("scale", 0.5),
                        org.assertj.core.api.Assertions.entry("south-south", 0.5),
                        org.assertj.core.api.Assertions.entry("network", 1.0),
                        org.assertj.core.api.Assertions.entry("load-damper", 0.25),
                        // learned from real partnerships: off until a fitted model is activated
                        org.assertj.core.api.Assertions.entry("country-affinity", 0.0),
                        org.assertj.core.api.Assertions.entry("proximity", 0.0),
                        org.assertj.core.api.Assertions.entry("same-sub-region", 0.0),
                        org.assertj.core.api.Assertions.entry("shared-language", 0.0),
                        org.assertj.core.api.Assertions.entry("activity", 0.0),
                        org.assertj.core.api.Assertions.entry("linked-partners", 0.0));
        assertThat(Features.ALL).extracting(Feature::code).doesNotHaveDuplicates();
    }
}
