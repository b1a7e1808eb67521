package org.citybridge.cities.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.Validator;
import org.citybridge.cities.service.CityImport.ImportedCity;
import org.citybridge.cities.service.InterestCommand;
import org.citybridge.kit.imports.Importer;

import java.util.ArrayList;
import java.util.List;

/**
 * A row of a city file as the single requests take it: an NDJSON line is a city as POST /api/v1/cities
 * takes it plus {@code interests} as POST .../interests takes each; a CSV row has flat columns, lists
 * separated by semicolons ({@code languages}, {@code associations}, and {@code interests} as
 * {@code area/STANCE/INTENT}, e.g. {@code culture/MUTUAL/SISTER_CITY}). Both are checked by the requests'
 * own constraints.
 */
final class CityImportRows {

    private final ObjectMapper mapper;
    private final Validator validator;
    private final boolean csv;

    CityImportRows(ObjectMapper mapper, Validator validator, boolean csv) {
        this.mapper = mapper;
        this.validator = validator;
        this.csv = csv;
    }

    ImportedCity read(ObjectNode row) {
        ObjectNode fields = row.deepCopy();
        JsonNode stated = fields.remove("interests");
        fields.remove(
                List.of("id", "region", "subRegion")); // an export's: the key is name and country, the region derived
        if (csv) {
            flatten(fields);
            stated = stated == null ? null : interests(stated.asText());
        }
        CityRequest city = Importer.request(fields, CityRequest.class, mapper, validator);
        List<InterestCommand> interests = new ArrayList<>();
        if (stated != null && !stated.isNull()) {
            if (!stated.isArray()) {
                throw new Importer.RowRejected("interests", "must be a list of interests");
            }
            for (int i = 0; i < stated.size(); i++) {
                if (!(stated.get(i) instanceof ObjectNode interest)) {
                    throw new Importer.RowRejected("interests[" + i + "]", "must be an interest object");
                }
                try {
                    interests.add(Importer.request(interest, InterestRequest.class, mapper, validator)
                            .toCommand());
                } catch (Importer.RowRejected e) {
                    throw e.within("interests[" + i + "]");
                }
            }
        }
        return new ImportedCity(city.toCommand(), interests);
    }

    /** CSV columns into the request's shape: coordinates as one object, lists from semicolon-separated text. */
    private void flatten(ObjectNode fields) {
        JsonNode latitude = fields.remove("latitude");
        JsonNode longitude = fields.remove("longitude");
        if (latitude != null || longitude != null) {
            ObjectNode coordinates = fields.putObject("coordinates");
            coordinates.set("latitude", latitude);
            coordinates.set("longitude", longitude);
        }
        for (String list : List.of("languages", "associations")) {
            JsonNode text = fields.remove(list);
            if (text != null) {
                ArrayNode items = fields.putArray(list);
                for (String item : text.asText().split(";")) {
                    if (!item.isBlank()) {
                        items.add(item.strip());
                    }
                }
            }
        }
    }

    private ArrayNode interests(String text) {
        ArrayNode interests = mapper.createArrayNode();
        for (String item : text.split(";")) {
            if (item.isBlank()) {
                continue;
            }
            String[] parts = item.strip().split("/");
            if (parts.length != 3) {
                throw new Importer.RowRejected(
                        "interests", "each interest is area/STANCE/INTENT, e.g. culture/MUTUAL/SISTER_CITY");
            }
            interests
                    .addObject()
                    .put("area", parts[0].strip())
                    .put("stance", parts[1].strip())
                    .put("intent", parts[2].strip());
        }
        return interests;
    }
}
