package org.citybridge.bench.quality;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A file of real twinning pairs, one pair a line: {@code city1,country1,lat1,lng1,city2,country2,lat2,lng2}
 * (RFC 4180 with a header row, countries ISO 3166-1 alpha-2, WGS 84 coordinates). A city is its name
 * and country; its coordinates are those of its first line.
 */
final class TwinningData {

    /** One city of the file, numbered densely in order of first appearance. */
    record City(int index, String name, String country, double latitude, double longitude) {}

    /** An undirected pair, lower index first. */
    record Pair(int a, int b) {
        Pair {
            if (a > b) {
                int t = a;
                a = b;
                b = t;
            }
        }
    }

    final List<City> cities;
    final List<Pair> pairs;

    TwinningData() {
        this(new ArrayList<>(), new ArrayList<>());
    }

    /** The same cities with other pairs (e.g. the known ones, split again for fitting). */
    TwinningData(List<City> cities, List<Pair> pairs) {
        this.cities = cities;
        this.pairs = pairs;
    }

    /**
     * A larger world of the same kind, for runs at a volume beyond the file's: the file's cities and pairs,
     * then copies of cities drawn at random (same country, coordinates moved by up to 0.2°, the name
     * followed by "(copy n)"), linked as their originals are: a copied pair has one or both of its cities
     * replaced by a copy. Synthetic beyond the file: it keeps the file's mix of countries and degrees, not
     * real links. Deterministic for a seed.
     *
     * @throws IllegalArgumentException if the targets are below the file's, or the pairs cannot be reached
     */
    TwinningData grownTo(int cityCount, int pairCount, long seed) {
        int originalCities = cities.size();
        int originalPairs = pairs.size();
        if (cityCount < originalCities || pairCount < originalPairs) {
            throw new IllegalArgumentException("The file already has " + originalCities + " cities and " + originalPairs
                    + " pairs: grow, not shrink");
        }
        Random random = new Random(seed);
        List<City> grownCities = new ArrayList<>(cities);
        List<List<Integer>> copies = new ArrayList<>();
        cities.forEach(c -> copies.add(new ArrayList<>()));
        while (grownCities.size() < cityCount) {
            City original = cities.get(random.nextInt(originalCities));
            List<Integer> itsCopies = copies.get(original.index());
            String suffix = " (copy " + (itsCopies.size() + 1) + ")";
            String name = original.name();
            City copy = new City(
                    grownCities.size(),
                    name.substring(0, Math.min(name.length(), MAX_NAME - suffix.length())) + suffix,
                    original.country(),
                    Math.max(-90, Math.min(90, original.latitude() + (random.nextDouble() - 0.5) * 0.4)),
                    wrapLongitude(original.longitude() + (random.nextDouble() - 0.5) * 0.4));
            grownCities.add(copy);
            itsCopies.add(copy.index());
        }
        List<Pair> grownPairs = new ArrayList<>(pairs);
        Set<Pair> seen = new HashSet<>(pairs);
        int attempts = 0;
        while (grownPairs.size() < pairCount) {
            if (++attempts > 100 * pairCount) {
                throw new IllegalArgumentException(
                        "Cannot reach " + pairCount + " pairs with " + cityCount + " cities");
            }
            Pair model = pairs.get(random.nextInt(originalPairs));
            int a = copyOrSelf(model.a(), copies.get(model.a()), random);
            int b = copyOrSelf(model.b(), copies.get(model.b()), random);
            Pair pair = new Pair(a, b);
            if (a != b && (a != model.a() || b != model.b()) && seen.add(pair)) {
                grownPairs.add(pair);
            }
        }
        return new TwinningData(grownCities, grownPairs);
    }

    /** The longest city name the directory takes. */
    private static final int MAX_NAME = 200;

    private static double wrapLongitude(double longitude) {
        return longitude > 180 ? longitude - 360 : longitude < -180 ? longitude + 360 : longitude;
    }

    private static int copyOrSelf(int city, List<Integer> copies, Random random) {
        int pick = random.nextInt(copies.size() + 1);
        return pick == copies.size() ? city : copies.get(pick);
    }

    static TwinningData read(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    static TwinningData parse(List<String> lines) {
        TwinningData data = new TwinningData();
        Map<String, Integer> byKey = new HashMap<>();
        Set<Pair> seen = new LinkedHashSet<>();
        for (int i = 1; i < lines.size(); i++) { // the first line is the header
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> f = fields(lines.get(i));
            if (f.size() != 8) {
                throw new IllegalArgumentException("Line " + (i + 1) + ": 8 fields expected, got " + f.size());
            }
            int a = data.city(byKey, f.get(0), f.get(1), f.get(2), f.get(3));
            int b = data.city(byKey, f.get(4), f.get(5), f.get(6), f.get(7));
            if (a != b && seen.add(new Pair(a, b))) {
                data.pairs.add(new Pair(a, b));
            }
        }
        return data;
    }

    private int city(Map<String, Integer> byKey, String name, String country, String lat, String lng) {
        // one city per name (in any case) and country, as the platform's directory has it
        return byKey.computeIfAbsent(name.toLowerCase(Locale.ROOT) + "\u0000" + country, k -> {
            cities.add(new City(cities.size(), name, country, Double.parseDouble(lat), Double.parseDouble(lng)));
            return cities.size() - 1;
        });
    }

    /** The fields of one RFC 4180 line: quoted fields may hold commas and doubled quotes. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }
}
