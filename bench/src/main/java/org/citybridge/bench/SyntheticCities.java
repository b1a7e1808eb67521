package org.citybridge.bench;

import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.matchmaking.ranking.MatchEngine;
import org.citybridge.matchmaking.scoring.CityFacts;
import org.citybridge.matchmaking.scoring.InterestFacts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Synthetic cities from a fixed seed, with a realistic mix: regions weighted towards the global
 * South, log-uniform populations (10 thousand to 20 million), 3–8 interests each over areas of
 * uneven popularity, a tenth with partner preferences, memberships in the seven clusters, exchanges
 * of 4–12 cities with survey answers, World Heritage sites, a sparse partnership network, and positions
 * and official languages by country.
 */
final class SyntheticCities {

    final List<UUID> ids = new ArrayList<>();
    final List<String> countries = new ArrayList<>();
    /** The countries of each partnership formed, for the country-pair statistics. */
    final List<String[]> partnershipCountries = new ArrayList<>();

    private final Random random;
    private final Random geo;

    /** Every city states one and the same interest, as in the real-data run: the interest lists prune nothing. */
    private final boolean dense;

    SyntheticCities(long seed, boolean dense) {
        random = new Random(seed);
        geo = new Random(seed * 31 + 7);
        this.dense = dense;
    }

    /** Loads n cities and their relations into the engine (bulk, then a full ranking). */
    void load(MatchEngine engine, int n) {
        for (int i = 0; i < n; i++) {
            UUID id = new UUID(random.nextLong(), random.nextLong());
            SyntheticPlaces.Place place = SyntheticPlaces.place(random);
            ids.add(id);
            countries.add(place.country());
            long population = (long) Math.pow(10, 4 + random.nextDouble() * 3.3);
            List<String> heritage = random.nextInt(10) == 0 ? List.of("Site " + i) : List.of();
            List<String> associations =
                    random.nextInt(20) == 0 ? List.of("Association " + random.nextInt(5)) : List.of();
            // positions from a generator of their own, so the rest of the world is the same with or without
            double latitude = place.latitude() + (geo.nextDouble() * 2 - 1) * place.spread();
            double longitude = place.longitude() + (geo.nextDouble() * 2 - 1) * place.spread();
            engine.upsertCity(new CityFacts(
                    id,
                    "City " + i,
                    place.country(),
                    place.region(),
                    place.subRegion(),
                    population,
                    heritage,
                    associations,
                    List.of(),
                    latitude,
                    longitude,
                    place.languages()));
            int interests = dense ? 1 : 3 + random.nextInt(6);
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
            engine.exchangeHeld(
                    exchange, "Exchange " + e, LocalDate.of(2021, 1, 1).plusDays(e % 900), participants);
            for (UUID participant : participants) {
                if (random.nextInt(3) == 0) {
                    engine.surveyAnswered(exchange, participant, true);
                }
            }
        }
        for (int p = 0; p < n / 5; p++) {
            // a few hubs hold many partnerships, as in real twinning networks
            int a = random.nextInt(10) == 0 ? random.nextInt(Math.max(1, n / 100)) : random.nextInt(ids.size());
            int b = random.nextInt(ids.size());
            if (a != b) {
                engine.partnershipFormed(ids.get(a), ids.get(b));
                partnershipCountries.add(new String[] {countries.get(a), countries.get(b)});
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
        if (dense) {
            return new InterestFacts(
                    new UUID(random.nextLong(), random.nextLong()),
                    CooperationArea.CULTURE,
                    Stance.MUTUAL,
                    Intent.SISTER_CITY,
                    List.of(),
                    List.of());
        }
        CooperationArea area = SyntheticPlaces.area(random);
        double s = random.nextDouble();
        Stance stance = s < 0.35 ? Stance.OFFER : s < 0.75 ? Stance.SEEK : Stance.MUTUAL;
        double t = random.nextDouble();
        Intent intent =
                t < 0.2 ? Intent.SISTER_CITY : t < 0.7 ? Intent.THEMATIC_PARTNERSHIP : Intent.KNOWLEDGE_EXCHANGE;
        List<String> regions = random.nextInt(10) == 0
                ? List.of(SyntheticPlaces.PREFERRED[random.nextInt(SyntheticPlaces.PREFERRED.length)])
                : List.of();
        return new InterestFacts(
                new UUID(random.nextLong(), random.nextLong()), area, stance, intent, regions, List.of());
    }
}
