package org.citybridge.bench;

import org.citybridge.contracts.vocabulary.CooperationArea;

import java.util.Random;

/**
 * Where synthetic cities are and what they care about, shared by the matchmaking benchmark and the event
 * benchmarks so both measure the same kind of world: countries weighted roughly by how many cities of the
 * South-South programmes they hold, and areas by a Zipf-like popularity (tourism and heritage first).
 */
public final class SyntheticPlaces {

    /** A country with its UN M49 region and sub-region, and its relative weight. */
    public record Place(String country, String region, String subRegion, int weight) {}

    private static final Place[] PLACES = {
        new Place("MX", "Americas", "Latin America and the Caribbean", 8),
        new Place("BR", "Americas", "Latin America and the Caribbean", 10),
        new Place("PE", "Americas", "Latin America and the Caribbean", 4),
        new Place("CO", "Americas", "Latin America and the Caribbean", 4),
        new Place("CN", "Asia", "Eastern Asia", 16),
        new Place("IN", "Asia", "Southern Asia", 16),
        new Place("ID", "Asia", "South-eastern Asia", 6),
        new Place("VN", "Asia", "South-eastern Asia", 4),
        new Place("NG", "Africa", "Sub-Saharan Africa", 6),
        new Place("KE", "Africa", "Sub-Saharan Africa", 4),
        new Place("EG", "Africa", "Northern Africa", 4),
        new Place("ZA", "Africa", "Sub-Saharan Africa", 3),
        new Place("TR", "Asia", "Western Asia", 3),
        new Place("FR", "Europe", "Western Europe", 4),
        new Place("DE", "Europe", "Western Europe", 4),
        new Place("US", "Americas", "Northern America", 6),
        new Place("JP", "Asia", "Eastern Asia", 3),
        new Place("FJ", "Oceania", "Melanesia", 1)
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
