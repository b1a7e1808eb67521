package org.citybridge.kit.exports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.TypedQuery;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.citybridge.kit.problem.ApiException;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Streams every record of a kind to the client, the same way in every service: read in chunks by id (each
 * chunk a short transaction of its own, the persistence context cleared after it), written as they come, so
 * memory stays flat whatever the size. CSV (RFC 4180, UTF-8, header row; lists joined by semicolons as the
 * imports read them), NDJSON (one JSON object per line) or GeoJSON (a FeatureCollection), as the request's
 * Accept asks.
 *
 * @param <T> the record read from the database
 */
public final class Export<T> {

    public static final String CSV = "text/csv";
    public static final String NDJSON = "application/x-ndjson";
    public static final String GEOJSON = "application/geo+json";

    /** Records per chunk read. */
    static final int CHUNK = 1000;

    /** Reads the next chunk: up to {@code limit} records with an id after {@code after} (null: from the first), by id. */
    @FunctionalInterface
    public interface Chunks<T> {
        List<T> after(UUID after, int limit);
    }

    /** A record's fields by column; for CSV flat (lists become semicolon-joined text), for NDJSON as JSON. */
    @FunctionalInterface
    public interface Fields<T> {
        Map<String, Object> of(T item, boolean csv);
    }

    private final String name;
    private final List<String> columns;
    private final Function<T, UUID> id;
    private final Chunks<T> chunks;
    private final Fields<T> record;
    private Function<T, Map<String, Object>> feature;

    /**
     * @param name    the file's name without extension, e.g. {@code cities}
     * @param columns the CSV columns, in order; the NDJSON fields are the record's
     * @param record  a record's fields by column
     */
    public Export(String name, List<String> columns, Function<T, UUID> id, Chunks<T> chunks, Fields<T> record) {
        this.name = name;
        this.columns = columns;
        this.id = id;
        this.chunks = chunks;
        this.record = record;
    }

    /** Offers GeoJSON too: a record's Feature, or null for a record that has no place on a map. */
    public Export<T> withGeometry(Function<T, Map<String, Object>> feature) {
        this.feature = feature;
        return this;
    }

    /** The response: the format the Accept header asks for (CSV when it accepts anything), or 406. */
    public Response response(String accept, ObjectMapper mapper) {
        String type = negotiate(accept);
        StreamingOutput body = output -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 1 << 16);
            JsonGenerator json = mapper.getFactory().createGenerator(writer);
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            switch (type) {
                case CSV -> writer.write(csvLine(columns));
                case GEOJSON -> writer.write("{\"type\":\"FeatureCollection\",\"features\":[");
                default -> {}
            }
            boolean[] first = {true};
            UUID after = null;
            while (true) {
                UUID from = after;
                List<T> chunk = QuarkusTransaction.requiringNew().call(() -> chunks.after(from, CHUNK));
                for (T item : chunk) {
                    write(type, item, writer, json, first);
                }
                if (chunk.size() < CHUNK) {
                    break;
                }
                after = id.apply(chunk.get(chunk.size() - 1));
            }
            if (type.equals(GEOJSON)) {
                writer.write("]}");
            }
            writer.flush();
        };
        String extension = switch (type) {
            case CSV -> "csv";
            case GEOJSON -> "geojson";
            default -> "ndjson";
        };
        return Response.ok(body, type + (type.equals(CSV) ? "; charset=UTF-8" : ""))
                .header("Content-Disposition", "attachment; filename=\"" + name + "." + extension + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    private void write(String type, T item, Writer writer, JsonGenerator json, boolean[] first) throws IOException {
        switch (type) {
            case CSV -> {
                Map<String, Object> fields = record.of(item, true);
                writer.write(csvLine(columns.stream().map(fields::get).toList()));
            }
            case NDJSON -> {
                json.writeObject(record.of(item, false));
                json.flush();
                writer.write('\n');
            }
            default -> {
                Map<String, Object> geo = feature.apply(item);
                if (geo != null) {
                    if (!first[0]) {
                        writer.write(',');
                    }
                    first[0] = false;
                    json.writeObject(geo);
                    json.flush();
                }
            }
        }
    }

    private String negotiate(String accept) {
        Set<String> offered = feature == null ? Set.of(CSV, NDJSON) : Set.of(CSV, NDJSON, GEOJSON);
        if (accept == null || accept.isBlank()) {
            return CSV;
        }
        for (String range : accept.split(",")) {
            String type = range.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (offered.contains(type)) {
                return type;
            }
            if (type.equals("*/*") || type.equals("text/*")) {
                return CSV;
            }
        }
        throw new ApiException(
                406,
                "not-acceptable",
                "Not acceptable",
                "This export is available as "
                        + String.join(", ", offered.stream().sorted().toList()),
                null);
    }

    /**
     * The next chunk of an entity with a UUID id, by id: those matching {@code where} (JPQL on the alias
     * {@code e}) after {@code after} (null: from the first). The usual {@link Chunks} of an export.
     */
    public static <E> List<E> nextById(Class<E> type, String where, UUID after, int limit) {
        TypedQuery<E> query = Panache.getEntityManager()
                .createQuery(
                        "select e from " + type.getSimpleName() + " e where " + where
                                + (after == null ? "" : " and e.id > :after") + " order by e.id",
                        type)
                .setMaxResults(limit);
        if (after != null) {
            query.setParameter("after", after);
        }
        return query.getResultList();
    }

    /** One CSV record: fields quoted when they hold a comma, quote or line break; lists joined by semicolons. */
    public static String csvLine(List<?> values) {
        return values.stream().map(Export::csvField).collect(Collectors.joining(",", "", "\r\n"));
    }

    private static String csvField(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof Collection<?> list
                ? list.stream().map(String::valueOf).collect(Collectors.joining(";"))
                : String.valueOf(value);
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    /** A GeoJSON Point feature (longitude first, as GeoJSON orders coordinates). */
    public static Map<String, Object> point(double latitude, double longitude, Map<String, Object> properties) {
        return Map.of(
                "type",
                "Feature",
                "geometry",
                Map.of("type", "Point", "coordinates", List.of(longitude, latitude)),
                "properties",
                properties);
    }

    /** A GeoJSON LineString feature between two places given as {latitude, longitude}. */
    public static Map<String, Object> line(double[] from, double[] to, Map<String, Object> properties) {
        return Map.of(
                "type",
                "Feature",
                "geometry",
                Map.of("type", "LineString", "coordinates", List.of(List.of(from[1], from[0]), List.of(to[1], to[0]))),
                "properties",
                properties);
    }
}
