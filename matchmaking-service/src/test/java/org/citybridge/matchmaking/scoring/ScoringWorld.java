package org.citybridge.matchmaking.scoring;

import org.citybridge.contracts.events.MatchReason;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** A scoring graph built by hand for the unit tests of single features, with what each feature gives a pair. */
final class ScoringWorld {

    /** One feature's contribution to a pair and the reasons it gave for it. */
    record Explained(double value, List<MatchReason> reasons) {
        List<String> texts() {
            return reasons.stream().map(MatchReason::text).toList();
        }
    }

    final CityGraph graph = new CityGraph(DevelopingEconomies.load());
    private MatchSettings settings = MatchSettings.defaults();
    private long next = 1;

    ScoringWorld settings(MatchSettings replaced) {
        this.settings = replaced;
        return this;
    }

    PairScorer scorer() {
        return new PairScorer(graph, settings);
    }

    CityNode city(String name, String country, long population) {
        return city(name, country, population, List.of(), List.of());
    }

    CityNode city(String name, String country, long population, List<String> worldHeritage, List<String> associations) {
        String[] place = Stream.of(RandomWorld.PLACES)
                .filter(p -> p[0].equals(country))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No test place for " + country));
        UUID id = new UUID(0, next++); // ids in creation order: the first city is the pair's "a"
        graph.upsertCity(new CityFacts(
                id, name, country, place[1], place[2], population, worldHeritage, associations, List.of()));
        return graph.find(id);
    }

    /** A city at a place, speaking these languages (ISO 639-1). */
    CityNode city(String name, String country, double latitude, double longitude, List<String> languages) {
        String[] place = Stream.of(RandomWorld.PLACES)
                .filter(p -> p[0].equals(country))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No test place for " + country));
        UUID id = new UUID(0, next++);
        graph.upsertCity(new CityFacts(
                id, name, country, place[1], place[2], null, List.of(), List.of(), List.of(), latitude, longitude,
                languages));
        return graph.find(id);
    }

    void interest(CityNode city, CooperationArea area, Stance stance, Intent intent) {
        interest(city, area, stance, intent, List.of(), List.of());
    }

    void interest(
            CityNode city,
            CooperationArea area,
            Stance stance,
            Intent intent,
            List<String> regions,
            List<String> countries) {
        graph.expressInterest(
                city.id, new InterestFacts(new UUID(1, next++), area, stance, intent, regions, countries));
    }

    UUID cluster(String name, CityNode... members) {
        UUID cluster = new UUID(2, next++);
        graph.nameCluster(cluster, name);
        for (CityNode member : members) {
            graph.joinCluster(cluster, member.id);
        }
        return cluster;
    }

    UUID exchange(String title, LocalDate date, CityNode... participants) {
        UUID exchange = new UUID(3, next++);
        graph.exchangeHeld(
                exchange,
                title,
                date,
                Arrays.stream(participants).map(c -> c.id).toList());
        return exchange;
    }

    void wantsPartnership(UUID exchange, CityNode city) {
        graph.surveyAnswered(exchange, city.id, true);
    }

    void partners(CityNode a, CityNode b) {
        graph.partnershipFormed(a, b);
    }

    /** What one feature gives the pair, with its reasons; fails if the two scoring paths disagree. */
    Explained explain(Feature feature, CityNode x, CityNode y) {
        PairScorer scorer = scorer();
        Pair pair = scorer.pair(x, y);
        Reasons reasons = new Reasons();
        double value;
        double silent;
        if (feature instanceof PairFeature pairFeature) {
            value = pairFeature.contribute(pair, reasons);
            silent = pairFeature.contribute(pair, null);
        } else {
            value = areaContribution((AreaFeature) feature, pair, reasons);
            silent = areaContribution((AreaFeature) feature, pair, null);
        }
        if (Double.doubleToLongBits(value) != Double.doubleToLongBits(silent)) {
            throw new AssertionError(feature + ": " + value + " with reasons, " + silent + " without");
        }
        return new Explained(value, reasons.list());
    }

    /** An area feature's contribution summed over the areas both cities pursue, after the features before it. */
    private double areaContribution(AreaFeature feature, Pair pair, Reasons out) {
        Weights weights = settings.weights();
        double sum = 0;
        for (int bits = pair.a.areaBits & pair.b.areaBits; bits != 0; bits &= bits - 1) {
            int x = Integer.numberOfTrailingZeros(bits);
            double earlier = 0;
            for (AreaFeature f : Features.AREA) {
                double v = f.contribute(
                        weights,
                        pair.a.stance[x],
                        pair.a.intent[x],
                        pair.b.stance[x],
                        pair.b.intent[x],
                        earlier,
                        pair,
                        CooperationArea.values()[x],
                        f == feature ? out : null);
                if (f == feature) {
                    sum += v;
                    break;
                }
                earlier += v;
            }
        }
        return sum;
    }

    /** The lists a feature gives the search of {@code a}: their members' bound (the largest per group). */
    double listBound(PairFeature feature, CityNode a, CityNode candidate) {
        return candidateBound(candidate, lists -> feature.searchLists(scorer(), a, lists));
    }

    /**
     * What a search credits {@code candidate} with: over the groups of the lists the search is given, the
     * largest bound of the lists that hold the candidate, summed.
     */
    static double candidateBound(CityNode candidate, Consumer<SearchLists> search) {
        Map<Integer, Double> byGroup = new HashMap<>();
        search.accept(new SearchLists() {
            private int group = CityNode.AREAS;

            @Override
            public int newGroup() {
                return group++;
            }

            @Override
            public void add(IdSet cities, double bound, int g) {
                if (cities.contains(candidate.idx)) {
                    byGroup.merge(g, bound, Math::max);
                }
            }

            @Override
            public IdSet union() {
                return new IdSet();
            }
        });
        return byGroup.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** True if the feature names the candidate among {@code a}'s sparse candidates. */
    boolean sparse(PairFeature feature, CityNode a, CityNode candidate) {
        boolean[] found = {false};
        feature.sparseCandidates(graph, a, c -> found[0] |= c == candidate.idx);
        return found[0];
    }
}
