package org.citybridge.matchmaking.partnership;

import jakarta.enterprise.context.ApplicationScoped;
import org.citybridge.kit.exports.Export;
import org.citybridge.matchmaking.readmodel.City;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every partnership with its two cities' names and countries, in the columns the partnership import reads
 * (an export imports back unchanged); as GeoJSON, a line between the two cities.
 */
@ApplicationScoped
public class PartnershipExport {

    public static final List<String> COLUMNS = List.of(
            "id",
            "cityA",
            "cityAName",
            "cityACountry",
            "cityB",
            "cityBName",
            "cityBCountry",
            "kind",
            "area",
            "formedOn",
            "source",
            "proposalId");

    /** A partnership and what matchmaking knows of its cities (null for one it does not know). */
    record Row(Partnership partnership, City a, City b) {}

    public Export<?> export() {
        return new Export<Row>(
                        "partnerships",
                        COLUMNS,
                        row -> row.partnership().id,
                        PartnershipExport::chunk,
                        (row, csv) -> record(row))
                .withGeometry(PartnershipExport::feature);
    }

    private static List<Row> chunk(UUID after, int limit) {
        List<Partnership> partnerships = Export.nextById(Partnership.class, "1 = 1", after, limit);
        if (partnerships.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = new ArrayList<>();
        partnerships.forEach(p -> {
            ids.add(p.cityA);
            ids.add(p.cityB);
        });
        Map<UUID, City> cities = City.byId(ids);
        return partnerships.stream()
                .map(p -> new Row(p, cities.get(p.cityA), cities.get(p.cityB)))
                .toList();
    }

    private static Map<String, Object> record(Row row) {
        Partnership p = row.partnership();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", p.id);
        fields.put("cityA", p.cityA);
        fields.put("cityAName", row.a() == null ? null : row.a().name);
        fields.put("cityACountry", row.a() == null ? null : row.a().country);
        fields.put("cityB", p.cityB);
        fields.put("cityBName", row.b() == null ? null : row.b().name);
        fields.put("cityBCountry", row.b() == null ? null : row.b().country);
        fields.put("kind", p.kind);
        fields.put("area", p.areaCode);
        fields.put("formedOn", p.formedOn);
        fields.put("source", p.source);
        fields.put("proposalId", p.proposalId);
        return fields;
    }

    private static Map<String, Object> feature(Row row) {
        if (row.a() == null || row.b() == null || row.a().latitude == null || row.b().latitude == null) {
            return null;
        }
        Map<String, Object> properties = record(row);
        return Export.line(
                new double[] {row.a().latitude, row.a().longitude},
                new double[] {row.b().latitude, row.b().longitude},
                properties);
    }
}
