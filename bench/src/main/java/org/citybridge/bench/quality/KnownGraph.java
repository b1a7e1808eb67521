package org.citybridge.bench.quality;

import org.citybridge.bench.quality.TwinningData.City;
import org.citybridge.bench.quality.TwinningData.Pair;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The known partnerships as a graph: partners per city, and how often two countries twin. */
final class KnownGraph {

    final List<City> cities;
    final int[][] partners;
    private final Map<String, Integer> countryPairs = new HashMap<>();

    KnownGraph(List<City> cities, List<Pair> known) {
        this.cities = cities;
        int[] degree = new int[cities.size()];
        for (Pair pair : known) {
            degree[pair.a()]++;
            degree[pair.b()]++;
        }
        partners = new int[cities.size()][];
        for (int i = 0; i < partners.length; i++) {
            partners[i] = new int[degree[i]];
        }
        int[] fill = new int[cities.size()];
        for (Pair pair : known) {
            partners[pair.a()][fill[pair.a()]++] = pair.b();
            partners[pair.b()][fill[pair.b()]++] = pair.a();
            countryPairs.merge(
                    countryKey(
                            cities.get(pair.a()).country(), cities.get(pair.b()).country()),
                    1,
                    Integer::sum);
        }
    }

    int degree(int city) {
        return partners[city].length;
    }

    /** Known partnerships between a city of one country and a city of the other (either order). */
    int countryPairCount(String x, String y) {
        return countryPairs.getOrDefault(countryKey(x, y), 0);
    }

    boolean arePartners(int a, int b) {
        int[] small = partners[a].length <= partners[b].length ? partners[a] : partners[b];
        int other = small == partners[a] ? b : a;
        for (int p : small) {
            if (p == other) {
                return true;
            }
        }
        return false;
    }

    private static String countryKey(String x, String y) {
        return x.compareTo(y) <= 0 ? x + "-" + y : y + "-" + x;
    }

    /** Great-circle distance in km. */
    static double distanceKm(City a, City b) {
        double lat1 = Math.toRadians(a.latitude());
        double lat2 = Math.toRadians(b.latitude());
        double dLat = lat2 - lat1;
        double dLng = Math.toRadians(b.longitude() - a.longitude());
        double h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin(dLng / 2), 2);
        return 6371.0 * 2 * Math.asin(Math.sqrt(Math.min(1, h)));
    }
}
