package org.citybridge.matchmaking.scoring;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many partnerships the cities of two countries have formed, as the model learned it from the
 * recorded partnerships when it was fitted (a snapshot: one partnership more does not re-rank every city
 * of both countries; the next fit takes it in). Immutable; keys are unordered pairs of ISO 3166-1 codes.
 */
public final class CountryPairs {

    public static final CountryPairs NONE = new CountryPairs(Map.of());

    /** {@code "DE-FR"} (codes in alphabetical order) to count. */
    private final Map<String, Integer> counts;
    /** Per country, the countries it twins with and how often: what the search of one city reads. */
    private final Map<String, Map<String, Integer>> byCountry = new HashMap<>();

    private CountryPairs(Map<String, Integer> counts) {
        this.counts = Collections.unmodifiableMap(new TreeMap<>(counts));
        counts.forEach((key, n) -> {
            String[] pair = key.split("-");
            byCountry.computeIfAbsent(pair[0], k -> new HashMap<>()).merge(pair[1], n, Integer::sum);
            if (!pair[0].equals(pair[1])) {
                byCountry.computeIfAbsent(pair[1], k -> new HashMap<>()).merge(pair[0], n, Integer::sum);
            }
        });
    }

    /**
     * The table from {@code "XX-YY"} keys (any order of the two codes) to counts.
     *
     * @throws IllegalArgumentException for a key that is not two ISO codes or a negative count
     */
    public static CountryPairs of(Map<String, Integer> counts) {
        Map<String, Integer> normalised = new HashMap<>();
        counts.forEach((key, n) -> {
            if (key == null || !key.matches("[A-Za-z]{2}-[A-Za-z]{2}") || n == null || n < 0) {
                throw new IllegalArgumentException("Not a country pair and count: " + key + "=" + n);
            }
            String[] pair = key.split("-");
            normalised.merge(key(pair[0], pair[1]), n, Integer::sum);
        });
        return new CountryPairs(normalised);
    }

    /** Counts a list of partnerships given as the two cities' countries. */
    public static CountryPairs count(Iterable<String[]> countryPairsOfPartnerships) {
        Map<String, Integer> counts = new HashMap<>();
        for (String[] pair : countryPairsOfPartnerships) {
            if (pair[0] != null && pair[1] != null) {
                counts.merge(key(pair[0], pair[1]), 1, Integer::sum);
            }
        }
        return new CountryPairs(counts);
    }

    public int count(String x, String y) {
        if (x == null || y == null) {
            return 0;
        }
        // the per-country table: no key string built per scored pair (upper-casing an upper-case code is free)
        Map<String, Integer> partners = byCountry.get(x.toUpperCase(Locale.ROOT));
        return partners == null ? 0 : partners.getOrDefault(y.toUpperCase(Locale.ROOT), 0);
    }

    /** The countries whose cities the cities of {@code country} have formed partnerships with, and how often. */
    Map<String, Integer> partnersOf(String country) {
        return country == null ? Map.of() : byCountry.getOrDefault(country.toUpperCase(Locale.ROOT), Map.of());
    }

    /** {@code "XX-YY"} to count, sorted. */
    public Map<String, Integer> asMap() {
        return counts;
    }

    static String key(String x, String y) {
        String a = x.toUpperCase(Locale.ROOT);
        String b = y.toUpperCase(Locale.ROOT);
        return a.compareTo(b) <= 0 ? a + "-" + b : b + "-" + a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CountryPairs other && counts.equals(other.counts);
    }

    @Override
    public int hashCode() {
        return counts.hashCode();
    }
}
