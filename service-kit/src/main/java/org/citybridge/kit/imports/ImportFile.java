package org.citybridge.kit.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.citybridge.kit.problem.ApiException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A file of records uploaded for import: CSV (RFC 4180, UTF-8, a header row) or NDJSON (one JSON object per
 * line), read whole before the import's job starts. A file that cannot be read at all is one clear problem
 * (400 wrong encoding or header, 413 too large, 415 another type); a row that cannot be read is a {@link Row}
 * with its problem, reported by the import beside the others while the good rows go in.
 */
public final class ImportFile {

    public static final String CSV = "text/csv";
    public static final String NDJSON = "application/x-ndjson";

    /**
     * One record and the line it starts on: its fields (CSV values as text, empty ones left out; NDJSON as
     * sent), or the problem that made it unreadable.
     */
    public record Row(long line, ObjectNode fields, ImportReport.Rejection unreadable) {}

    private ImportFile() {}

    /**
     * Reads an uploaded file.
     *
     * @param contentType the request's Content-Type
     * @param columns     the columns a CSV header may name (the NDJSON fields are checked by the service)
     * @param required    the columns a CSV header must name
     */
    public static List<Row> read(
            InputStream body,
            String contentType,
            long maxBytes,
            ObjectMapper mapper,
            Set<String> columns,
            Set<String> required) {
        boolean csv = isType(contentType, CSV);
        if (!csv && !isType(contentType, NDJSON)) {
            throw ApiException.unsupportedMediaType(
                    "Send the file as " + CSV + " or " + NDJSON + " (Content-Type was " + contentType + ")");
        }
        // files are UTF-8 whatever a client's default charset parameter says; the bytes are checked below
        String text = utf8(bytes(body, maxBytes));
        return csv ? csvRows(text, columns, required) : ndjsonRows(text, mapper);
    }

    /** Whether the request's Content-Type is CSV (its rows then hold text values only). */
    public static boolean isCsv(String contentType) {
        return isType(contentType, CSV);
    }

    private static boolean isType(String contentType, String type) {
        return contentType != null
                && contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals(type);
    }

    private static byte[] bytes(InputStream body, long maxBytes) {
        try (body) {
            byte[] read = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (read.length > maxBytes) {
                throw ApiException.payloadTooLarge("The file is larger than " + maxBytes / (1024 * 1024)
                        + " MiB, the most one import takes; split it into several files");
            }
            return read;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text; // a byte order mark is no content
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest(
                    "file", "the file is not valid UTF-8; save it as UTF-8 (e.g. \"CSV UTF-8\") and send again");
        }
    }

    private static List<Row> ndjsonRows(String text, ObjectMapper mapper) {
        List<Row> rows = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            long number = i + 1;
            try {
                JsonNode node = mapper.readTree(line);
                rows.add(
                        node instanceof ObjectNode object
                                ? new Row(number, object, null)
                                : unreadable(number, "$", "a line must hold one JSON object"));
            } catch (IOException e) {
                rows.add(unreadable(number, "$", "not valid JSON"));
            }
        }
        return rows;
    }

    private static List<Row> csvRows(String text, Set<String> columns, Set<String> required) {
        CsvReader reader = new CsvReader(text);
        CsvReader.Record header = reader.next();
        if (header == null
                || header.problem() != null
                || header.fields().stream().allMatch(String::isBlank)) {
            throw ApiException.badRequest(
                    "header",
                    "the first line must name the columns: " + String.join(",", required)
                            + (columns.size() > required.size()
                                    ? " (and any of " + String.join(",", columns) + ")"
                                    : ""));
        }
        List<String> names = header.fields().stream().map(String::strip).toList();
        Set<String> unknown = new LinkedHashSet<>(names);
        unknown.removeAll(columns);
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest(
                    "header",
                    "unknown column(s) " + String.join(", ", unknown) + "; the columns are "
                            + String.join(",", columns));
        }
        Set<String> missing = new LinkedHashSet<>(required);
        missing.removeAll(names);
        if (!missing.isEmpty()) {
            throw ApiException.badRequest("header", "missing column(s) " + String.join(", ", missing));
        }
        if (new LinkedHashSet<>(names).size() != names.size()) {
            throw ApiException.badRequest("header", "a column is named twice");
        }
        List<Row> rows = new ArrayList<>();
        for (CsvReader.Record record = reader.next(); record != null; record = reader.next()) {
            if (record.problem() != null) {
                rows.add(unreadable(record.line(), "$", record.problem()));
            } else if (record.fields().size() != names.size()) {
                rows.add(unreadable(
                        record.line(),
                        "$",
                        "has " + record.fields().size() + " fields where the header names " + names.size()));
            } else {
                ObjectNode fields = JsonNodeFactory.instance.objectNode();
                for (int i = 0; i < names.size(); i++) {
                    String value = record.fields().get(i).strip();
                    if (!value.isEmpty()) {
                        fields.put(names.get(i), value);
                    }
                }
                rows.add(new Row(record.line(), fields, null));
            }
        }
        return rows;
    }

    private static Row unreadable(long line, String field, String problem) {
        return new Row(line, null, new ImportReport.Rejection(line, field, problem));
    }
}
