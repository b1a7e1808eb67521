package org.citybridge.matchmaking.scoring;

import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.matchmaking.ranking.MatchEngine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** Random but reproducible cities and events for property tests of the scoring core. */
public final class RandomWorld {

    /** Country, region, sub-region, the latitude and longitude its cities lie around, its languages. */
    public static final String[][] PLACES = {
        {"MX", "Americas", "Latin America and the Caribbean", "20", "-100", "es"},
        {"BR", "Americas", "Latin America and the Caribbean", "-15", "-48", "pt"},
        {"CN", "Asia", "Eastern Asia", "34", "113", "zh"},
        {"IN", "Asia", "Southern Asia", "22", "78", "hi,en"},
        {"KE", "Africa", "Sub-Saharan Africa", "0", "37", "sw,en"},
        {"FR", "Europe", "Western Europe", "47", "2", "fr"},
        {"US", "Americas", "Northern America", "39", "-98", "en"}
    };

    final Random random;
    public final List<UUID> cities = new ArrayList<>();
    public final List<UUID> clusters = new ArrayList<>();

    public RandomWorld(long seed) {
        this.random = new Random(seed);
        for (int i = 0; i < 5; i++) {
            clusters.add(new UUID(7, i));
        }
    }

    public UUID newCityId() {
        UUID id = new UUID(random.nextLong(), random.nextLong());
        cities.add(id);
        return id;
    }

    public UUID anyCity() {
        return cities.get(random.nextInt(cities.size()));
    }

    public CityFacts facts(UUID id) {
        String[] place = PLACES[random.nextInt(PLACES.length)];
        List<String> heritage =
                random.nextInt(3) == 0 ? List.of("Site " + id.toString().substring(0, 4)) : List.of();
        List<String> associations = random.nextInt(4) == 0 ? List.of("Association " + random.nextInt(2)) : List.of();
        return new CityFacts(
                id,
                "City " + id.toString().substring(0, 6),
                place[0],
                place[1],
                place[2],
                (long) Math.pow(10, 4 + random.nextDouble() * 3.5),
                heritage,
                associations,
                List.of(),
                Double.parseDouble(place[3]) + (random.nextDouble() - 0.5) * 8,
                Double.parseDouble(place[4]) + (random.nextDouble() - 0.5) * 8,
                List.of(place[5].split(",")));
    }

    /** How often the world's countries have twinned, as a fitted model would have learned it. */
    public CountryPairs countryPairs() {
        Map<String, Integer> counts = new HashMap<>();
        for (String[] x : PLACES) {
            for (String[] y : PLACES) {
                if (x[0].compareTo(y[0]) < 0 && random.nextInt(3) > 0) {
                    counts.put(x[0] + "-" + y[0], 1 + random.nextInt(400));
                }
            }
        }
        return CountryPairs.of(counts);
    }

    public InterestFacts interest() {
        CooperationArea area = CooperationArea.values()[random.nextInt(8)]; // few areas: many overlaps
        Stance stance = Stance.values()[random.nextInt(3)];
        Intent intent = Intent.values()[random.nextInt(3)];
        List<String> regions = random.nextInt(6) == 0 ? List.of("Latin America and the Caribbean") : List.of();
        List<String> countries = random.nextInt(8) == 0 ? List.of(PLACES[random.nextInt(PLACES.length)][0]) : List.of();
        return new InterestFacts(
                new UUID(random.nextLong(), random.nextLong()), area, stance, intent, regions, countries);
    }

    /** What random events change: the ranking engine, or the scoring graph alone. */
    public interface Target {
        void upsertCity(CityFacts facts);

        void expressInterest(UUID city, InterestFacts interest);

        void withdrawInterest(UUID city, UUID interestId);

        void joinCluster(UUID cluster, UUID city);

        void leaveCluster(UUID cluster, UUID city);

        void exchangeHeld(UUID exchange, String title, LocalDate date, List<UUID> participants);

        void surveyAnswered(UUID exchange, UUID city, boolean wantsPartnership);

        void partnershipFormed(UUID cityA, UUID cityB);

        /** Matches of the city a decline may pick from. */
        List<Match> topMatches(UUID city);

        void declined(UUID cityA, UUID cityB, ProposalKind kind, CooperationArea area);

        void retireCity(UUID city);
    }

