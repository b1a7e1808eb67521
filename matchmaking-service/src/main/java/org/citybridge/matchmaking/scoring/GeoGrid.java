package org.citybridge.matchmaking.scoring;

/**
 * Where cities are: positions as unit vectors (so a distance is one dot product and an arc cosine), and a
 * grid of {@value #CELL_DEGREES}° cells of latitude and longitude so the search can bound a distance
 * feature for all the cities of a cell at once: every point of a cell lies within the cell's radius of its
 * centre, so no city of the cell is nearer to a point than the centre's distance minus that radius.
 */
final class GeoGrid {

    static final double EARTH_RADIUS_KM = 6371.0;
    static final int CELL_DEGREES = 2;
    static final int ROWS = 180 / CELL_DEGREES;
    static final int COLUMNS = 360 / CELL_DEGREES;

    /** Centre (unit vector) and radius (radians) of each cell, by cell number. */
    private static final double[][] CENTRES = new double[ROWS * COLUMNS][];

    private static final double[] RADII = new double[ROWS * COLUMNS];

    static {
        for (int row = 0; row < ROWS; row++) {
            for (int column = 0; column < COLUMNS; column++) {
                double south = -90 + row * CELL_DEGREES;
                double west = -180 + column * CELL_DEGREES;
                double[] centre = unit(south + CELL_DEGREES / 2.0, west + CELL_DEGREES / 2.0);
                // the largest angle from the centre, sampled along the cell's edges every 0.25°, plus that
                // spacing: the angle is 1-Lipschitz along the edges, so the radius is never underestimated
                double radius = 0;
                for (double t = 0; t <= CELL_DEGREES; t += 0.25) {
                    radius = Math.max(radius, angle(centre, unit(south, west + t)));
                    radius = Math.max(radius, angle(centre, unit(south + CELL_DEGREES, west + t)));
                    radius = Math.max(radius, angle(centre, unit(south + t, west)));
                    radius = Math.max(radius, angle(centre, unit(south + t, west + CELL_DEGREES)));
                }
                CENTRES[row * COLUMNS + column] = centre;
                RADII[row * COLUMNS + column] = radius + Math.toRadians(0.25);
            }
        }
    }

    private GeoGrid() {}

    /** The unit vector of a latitude and longitude in degrees. */
    static double[] unit(double latitude, double longitude) {
        double phi = Math.toRadians(latitude);
        double lambda = Math.toRadians(longitude);
        return new double[] {Math.cos(phi) * Math.cos(lambda), Math.cos(phi) * Math.sin(lambda), Math.sin(phi)};
    }

    /** The angle between two unit vectors, in radians. */
    static double angle(double[] p, double[] q) {
        double dot = p[0] * q[0] + p[1] * q[1] + p[2] * q[2];
        return Math.acos(Math.max(-1, Math.min(1, dot)));
    }

    static double kilometres(double[] p, double[] q) {
        return EARTH_RADIUS_KM * angle(p, q);
    }

    /** The cell of a latitude and longitude in degrees. */
    static int cell(double latitude, double longitude) {
        int row = Math.min(ROWS - 1, Math.max(0, (int) Math.floor((latitude + 90) / CELL_DEGREES)));
        int column = Math.floorMod((int) Math.floor((longitude + 180) / CELL_DEGREES), COLUMNS);
        return row * COLUMNS + column;
    }

    /**
     * The first cell of the first row and the end (exclusive) of the last row that hold points within
     * {@code reach} radians of a point. An arc is never shorter than its difference of latitudes, so a
     * row outside holds no point within reach, and the search need not bound its cells one by one.
     */
    static int[] cellsWithinLatitudeOf(double[] point, double reach) {
        double latitude = Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, point[2]))));
        double degrees = Math.toDegrees(reach);
        int first = Math.max(0, (int) Math.floor((latitude - degrees + 90) / CELL_DEGREES));
        int last = Math.min(ROWS - 1, (int) Math.floor((latitude + degrees + 90) / CELL_DEGREES));
        return new int[] {first * COLUMNS, (last + 1) * COLUMNS};
    }

    /** A lower bound of the distance in km from a point to any point of a cell. */
    static double minimumKilometres(double[] point, int cell) {
        return EARTH_RADIUS_KM * Math.max(0, angle(point, CENTRES[cell]) - RADII[cell]);
    }

    static int cells() {
        return ROWS * COLUMNS;
    }
}
