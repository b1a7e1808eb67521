package org.citybridge.kit.web;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The Vary header as one comma-separated line, whichever filters add to it (some clients read one line only). */
public final class Vary {

    private Vary() {}

    public static void add(MultivaluedMap<String, Object> headers, String field) {
        Set<String> fields = new LinkedHashSet<>();
        List<Object> present = headers.get(HttpHeaders.VARY);
        for (Object line : present == null ? List.of() : new ArrayList<>(present)) {
            for (String name : String.valueOf(line).split(",")) {
                if (!name.isBlank()) {
                    fields.add(name.strip());
                }
            }
        }
        fields.add(field);
        headers.putSingle(HttpHeaders.VARY, String.join(", ", fields));
    }
}
