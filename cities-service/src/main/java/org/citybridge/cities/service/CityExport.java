package org.citybridge.cities.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.citybridge.cities.domain.City;
import org.citybridge.cities.domain.Interest;
import org.citybridge.kit.exports.Export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Every active city with its active interests, public fields only (never officials), in the shape the city
 * import reads back: an export imports again as "unchanged".
 */
@ApplicationScoped
public class CityExport {

    /** The import's columns, with the city's id and derived region first (the import passes over them). */
    public static final List<String> COLUMNS = List.of(
            "id",
            "name",
            "localName",
            "country",
            "region",
            "subRegion",
            "population",
            "latitude",
            "longitude",
            "languages",
            "description",
            "associations",
            "interests");

    /** A city and its active interests. */
    record Row(City city, List<Interest> interests) {}

    public Export<?> export() {
        return new Export<Row>("cities", COLUMNS, row -> row.city().id, CityExport::chunk, CityExport::record)
                .withGeometry(CityExport::feature);
    }

    private static List<Row> chunk(UUID after, int limit) {
        List<City> cities = Export.nextById(City.class, "e.retired = false", after, limit);
        if (cities.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<Interest>> interests = Interest.<Interest>list(
                        "cityId in ?1 and withdrawnAt is null order by area, stance, intent",
                        cities.stream().map(c -> c.id).toList())
                .stream()
                .collect(Collectors.groupingBy(i -> i.cityId));
        List<Row> rows = new ArrayList<>(cities.size());
        for (City city : cities) {
            rows.add(new Row(city, interests.getOrDefault(city.id, List.of())));
        }
        return rows;
    }

    private static Map<String, Object> record(Row row, boolean csv) {
        City city = row.city();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", city.id);
        fields.put("name", city.name);
        fields.put("localName", city.localName);
        fields.put("country", city.country);
        fields.put("region", city.region);
        fields.put("subRegion", city.subRegion);
        fields.put("population", city.population);
        if (csv) {
            fields.put("latitude", city.latitude);
            fields.put("longitude", city.longitude);
        } else if (city.latitude != null) {
            fields.put("coordinates", Map.of("latitude", city.latitude, "longitude", city.longitude));
        }
        fields.put("languages", city.languages);
        fields.put("description", city.description);
        if (!csv) {
            fields.put("heritageAssets", city.heritageAssets);
        }
        fields.put("associations", city.associations);
        fields.put(
                "interests",
                csv
                        ? row.interests().stream()
                                .map(i -> i.area.code() + "/" + i.stance + "/" + i.intent)
                                .toList()
                        : row.interests().stream().map(CityExport::interest).toList());
        return fields;
    }

    private static Map<String, Object> interest(Interest interest) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("area", interest.area.code());
        fields.put("stance", interest.stance);
        fields.put("intent", interest.intent);
        fields.put(
                "preferences",
                Map.of(
                        "regions", interest.preferences.regions(),
                        "countries", interest.preferences.countries()));
        if (interest.note != null) {
            fields.put("note", interest.note);
        }
        return fields;
    }

    private static Map<String, Object> feature(Row row) {
        City city = row.city();
        if (city.latitude == null) {
            return null;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("id", city.id);
        properties.put("name", city.name);
        if (city.localName != null) {
            properties.put("localName", city.localName);
        }
        properties.put("country", city.country);
        properties.put("region", city.region);
        properties.put("population", city.population);
        return Export.point(city.latitude, city.longitude, properties);
    }
}
