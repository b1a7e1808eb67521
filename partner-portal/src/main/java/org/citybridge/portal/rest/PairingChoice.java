package org.citybridge.portal.rest;

import jakarta.ws.rs.core.MultivaluedMap;
import org.citybridge.portal.client.ApiModels.PairingRound;
import org.citybridge.portal.client.ApiModels.PairingRoundRequest;
import org.citybridge.portal.service.PortalService;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What a person chose on the pairing-round form: two groups by country, cluster and area; kind, area, method,
 * partners per city. It travels in the query string of the page the form leads to, so that the form shows the
 * choice again beside the round's pairs (or beside the sentence saying what was wrong with it).
 */
public record PairingChoice(
        String countryA,
        String clusterA,
        String areaA,
        String countryB,
        String clusterB,
        String areaB,
        String kind,
        String area,
        String method,
        Integer capacity) {

    /** Nothing chosen yet: the form's defaults. */
    static final PairingChoice NONE = new PairingChoice(null, null, null, null, null, null, null, null, null, null);

    public PairingChoice {
        countryA = blankToNull(countryA);
        clusterA = blankToNull(clusterA);
        areaA = blankToNull(areaA);
        countryB = blankToNull(countryB);
        clusterB = blankToNull(clusterB);
        areaB = blankToNull(areaB);
        kind = blankToNull(kind);
        area = blankToNull(area);
        method = blankToNull(method);
    }

    /** The choice a query string carries; a capacity that is not a number is left out. */
    static PairingChoice of(MultivaluedMap<String, String> query) {
        Integer capacity = null;
        try {
            String given = query.getFirst("capacity");
            capacity = given == null || given.isBlank() ? null : Integer.valueOf(given.strip());
        } catch (NumberFormatException e) {
            // the form asks again
        }
        return new PairingChoice(
                query.getFirst("countryA"),
                query.getFirst("clusterA"),
                query.getFirst("areaA"),
                query.getFirst("countryB"),
                query.getFirst("clusterB"),
                query.getFirst("areaB"),
                query.getFirst("kind"),
                query.getFirst("area"),
                query.getFirst("method"),
                capacity);
    }

    /** With what the round itself records (kind, area, method, capacity) where the query string left them out. */
    PairingChoice orFrom(PairingRound round) {
        if (round == null) {
            return this;
        }
        return new PairingChoice(
                countryA,
                clusterA,
                areaA,
                countryB,
                clusterB,
                areaB,
                kind != null ? kind : round.kind(),
                area != null ? area : round.area(),
                method != null ? method : round.method(),
                capacity != null ? capacity : Integer.valueOf(round.capacity()));
    }

    /** The request to matchmaking's pairing rounds. */
    PairingRoundRequest request() {
        return new PairingRoundRequest(
                PortalService.group(countryA, clusterA, areaA),
                PortalService.group(countryB, clusterB, areaB),
                kind,
                area,
                capacity,
                method);
    }

    /** The choice as query parameters, what is not chosen left out: {@code countryA=UY&kind=THEMATIC}. */
    public String query() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("countryA", countryA);
        fields.put("clusterA", clusterA);
        fields.put("areaA", areaA);
        fields.put("countryB", countryB);
        fields.put("clusterB", clusterB);
        fields.put("areaB", areaB);
        fields.put("kind", kind);
        fields.put("area", area);
        fields.put("method", method);
        fields.put("capacity", capacity);
        StringJoiner query = new StringJoiner("&");
        fields.forEach((name, value) -> {
            if (value != null) {
                query.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }

    /** Whether {@code value} (a cluster's id, an area's code) is the one chosen for {@code field}, for a select. */
    public boolean chose(String field, Object value) {
        String chosen = switch (field) {
            case "clusterA" -> clusterA;
            case "clusterB" -> clusterB;
            case "areaA" -> areaA;
            case "areaB" -> areaB;
            case "kind" -> kind;
            case "area" -> area;
            case "method" -> method;
            default -> throw new IllegalArgumentException("no select " + field);
        };
        return chosen != null && value != null && chosen.equals(value.toString());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
