package org.citybridge.bench;

import org.citybridge.contracts.vocabulary.CooperationArea;

import java.util.List;
import java.util.Random;

/**
 * Where synthetic cities are and what they care about, shared by the matchmaking benchmark and the event
 * benchmarks so both measure the same kind of world: countries weighted roughly by how many cities of the
 * South-South programmes they hold, and areas by a Zipf-like popularity (tourism and heritage first).
 */
public final class SyntheticPlaces {

    /**
     * A country with its UN M49 region and sub-region, its relative weight, roughly where its cities lie
     * (a centre and a spread in degrees) and its official languages.
     */
    public record Place(
            String country,
            String region,
            String subRegion,
            int weight,
            double latitude,
            double longitude,
            double spread,
            List<String> languages) {}

    private static final String LATAM = "Latin America and the Caribbean";

    private static final Place[] PLACES = {
        new Place("MX", "Americas", LATAM, 8, 23, -102, 6, List.of("es")),
        new Place("BR", "Americas", LATAM, 10, -12, -50, 9, List.of("pt")),
        new Place("PE", "Americas", LATAM, 4, -9, -75, 4, List.of("es", "qu")),
        new Place("CO", "Americas", LATAM, 4, 4, -73, 4, List.of("es")),
        new Place("CN", "Asia", "Eastern Asia", 16, 32, 110, 9, List.of("zh")),
        new Place("IN", "Asia", "Southern Asia", 16, 22, 79, 7, List.of("hi", "en")),
        new Place("ID", "Asia", "South-eastern Asia", 6, -4, 115, 8, List.of("id")),
        new Place("VN", "Asia", "South-eastern Asia", 4, 16, 107, 4, List.of("vi")),
        new Place("NG", "Africa", "Sub-Saharan Africa", 6, 9, 8, 4, List.of("en")),
        new Place("KE", "Africa", "Sub-Saharan Africa", 4, 0, 38, 3, List.of("en", "sw")),
        new Place("EG", "Africa", "Northern Africa", 4, 27, 30, 3, List.of("ar")),
        new Place("ZA", "Africa", "Sub-Saharan Africa", 3, -29, 25, 4, List.of("en", "zu", "af")),
        new Place("TR", "Asia", "Western Asia", 3, 39, 35, 4, List.of("tr")),
        new Place("FR", "Europe", "Western Europe", 4, 46.5, 2.5, 3, List.of("fr")),
        new Place("DE", "Europe", "Western Europe", 4, 51, 10, 2.5, List.of("de")),
        new Place("US", "Americas", "Northern America", 6, 39, -98, 10, List.of("en")),
        new Place("JP", "Asia", "Eastern Asia", 3, 36, 138, 3, List.of("ja")),
        new Place("FJ", "Oceania", "Melanesia", 1, -18, 178, 1, List.of("en", "fj"))
    };
    private static final int TOTAL_WEIGHT =
            java.util.Arrays.stream(PLACES).mapToInt(Place::weight).sum();

    /** Regions and sub-regions partner preferences name. */
    public static final String[] PREFERRED = {
        "Latin America and the Caribbean", "Eastern Asia", "Sub-Saharan Africa", "Africa", "Asia"
    };

    private static final double[] AREA_WEIGHTS = new double[CooperationArea.values().length];
    private static final double AREA_TOTAL;

    static {
        double total = 0;
        for (int i = 0; i < AREA_WEIGHTS.length; i++) {
            AREA_WEIGHTS[i] = 1.0 / Math.pow(i + 1, 0.7); // tourism, heritage... are the popular ones
            total += AREA_WEIGHTS[i];
        }
        AREA_TOTAL = total;
    }

    private SyntheticPlaces() {}

    /** A place drawn by weight. */
    public static Place place(Random random) {
        int pick = random.nextInt(TOTAL_WEIGHT);
        for (Place place : PLACES) {
            pick -= place.weight();
            if (pick < 0) {
                return place;
            }
        }
        return PLACES[0];
    }

    /** An area drawn by popularity. */
    public static CooperationArea area(Random random) {
        double pick = random.nextDouble() * AREA_TOTAL;
        for (int i = 0; i < AREA_WEIGHTS.length; i++) {
            pick -= AREA_WEIGHTS[i];
            if (pick <= 0) {
                return CooperationArea.values()[i];
            }
        }
        return CooperationArea.values()[AREA_WEIGHTS.length - 1];
    }
}