    /** Applies one random event to the engine; returns a short description for failure messages. */
    public String randomEvent(MatchEngine engine, List<UUID[]> interestsOf) {
        return randomEvent(
                new Target() {
                    public void upsertCity(CityFacts facts) {
                        engine.upsertCity(facts);
                    }

                    public void expressInterest(UUID city, InterestFacts interest) {
                        engine.expressInterest(city, interest);
                    }

                    public void withdrawInterest(UUID city, UUID interestId) {
                        engine.withdrawInterest(city, interestId);
                    }

                    public void joinCluster(UUID cluster, UUID city) {
                        engine.joinCluster(cluster, city);
                    }

                    public void leaveCluster(UUID cluster, UUID city) {
                        engine.leaveCluster(cluster, city);
                    }

                    public void exchangeHeld(UUID exchange, String title, LocalDate date, List<UUID> participants) {
                        engine.exchangeHeld(exchange, title, date, participants);
                    }

                    public void surveyAnswered(UUID exchange, UUID city, boolean wantsPartnership) {
                        engine.surveyAnswered(exchange, city, wantsPartnership);
                    }

                    public void partnershipFormed(UUID cityA, UUID cityB) {
                        engine.partnershipFormed(cityA, cityB);
                    }

                    public List<Match> topMatches(UUID city) {
                        return engine.topMatches(city);
                    }

                    public void declined(UUID cityA, UUID cityB, ProposalKind kind, CooperationArea area) {
                        engine.declined(cityA, cityB, kind, area);
                    }

                    public void retireCity(UUID city) {
                        engine.retireCity(city);
                    }
                },
                interestsOf);
    }

    /** Applies one random event; returns a short description for failure messages. */
    public String randomEvent(Target engine, List<UUID[]> interestsOf) {
        int kind = random.nextInt(100);
        if (cities.size() < 5 || kind < 15) {
            UUID id = newCityId();
            engine.upsertCity(facts(id));
            return "register " + id;
        }
        UUID city = anyCity();
        if (kind < 55 && !interestsOf.isEmpty() && random.nextInt(4) == 0) {
            // the same interest restated: another area, stance, intent or preference
            UUID[] pick = interestsOf.get(random.nextInt(interestsOf.size()));
            InterestFacts fresh = interest();
            InterestFacts restated = new InterestFacts(
                    pick[1],
                    fresh.area(),
                    fresh.stance(),
                    fresh.intent(),
                    fresh.preferredRegions(),
                    fresh.preferredCountries());
            engine.expressInterest(pick[0], restated);
            return "restate " + pick[0] + " " + restated;
        }
        if (kind < 55) {
            InterestFacts interest = interest();
            engine.expressInterest(city, interest);
            interestsOf.add(new UUID[] {city, interest.interestId()});
            return "interest " + city + " " + interest;
        }
        if (kind < 62 && !interestsOf.isEmpty()) {
            UUID[] pick = interestsOf.remove(random.nextInt(interestsOf.size()));
            engine.withdrawInterest(pick[0], pick[1]);
            return "withdraw " + pick[1];
        }
        if (kind < 72) {
            engine.joinCluster(clusters.get(random.nextInt(clusters.size())), city);
            return "join " + city;
        }
        if (kind < 75) {
            engine.leaveCluster(clusters.get(random.nextInt(clusters.size())), city);
            return "leave " + city;
        }
        if (kind < 81) {
            List<UUID> participants = new ArrayList<>();
            for (int i = 0; i < 2 + random.nextInt(4); i++) {
                participants.add(anyCity());
            }
            UUID exchange = new UUID(3, random.nextInt(6));
            engine.exchangeHeld(exchange, "Exchange", LocalDate.of(2022, 2, 22), participants);
            if (random.nextBoolean()) {
                engine.surveyAnswered(exchange, participants.get(0), true);
            }
            return "exchange " + exchange;
        }
        if (kind < 86) {
            UUID other = anyCity();
            if (!other.equals(city)) {
                engine.partnershipFormed(city, other);
            }
            return "partners " + city + " " + other;
        }
        if (kind < 92) {
            engine.upsertCity(facts(city));
            return "update " + city;
        }
        if (kind < 97) {
            // inside a poll applied together the lists lag the graph: a listed pair may no longer match
            List<Match> top =
                    engine.topMatches(city).stream().filter(m -> m != null).toList();
            if (!top.isEmpty()) {
                Match m = top.get(random.nextInt(top.size()));
                engine.declined(m.cityA(), m.cityB(), m.kind(), m.area());
                return "decline " + m.pairId();
            }
            return "nothing";
        }
        engine.retireCity(city);
        return "retire " + city;
    }
}
