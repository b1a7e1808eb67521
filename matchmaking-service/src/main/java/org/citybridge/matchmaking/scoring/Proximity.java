package org.citybridge.matchmaking.scoring;

import java.util.Map;

/**
 * How near the two cities are: 0.85·e^(−d/150 km) + 0.15·e^(−d/1000 km), 1 for neighbours, a fifth at
 * 500 km, a fiftieth at 2,000 km (the two scales of real twinning: neighbouring towns, and one region of
 * a continent): "Lyon and Geneva are 112 km apart". Bounded per cell of {@link GeoGrid} by the cell's
 * least possible distance, the cells merged into rings of similar bound ({@link Bands}); cells where even
 * that gives less than {@value #FLOOR} of the weight are left to the residual.
 */
final class Proximity extends PairFeature {

    static final double FLOOR = 0.02;

    /**
     * The angle (radians) beyond which the closeness is below {@link #FLOOR}, rounded up: about 2,000 km.
     * The search bounds only the cells of the rows within it, as no farther row can lift a city above the
     * residual; working out every occupied cell's distance cost an arc cosine each, a sixth of a dense search.
     */
    static final double REACH = reach();

    private static double reach() {
        double near = 0;
        double far = Math.PI * GeoGrid.EARTH_RADIUS_KM;
        while (far - near > 1) { // closeness falls with distance: halve the interval holding FLOOR's distance
            double mid = (near + far) / 2;
            if (closeness(mid) > FLOOR) {
                near = mid;
            } else {
                far = mid;
            }
        }
        return (far + 1) / GeoGrid.EARTH_RADIUS_KM;
    }

    Proximity() {
        super("proximity", "proximity", 0.0);
    }

    /** The feature's shape, from 1 at 0 km down towards 0. */
    static double closeness(double kilometres) {
        return 0.85 * Math.exp(-kilometres / 150) + 0.15 * Math.exp(-kilometres / 1000);
    }

    @Override
    double contribute(Pair pair, Reasons out) {
        if (pair.a.position == null || pair.b.position == null) {
            return 0;
        }
        double km = GeoGrid.kilometres(pair.a.position, pair.b.position);
        double contribution = pair.weight(this) * closeness(km);
        if (out != null && contribution > 0) {
            out.add(
                    this,
                    pair.a.label() + " and " + pair.b.label() + " are " + Reasons.grouped(Math.round(km)) + " km apart",
                    contribution,
                    Map.of("cityA", pair.a.label(), "cityB", pair.b.label(), "km", (int) Math.round(km)));
        }
        return contribution;
    }

    /** Cheap enough to serve as its own bound. */
    @Override
    double bound(PairScorer scorer, CityNode a, CityNode b) {
        if (a.position == null || b.position == null) {
            return 0;
        }
        return scorer.weights().of(this) * closeness(GeoGrid.kilometres(a.position, b.position));
    }

    @Override
    void searchLists(PairScorer scorer, CityNode a, SearchLists lists) {
        double unit = scorer.weights().of(this);
        if (unit <= 0 || a.position == null) {
            return;
        }
        CityGraph graph = scorer.graph();
        Bands bands = new Bands();
        int[] rows = GeoGrid.cellsWithinLatitudeOf(a.position, REACH);
        for (int cell = graph.occupiedCells.nextSetBit(rows[0]);
                cell >= 0 && cell < rows[1];
                cell = graph.occupiedCells.nextSetBit(cell + 1)) {
            double most = closeness(GeoGrid.minimumKilometres(a.position, cell));
            if (most > FLOOR) {
                bands.add(graph.byCell[cell], unit * most);
            }
        }
        bands.emit(lists);
    }

    @Override
    double residual(PairScorer scorer, CityNode a) {
        return a.position == null ? 0 : scorer.weights().of(this) * FLOOR;
    }
}
