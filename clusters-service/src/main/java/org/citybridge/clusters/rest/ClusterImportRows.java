package org.citybridge.clusters.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.Validator;
import org.citybridge.clusters.service.ClusterImports.ImportedExchange;
import org.citybridge.clusters.service.OrganisationCommand;
import org.citybridge.kit.imports.Importer;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of organisation and exchange files as the single requests take them: an NDJSON line is the request's
 * JSON; a CSV row has flat columns with lists separated by semicolons ({@code facilitatorIds},
 * {@code participantCityIds}, {@code topics}). An exchange row may add {@code held} (true: it took place) and
 * {@code participants} named {@code Name|CC}.
 */
final class ClusterImportRows {

    private final ObjectMapper mapper;
    private final Validator validator;
    private final boolean csv;

    ClusterImportRows(ObjectMapper mapper, Validator validator, boolean csv) {
        this.mapper = mapper;
        this.validator = validator;
        this.csv = csv;
    }

    OrganisationCommand organisation(ObjectNode row) {
        return Importer.request(row, OrganisationRequest.class, mapper, validator)
                .toCommand();
    }

    ImportedExchange exchange(ObjectNode row) {
        ObjectNode fields = row.deepCopy();
        JsonNode held = fields.remove("held");
        JsonNode named = fields.remove("participants");
        if (csv) {
            for (String list : List.of("facilitatorIds", "participantCityIds", "topics")) {
                JsonNode text = fields.remove(list);
                if (text != null) {
                    fields.set(list, split(text.asText()));
                }
            }
            named = named == null ? null : split(named.asText());
        }
        boolean wasHeld = false;
        if (held != null && !held.isNull()) {
            String flag = held.asText();
            if (!held.isBoolean() && !flag.equalsIgnoreCase("true") && !flag.equalsIgnoreCase("false")) {
                throw new Importer.RowRejected("held", "must be true or false");
            }
            wasHeld = held.isBoolean() ? held.booleanValue() : Boolean.parseBoolean(flag);
        }
        List<String> participants = new ArrayList<>();
        if (named != null && !named.isNull()) {
            if (!named.isArray()) {
                throw new Importer.RowRejected("participants", "must be a list of Name|CC");
            }
            named.forEach(n -> participants.add(n.asText()));
        }
        ExchangeRequest plan = Importer.request(fields, ExchangeRequest.class, mapper, validator);
        return new ImportedExchange(plan.toCommand(), wasHeld, participants);
    }

    private ArrayNode split(String text) {
        ArrayNode items = mapper.createArrayNode();
        for (String item : text.split(";")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items;
    }
}
