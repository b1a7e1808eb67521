package org.citybridge.matchmaking.proposal;

import jakarta.enterprise.context.ApplicationScoped;
import org.citybridge.kit.exports.Export;
import org.citybridge.matchmaking.readmodel.City;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Every proposal, whatever its status, with its cities' names; as GeoJSON a line between the two cities. */
@ApplicationScoped
public class ProposalExport {

    public static final List<String> COLUMNS = List.of(
            "id",
            "cityA",
            "cityAName",
            "cityB",
            "cityBName",
            "kind",
            "area",
            "score",
            "status",
            "acceptedByA",
            "acceptedByB",
            "origin",
            "createdAt",
            "updatedAt");

    record Row(Proposal proposal, City a, City b) {}

    public Export<?> export() {
        return new Export<Row>(
                        "proposals",
                        COLUMNS,
                        row -> row.proposal().id,
                        ProposalExport::chunk,
                        (row, csv) -> record(row))
                .withGeometry(ProposalExport::feature);
    }

    private static List<Row> chunk(UUID after, int limit) {
        List<Proposal> proposals = Export.nextById(Proposal.class, "1 = 1", after, limit);
        if (proposals.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = new ArrayList<>();
        proposals.forEach(p -> {
            ids.add(p.cityA);
            ids.add(p.cityB);
        });
        Map<UUID, City> cities = City.byId(ids);
        return proposals.stream()
                .map(p -> new Row(p, cities.get(p.cityA), cities.get(p.cityB)))
                .toList();
    }

    private static Map<String, Object> record(Row row) {
        Proposal p = row.proposal();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", p.id);
        fields.put("cityA", p.cityA);
        fields.put("cityAName", row.a() == null ? null : row.a().name);
        fields.put("cityB", p.cityB);
        fields.put("cityBName", row.b() == null ? null : row.b().name);
        fields.put("kind", p.kind);
        fields.put("area", p.areaCode);
        fields.put("score", p.score);
        fields.put("status", p.status);
        fields.put("acceptedByA", p.acceptedByA);
        fields.put("acceptedByB", p.acceptedByB);
        fields.put("origin", p.origin);
        fields.put("createdAt", p.createdAt);
        fields.put("updatedAt", p.updatedAt);
        return fields;
    }

    private static Map<String, Object> feature(Row row) {
        if (row.a() == null || row.b() == null || row.a().latitude == null || row.b().latitude == null) {
            return null;
        }
        return Export.line(
                new double[] {row.a().latitude, row.a().longitude},
                new double[] {row.b().latitude, row.b().longitude},
                record(row));
    }
}
