package org.citybridge.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Keycloak realm export with overlays merged into it: the realm file a real installation imports
 * stays free of accounts and secrets, and the demo adds its own (users, its command-line client, the
 * partner client's known secret) only where the launcher runs the demo.
 */
public final class RealmFiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How an element of a realm's lists is known: a later one with the same key amends it. */
    private static final List<String> KEYS = List.of("clientId", "username", "name");

    private RealmFiles() {}

    /**
     * The first file with every later one merged into it: objects field by field, lists of users,
     * clients or roles element by element (same {@code username}, {@code clientId} or {@code name}:
     * amended, else added), anything else replaced.
     */
    public static ObjectNode merge(List<Path> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("No realm file");
        }
        ObjectNode realm = read(files.get(0));
        for (Path overlay : files.subList(1, files.size())) {
            mergeObject(realm, read(overlay));
        }
        return realm;
    }

    /** Writes {@link #merge} of {@code files} to {@code target}. */
    public static void write(List<Path> files, Path target) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            JSON.writerWithDefaultPrettyPrinter().writeValue(target.toFile(), merge(files));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write realm " + target, e);
        }
    }

    private static void mergeObject(ObjectNode into, JsonNode overlay) {
        overlay.properties().forEach(field -> {
            JsonNode existing = into.get(field.getKey());
            JsonNode value = field.getValue();
            if (existing instanceof ObjectNode object && value.isObject()) {
                mergeObject(object, value);
            } else if (existing instanceof ArrayNode list && value.isArray()) {
                mergeList(list, (ArrayNode) value);
            } else {
                into.set(field.getKey(), value.deepCopy());
            }
        });
    }

    private static void mergeList(ArrayNode into, ArrayNode overlay) {
        for (JsonNode element : overlay) {
            ObjectNode same = null;
            for (JsonNode candidate : into) {
                if (candidate instanceof ObjectNode object && sameKey(object, element)) {
                    same = object;
                    break;
                }
            }
            if (same != null) {
                mergeObject(same, element);
            } else {
                into.add(element.deepCopy());
            }
        }
    }

    private static boolean sameKey(JsonNode a, JsonNode b) {
        for (String key : KEYS) {
            if (a.has(key) || b.has(key)) {
                return a.has(key) && a.get(key).equals(b.get(key));
            }
        }
        return false;
    }

    private static ObjectNode read(Path file) {
        try {
            return (ObjectNode) JSON.readTree(file.toFile());
        } catch (IOException | ClassCastException e) {
            throw new IllegalArgumentException("Not a realm file: " + file, e);
        }
    }
}
