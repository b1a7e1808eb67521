package org.citybridge.bench.quality;

import org.citybridge.bench.quality.TwinningData.City;
import org.citybridge.bench.quality.TwinningData.Pair;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.matchmaking.scoring.CityFacts;
import org.citybridge.matchmaking.scoring.CityGraph;
import org.citybridge.matchmaking.scoring.CountryPairs;
import org.citybridge.matchmaking.scoring.InterestFacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The cities of a twinning file as CityBridge would hold them, by a documented protocol: each city's UN
 * M49 region and sub-region from its country (the platform's own table), its coordinates from the file,
 * its official languages from its country (this harness's table), no population, and one interest: MUTUAL
 * culture with a sister-city intent (what a twin town states). Known pairs are its historical
 * partnerships.
 */
final class QualityWorld {

    final TwinningData data;
    final UUID[] ids;
    final CityFacts[] facts;
    final InterestFacts[] interests;

    QualityWorld(TwinningData data, Path repository) {
        this(data, repository, null);
    }

    /**
     * @param givenIds the cities' ids by index, e.g. those a platform gave them; null for ids derived from
     *     name and country
     */
    QualityWorld(TwinningData data, Path repository, UUID[] givenIds) {
        this.data = data;
        Map<String, String[]> regions =
                regions(repository.resolve("cities-service/src/main/resources/reference/m49-regions.csv"));
        Map<String, List<String>> languages = languages();
        int n = data.cities.size();
        ids = new UUID[n];
        facts = new CityFacts[n];
        interests = new InterestFacts[n];
        for (City city : data.cities) {
            UUID id = givenIds != null
                    ? givenIds[city.index()]
                    : UUID.nameUUIDFromBytes(
                            ("city:" + city.name() + "|" + city.country()).getBytes(StandardCharsets.UTF_8));
            String[] region = regions.getOrDefault(city.country(), new String[] {null, null});
            ids[city.index()] = id;
            facts[city.index()] = new CityFacts(
                    id,
                    city.name(),
                    city.country(),
                    region[0],
                    region[1],
                    null,
                    List.of(),
                    List.of(),
                    List.of(),
                    city.latitude(),
                    city.longitude(),
                    languages.getOrDefault(city.country(), List.of()));
            interests[city.index()] = new InterestFacts(
                    UUID.nameUUIDFromBytes(("interest:" + id).getBytes(StandardCharsets.UTF_8)),
                    CooperationArea.CULTURE,
                    Stance.MUTUAL,
                    Intent.SISTER_CITY,
                    List.of(),
                    List.of());
        }
    }

    /** The number of a city by its id. */
    Map<UUID, Integer> indexById() {
        Map<UUID, Integer> byId = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            byId.put(ids[i], i);
        }
        return byId;
    }

    /** How often the countries of the given pairs have twinned. */
    CountryPairs countryPairs(List<Pair> pairs) {
        List<String[]> countries = new ArrayList<>();
        for (Pair pair : pairs) {
            countries.add(new String[] {
                data.cities.get(pair.a()).country(), data.cities.get(pair.b()).country()
            });
        }
        return CountryPairs.count(countries);
    }

    /** A scoring graph of the world with these pairs as its partnerships (for fitting weights). */
    CityGraph graph(List<Pair> partnerships) {
        CityGraph graph = new CityGraph(org.citybridge.matchmaking.scoring.DevelopingEconomies.load());
        for (int i = 0; i < facts.length; i++) {
            graph.upsertCity(facts[i]);
            graph.expressInterest(ids[i], interests[i]);
        }
        for (Pair pair : partnerships) {
            graph.partnershipFormed(graph.find(ids[pair.a()]), graph.find(ids[pair.b()]));
        }
        return graph;
    }

    private static Map<String, String[]> regions(Path file) {
        Map<String, String[]> regions = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",", 3);
                regions.put(f[0], new String[] {f[1], f[2]});
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the M49 table " + file, e);
        }
        return regions;
    }

    private static Map<String, List<String>> languages() {
        Map<String, List<String>> languages = new HashMap<>();
        try (InputStream in = QualityWorld.class.getResourceAsStream("/country-languages.csv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split(",");
                languages.put(f[0], List.of(f).subList(1, f.length));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return languages;
    }
}
