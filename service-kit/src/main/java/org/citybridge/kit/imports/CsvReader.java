package org.citybridge.kit.imports;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 records: fields separated by commas, records by CRLF or LF, a field in double quotes may
 * hold commas, line breaks and doubled quotes. A malformed record is returned with its problem and the
 * reader goes on at the next record, so one bad row never hides the good ones after it. Blank lines are
 * skipped.
 */
final class CsvReader {

    /** A record, the line it starts on, and what is wrong with it (null when nothing). */
    record Record(long line, List<String> fields, String problem) {}

    private final String text;
    private int at;
    private long line = 1;

    CsvReader(String text) {
        this.text = text;
    }

    /** The next record, or null at the end. */
    Record next() {
        while (at < text.length()) {
            long start = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            String problem = null;
            boolean ended = false;
            while (at < text.length() && !ended) {
                char c = text.charAt(at);
                if (quoted) {
                    if (c == '"') {
                        if (at + 1 < text.length() && text.charAt(at + 1) == '"') {
                            field.append('"');
                            at += 2;
                        } else {
                            quoted = false;
                            at++;
                        }
                        continue;
                    }
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                    at++;
                } else if (c == '"') {
                    if (field.isEmpty() && !wasQuoted) {
                        quoted = true;
                        wasQuoted = true;
                    } else if (problem == null) {
                        problem = "a double quote inside a field must be doubled and the field quoted";
                    }
                    at++;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                    at++;
                } else if (c == '\n' || (c == '\r' && at + 1 < text.length() && text.charAt(at + 1) == '\n')) {
                    at += c == '\r' ? 2 : 1;
                    line++;
                    ended = true;
                } else {
                    if (wasQuoted && problem == null) {
                        problem = "text after a quoted field's closing quote";
                    }
                    field.append(c);
                    at++;
                }
            }
            if (quoted) {
                problem = "a quoted field is not closed";
            }
            fields.add(field.toString());
            if (fields.size() == 1 && fields.get(0).isBlank() && !wasQuoted && problem == null) {
                continue; // a blank line
            }
            return new Record(start, fields, problem);
        }
        return null;
    }
}
