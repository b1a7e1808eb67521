package org.citybridge.portal.service;

import org.citybridge.portal.client.ApiModels.City;
import org.citybridge.portal.client.ApiModels.Coordinates;

import java.util.List;
import java.util.UUID;

/**
 * The map page: cities as dots and partnerships or open proposals as lines, on the equirectangular world of
 * {@code static/world.svg} (1000 x 500: x from longitude, y from latitude; tools/world-map.py draws it the same
 * way).
 */
public record WorldMap(Filter filter, List<Dot> dots, List<Line> lines, boolean truncated) {

    /** What to show: {@code show} is all, partnerships or proposals; cluster and area narrow it. */
    public record Filter(UUID cluster, String area, String show) {

        public boolean partnerships() {
            return !"proposals".equals(show);
        }

        public boolean proposals() {
            return !"partnerships".equals(show);
        }
    }

    public record Dot(UUID id, String name, double x, double y) {}

    /** A line between two cities: {@code kind} is partnership or proposal (for its style and legend). */
    public record Line(
            UUID a,
            UUID b,
            String nameA,
            String nameB,
            String kind,
            String type,
            String area,
            double x1,
            double y1,
            double x2,
            double y2) {}

    public static double x(Coordinates c) {
        return round((c.longitude() + 180) * 1000 / 360);
    }

    public static double y(Coordinates c) {
        return round((90 - c.latitude()) * 500 / 180);
    }

    public static Dot dot(City city) {
        return new Dot(city.id(), city.name(), x(city.coordinates()), y(city.coordinates()));
    }

    public static Line line(City a, City b, String kind, String type, String area) {
        return new Line(
                a.id(),
                b.id(),
                a.name(),
                b.name(),
                kind,
                type,
                area,
                x(a.coordinates()),
                y(a.coordinates()),
                x(b.coordinates()),
                y(b.coordinates()));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
