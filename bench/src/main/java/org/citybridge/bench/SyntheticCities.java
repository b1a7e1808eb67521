package org.citybridge.bench;

import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.matchmaking.domain.CityFacts;
import org.citybridge.matchmaking.domain.InterestFacts;
import org.citybridge.matchmaking.domain.MatchEngine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Synthetic cities from a fixed seed, with a realistic mix: regions weighted towards the global
 * South, log-uniform populations (10 thousand to 20 million), 3–8 interests each over areas of
 * uneven popularity, a tenth with partner preferences, memberships in the seven clusters, exchanges
 * of 4–12 cities with survey answers, World Heritage sites, and a sparse partnership network.
 */
final class SyntheticCities {

    /** country, region, sub-region, relative weight. */
    private static final Object[][] PLACES = {
            {"MX", "Americas", "Latin America and the Caribbean", 8}, {"BR", "Americas", "Latin America and the Caribbean", 10},
            {"PE", "Americas", "Latin America and the Caribbean", 4}, {"CO", "Americas", "Latin America and the Caribbean", 4},
            {"CN", "Asia", "Eastern Asia", 16}, {"IN", "Asia", "Southern Asia", 16}, {"ID", "Asia", "South-eastern Asia", 6},
            {"VN", "Asia", "South-eastern Asia", 4}, {"NG", "Africa", "Sub-Saharan Africa", 6}, {"KE", "Africa", "Sub-Saharan Africa", 4},
            {"EG", "Africa", "Northern Africa", 4}, {"ZA", "Africa", "Sub-Saharan Africa", 3}, {"TR", "Asia", "Western Asia", 3},
            {"FR", "Europe", "Western Europe", 4}, {"DE", "Europe", "Western Europe", 4}, {"US", "Americas", "Northern America", 6},
            {"JP", "Asia", "Eastern Asia", 3}, {"FJ", "Oceania", "Melanesia", 1}};
    private static final String[] PREFERRED = {"Latin America and the Caribbean", "Eastern Asia", "Sub-Saharan Africa", "Africa", "Asia"};

    final List<UUID> ids = new ArrayList<>();
    final List<String> countries = new ArrayList<>();
    private final Random random;
    private final int totalWeight;
    private final double[] areaWeights;

    SyntheticCities(long seed) {
        random = new Random(seed);
        int total = 0;
        for (Object[] place : PLACES) {
            total += (int) place[3];
        }
        totalWeight = total;
        areaWeights = new double[CooperationArea.values().length];
        for (int i = 0; i < areaWeights.length; i++) {
            areaWeights[i] = 1.0 / Math.pow(i + 1, 0.7); // tourism, heritage... are the popular ones
        }
    }

    /** Loads n cities and their relations into the engine (bulk, then a full ranking). */
    void load(MatchEngine engine, int n) {
        for (int i = 0; i < n; i++) {
            UUID id = new UUID(random.nextLong(), random.nextLong());
            Object[] place = place();
            ids.add(id);
            countries.add((String) place[0]);
            long population = (long) Math.pow(10, 4 + random.nextDouble() * 3.3);
            List<String> heritage = random.nextInt(10) == 0 ? List.of("Site " + i) : List.of();
            List<String> associations = random.nextInt(20) == 0 ? List.of("Association " + random.nextInt(5)) : List.of();
            engine.upsertCity(new CityFacts(id, "City " + i, (String) place[0], (String) place[1], (String) place[2],
                    population, heritage, associations, List.of()));
            int interests = 3 + random.nextInt(6);
            for (int k = 0; k < interests; k++) {
                engine.expressInterest(id, interest());
            }
        }
        UUID[] clusters = new UUID[7];
        for (int c = 0; c < clusters.length; c++) {
            clusters[c] = new UUID(7, c);
            engine.nameCluster(clusters[c], "Cluster " + c);
        }
        for (int i = 0; i < n; i++) {
            int memberships = random.nextInt(3);
            for (int m = 0; m < memberships; m++) {
                engine.joinCluster(clusters[random.nextInt(clusters.length)], ids.get(i));
            }
        }
        for (int e = 0; e < n / 20; e++) {
            UUID exchange = new UUID(3, e);
            List<UUID> participants = new ArrayList<>();
            int size = 4 + random.nextInt(9);
            for (int p = 0; p < size; p++) {
                participants.add(anyCity());
            }
            engine.exchangeHeld(exchange, "Exchange " + e, LocalDate.of(2021, 1, 1).plusDays(e % 900), participants);
            for (UUID participant : participants) {
                if (random.nextInt(3) == 0) {
                    engine.surveyAnswered(exchange, participant, true);
                }
            }
        }
        for (int p = 0; p < n / 5; p++) {
            // a few hubs hold many partnerships, as in real twinning networks
            UUID a = random.nextInt(10) == 0 ? ids.get(random.nextInt(Math.max(1, n / 100))) : anyCity();
            UUID b = anyCity();
            if (!a.equals(b)) {
                engine.partnershipFormed(a, b);
            }
        }
    }

    UUID anyCity() {
        return ids.get(random.nextInt(ids.size()));
    }

    Random random() {
        return random;
    }

    InterestFacts interest() {
        CooperationArea area = area();
        double s = random.nextDouble();
        Stance stance = s < 0.35 ? Stance.OFFER : s < 0.75 ? Stance.SEEK : Stance.MUTUAL;
        double t = random.nextDouble();
        Intent intent = t < 0.2 ? Intent.SISTER_CITY : t < 0.7 ? Intent.THEMATIC_PARTNERSHIP : Intent.KNOWLEDGE_EXCHANGE;
        List<String> regions = random.nextInt(10) == 0 ? List.of(PREFERRED[random.nextInt(PREFERRED.length)]) : List.of();
        return new InterestFacts(new UUID(random.nextLong(), random.nextLong()), area, stance, intent, regions, List.of());
    }

    private CooperationArea area() {
        double total = 0;
        for (double w : areaWeights) {
            total += w;
        }
        double pick = random.nextDouble() * total;
        for (int i = 0; i < areaWeights.length; i++) {
            pick -= areaWeights[i];
            if (pick <= 0) {
                return CooperationArea.values()[i];
            }
        }
        return CooperationArea.values()[areaWeights.length - 1];
    }

    private Object[] place() {
        int pick = random.nextInt(totalWeight);
        for (Object[] place : PLACES) {
            pick -= (int) place[3];
            if (pick < 0) {
                return place;
            }
        }
        return PLACES[0];
    }
}
