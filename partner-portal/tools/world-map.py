#!/usr/bin/env python3
"""Draws the portal's world map (static/world.svg) from Natural Earth's 1:110m country outlines.

Natural Earth's data is in the public domain; world-atlas (npm, ISC licence) redistributes it as TopoJSON:
    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 partner-portal/tools/world-map.py package/countries-110m.json \
        > partner-portal/src/main/resources/META-INF/resources/static/world.svg

Equirectangular projection on a 1000 x 500 view box: x = (longitude + 180) * 1000 / 360,
y = (90 - latitude) * 500 / 180 (MapPage in the portal places cities the same way). Antarctica is left out.
"""
import json
import sys

WIDTH, HEIGHT = 1000.0, 500.0


def main(path):
    topo = json.load(open(path))
    scale, translate = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # delta-encoded, quantized
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)

    def ring(indexes):
        points = []
        for i in indexes:
            arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
            points.extend(arc if not points else arc[1:])
        return points

    def project(lon, lat):
        return (lon + 180) * WIDTH / 360, (90 - lat) * HEIGHT / 180

    paths = []
    for country in topo["objects"]["countries"]["geometries"]:
        if country.get("id") == "010":  # Antarctica
            continue
        polygons = {"Polygon": [country.get("arcs", [])], "MultiPolygon": country.get("arcs", [])}.get(
            country["type"], [])
        d = []
        for polygon in polygons:
            for indexes in polygon:
                lonlats = ring(indexes)
                if len(lonlats) < 3:
                    continue
                copies = [lonlats]
                if any(abs(a[0] - b[0]) > 180 for a, b in zip(lonlats, lonlats[1:])):
                    # crosses the antimeridian (Russia, Fiji): drawn whole east of it, and again west of it;
                    # the view box cuts off what lies beyond
                    east = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in lonlats]
                    copies = [east, [(lon - 360, lat) for lon, lat in east]]
                for copy in copies:
                    points = [project(lon, lat) for lon, lat in copy]
                    d.append("M" + "L".join("%.1f,%.1f" % p for p in points) + "Z")
        if d:
            paths.append('<path d="%s"/>' % "".join(d))
    print('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d">' % (WIDTH, HEIGHT))
    print("<!-- Natural Earth 1:110m country outlines (public domain), via world-atlas 2.0.2 -->")
    print('<g fill="#dfe6ee" stroke="#9aa8b6" stroke-width="0.4">')
    print("\n".join(paths))
    print("</g></svg>")


if __name__ == "__main__":
    main(sys.argv[1])
