package org.citybridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.security.TestSecurity;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile input, generated from the service's own OpenAPI document: wrong types, missing and extra
 * fields, huge and empty strings, control and bidi characters, SQL and JSON injection strings,
 * extreme numbers, deep nesting, wrong content types, bad UUIDs and bad {@code If-Match}. Every
 * request is invalid by construction, so the service must answer each with a 4xx problem+json, never a
 * 5xx, and change no data. Free-text and wrong-type values ride in an otherwise valid body, so they get
 * past JSON parsing into deserialisation and validation: a write under a path with ids goes to ids that
 * do not exist, a create has another required field nulled, so validation refuses it whatever it makes
 * of the attacked value (a wrong type is refused by deserialisation first). Bad {@code If-Match}
 * values also go, with a valid body, to an existing resource, the first of its collection's list when
 * there is one. A service's test extends this, annotated {@code @QuarkusTest}.
 *
 * <p>Every request runs as a platform-admin, so that it passes authentication and reaches parsing and
 * validation; the test fails if any is answered 401. The identity is declared here, on the class
 * that declares the test method: that is where Quarkus looks for {@code @TestSecurity}, not on the
 * subclass.
 */
@TestSecurity(user = "admin", roles = "platform-admin")
public abstract class HostileInputContract {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> HOSTILE_TEXT = List.of(
            "",
            " ",
            "x".repeat(100_000),
            "\u0000",
            "a\u0000b",
            "\u0007\u001b[31m",
            "\u202eevil\u202c",
            "\u2066x\u2069",
            "' OR '1'='1' --",
            "'; drop table city; --",
            "\"}, {\"admin\": true",
            "{\"$gt\": \"\"}",
            "${jndi:ldap://x}",
            "<script>alert(1)</script>",
            "../../../../etc/passwd",
            "\uD800",
            "𝕳𝖔𝖘𝖙𝖎𝖑𝖊 💣",
            "null");
    private static final List<String> BAD_IDS = List.of(
            "not-a-uuid",
            "' OR 1=1 --",
            "%00",
            "0",
            "-1",
            "00000000-0000-0000-0000-00000000000g",
            "x".repeat(2000),
            "..%2F..%2Fetc");
    private static final List<String> BAD_IF_MATCH =
            List.of("garbage", "\"-1\"", "W/\"x\"", "\"99999999999999999999\"", "\u0000", "x".repeat(3_000));

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper mapper;

    /** One hostile request: raw, so that nothing on the client side tidies it up. */
    private record Hostile(
            String method,
            String path,
            Map<String, String> query,
            Map<String, String> headers,
            String contentType,
            String body) {

        Hostile query(String name, String value) {
            Map<String, String> q = new java.util.LinkedHashMap<>(query);
            q.put(name, value);
            return new Hostile(method, path, q, headers, contentType, body);
        }

        Hostile header(String name, String value) {
            Map<String, String> h = new java.util.LinkedHashMap<>(headers);
            h.put(name, value);
            return new Hostile(method, path, query, h, contentType, body);
        }

        Hostile body(String type, String text) {
            return new Hostile(method, path, query, headers, type, text);
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final List<String> failures = new ArrayList<>();
    private int sent;
    private int sentToExistingResources;
    private final Map<Integer, Integer> statuses = new java.util.TreeMap<>();

    /** At least this many requests must be generated (the contract asks for 300 per service). */
    protected int minimumRequests() {
        return 300;
    }

    /**
     * At least this many bad {@code If-Match} requests must reach an existing resource: a service whose
     * test data holds such a resource says so here (the seeded clusters, a city its test registers).
     */
    protected int minimumRequestsToExistingResources() {
        return 0;
    }

    /**
     * Creates what the attacks need to find (runs within the test, as its security identity; before the
     * data is checksummed).
     */
    protected void prepareResources() {}

    @Test
    void hostileRequestsGetProblemsNeverServerErrorsAndChangeNothing() throws Exception {
        prepareResources();
        JsonNode api = mapper.readTree(RestAssured.given()
                .queryParam("format", "json")
                .get("/q/openapi")
                .asString());
        String before = stableChecksum();

        for (Iterator<Map.Entry<String, JsonNode>> paths = api.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                attack(api, path.getKey(), op.getKey().toUpperCase(), op.getValue());
            }
        }

        System.out.println("Hostile requests: " + sent + ", answers by status " + statuses);
        assertTrue(sent >= minimumRequests(), "only " + sent + " hostile requests were generated");
        assertTrue(
                sentToExistingResources >= minimumRequestsToExistingResources(),
                "only " + sentToExistingResources + " bad If-Match values went to existing resources");
        assertTrue(
                failures.isEmpty(),
                failures.size() + " of " + sent + " hostile requests misbehaved:\n"
                        + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
        assertEquals(before, checksum(), "hostile requests changed data");
    }

    private void attack(JsonNode api, String path, String method, JsonNode operation) {
        boolean hasPathParams = path.contains("{");
        String nowhere = path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        Hostile base = new Hostile(method, nowhere, Map.of(), Map.of(), null, null);
        boolean hasBody = !"GET".equals(method) && !"DELETE".equals(method);
        if (hasPathParams) {
            for (String bad : BAD_IDS) {
                Hostile request = new Hostile(
                        method,
                        path.replaceAll("\\{[^}]+}", URLEncoder.encode(bad, StandardCharsets.UTF_8)),
                        Map.of(),
                        Map.of(),
                        null,
                        null);
                send(hasBody ? request.body("application/json", "{}") : request, "bad id " + abbreviate(bad));
            }
        }
        for (JsonNode parameter : operation.path("parameters")) {
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            if (!"query".equals(in) && !"header".equals(in)) {
                continue;
            }
            // URLs and headers past the HTTP layer's limits are refused before the API sees them
            List<String> values = new ArrayList<>(HOSTILE_TEXT.stream()
                    .map(v -> v.length() > 3000 ? v.substring(0, 3000) : v)
                    .toList());
            values.addAll(List.of("-1", "99999999999999999999", "1e309", "NaN", "[]", "{}", "true,false"));
            if ("If-Match".equalsIgnoreCase(name)) {
                values.addAll(BAD_IF_MATCH);
            }
            for (String value : values) {
                if ("header".equals(in) && value.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
                    continue; // not representable in an HTTP/1.1 header
                }
                Hostile request = "query".equals(in) ? base.query(name, value) : base.header(name, value);
                send(
                        hasBody ? request.body("application/json", "{\"$hostile\": true}") : request,
                        name + "=" + abbreviate(value));
            }
        }
        if (hasParameter(operation, "page")) {
            // page × size past the largest row offset: a page beyond any result, never a server error
            send(base.query("page", String.valueOf(Integer.MAX_VALUE)), "page=" + Integer.MAX_VALUE);
            if (hasParameter(operation, "size")) {
                send(base.query("page", "21474837").query("size", "100"), "page=21474837&size=100");
            }
        }
        JsonNode schema = requestSchema(api, operation);
        if (schema == null) {
            return;
        }
        // writes to existing resources go to an id that does not exist; creates get invalid bodies
        ObjectNode valid = (ObjectNode) example(api, schema, 0);
        for (String body : List.of(
                "",
                "[]",
                "\"text\"",
                "42",
                "null",
                "{",
                "{\"a\":}",
                "{}}",
                deepNesting(5_000),
                "{\"x\": " + "[".repeat(2_000) + "]".repeat(2_000) + "}",
                "\uFEFF{}")) {
            send(base.body("application/json", body), "body " + abbreviate(body));
        }
        for (String contentType : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded")) {
            send(base.body(contentType, valid.toString()), "content type " + contentType);
        }
        ObjectNode extra = valid.deepCopy();
        extra.put("isAdmin", true);
        send(base.body("application/json", extra.toString()), "extra field");
        JsonNode properties = resolve(api, schema).path("properties");
        for (Iterator<String> names = properties.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            for (JsonNode wrong : List.of(
                    JSON.objectNode().put("nested", 1),
                    JSON.arrayNode().add(1).add("two"),
                    JSON.numberNode(new java.math.BigDecimal("1e400")),
                    JSON.numberNode(-99999999999L),
                    JSON.booleanNode(true))) {
                ObjectNode body = valid.deepCopy();
                body.set(field, wrong);
                send(
                        base.body(
                                "application/json",
                                invalidElsewhere(api, schema, body, field, hasPathParams)
                                        .toString()),
                        field + " as " + abbreviate(wrong.toString()));
            }
            for (String text : HOSTILE_TEXT) {
                ObjectNode body = valid.deepCopy();
                body.put(field, text);
                send(
                        base.body(
                                "application/json",
                                invalidElsewhere(api, schema, body, field, hasPathParams)
                                        .toString()),
                        field + " = " + abbreviate(text));
            }
        }
        String existing = takesIfMatch(operation) ? existingResource(path) : null;
        if (existing != null) {
            // a valid body: the resource's own values for the request's fields; an optional field the resource
            // leaves empty is left out (an example value such as "Hostile" could break a pattern: 400, not 412);
            // a required one it does not show (an action's own field, such as a reason) keeps its example
            ObjectNode body = valid.deepCopy();
            JsonNode current = readTree(RestAssured.given()
                    .get(existing.replaceAll("^(/api/v1/[^/]+/[^/]+).*", "$1"))
                    .asString());
            List<String> required = requiredFields(api, schema);
            for (Iterator<String> names = valid.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!current.hasNonNull(name)) {
                    if (!required.contains(name)) {
                        body.remove(name);
                    }
                } else if (current.get(name).getNodeType() == valid.get(name).getNodeType()) {
                    body.set(name, current.get(name));
                }
            }
            String type =
                    operation.path("requestBody").path("content").fieldNames().next(); // e.g. merge-patch
            for (String bad : BAD_IF_MATCH) {
                if (bad.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
                    continue; // not representable in an HTTP/1.1 header
                }
                sentToExistingResources++;
                send(
                        new Hostile(method, existing, Map.of(), Map.of("If-Match", bad), type, body.toString()),
                        "existing resource, If-Match " + abbreviate(bad),
                        412);
            }
        }
        for (String required : requiredFields(api, schema)) {
            ObjectNode body = valid.deepCopy();
            body.remove(required);
            send(base.body("application/json", body.toString()), "missing " + required);
            ObjectNode nulled = valid.deepCopy();
            nulled.putNull(required);
            send(base.body("application/json", nulled.toString()), "null " + required);
        }
    }

    /**
     * The body made invalid by something other than the attacked field, so that the attacked value is
     * still parsed and validated: under a path with ids nothing is needed (the ids do not exist); a create
     * gets another required field nulled, or, when there is none that JSON null can break, a forbidden
     * extra field (then only parsing sees the value).
     */
    private static ObjectNode invalidElsewhere(
            JsonNode api, JsonNode schema, ObjectNode body, String attacked, boolean toMissingIds) {
        if (toMissingIds) {
            return body;
        }
        JsonNode properties = resolve(api, schema).path("properties");
        for (String name : requiredFields(api, schema)) {
            String type = resolve(api, properties.path(name)).path("type").asText("object");
            if (!name.equals(attacked)
                    && !List.of("integer", "number", "boolean").contains(type)) {
                body.putNull(name); // a primitive would take null as 0 or false, so only references are nulled
                return body;
            }
        }
        body.put("$hostile", true);
        return body;
    }

    private static List<String> requiredFields(JsonNode api, JsonNode schema) {
        List<String> required = new ArrayList<>();
        resolve(api, schema).path("required").forEach(name -> required.add(name.asText()));
        return required;
    }

    private JsonNode readTree(String json) {
        try {
            return mapper.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean hasParameter(JsonNode operation, String name) {
        for (JsonNode parameter : operation.path("parameters")) {
            if (name.equals(parameter.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean takesIfMatch(JsonNode operation) {
        for (JsonNode parameter : operation.path("parameters")) {
            if ("header".equals(parameter.path("in").asText())
                    && "If-Match".equalsIgnoreCase(parameter.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The path with its one id filled in with the first item of the collection's list
     * ({@code /api/v1/clusters/{id}/…} from {@code GET /api/v1/clusters}); null when there is none.
     */
    private String existingResource(String path) {
        int at = path.indexOf("/{");
        if (at < 0 || path.indexOf('{', at + 2) >= 0) {
            return null;
        }
        io.restassured.response.Response list = RestAssured.given().get(path.substring(0, at));
        if (list.statusCode() != 200) {
            return null;
        }
        String id = list.jsonPath().getString("items[0].id");
        return id == null ? null : path.replaceAll("\\{[^}]+}", id);
    }

    private void send(Hostile request, String what) {
        send(request, what, 0);
    }

    /** Sends the request and records what is wrong with the answer; {@code expected} 0: any 4xx problem. */
    private void send(Hostile request, String what, int expected) {
        sent++;
        StringBuilder uri =
                new StringBuilder("http://localhost:").append(RestAssured.port).append(request.path());
        String separator = "?";
        for (Map.Entry<String, String> q : request.query().entrySet()) {
            uri.append(separator)
                    .append(URLEncoder.encode(q.getKey(), StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8));
            separator = "&";
        }
        String label = request.method() + " " + abbreviate(request.path()) + " [" + what + "]";
        HttpResponse<String> response;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri.toString()))
                    .timeout(Duration.ofSeconds(30))
                    .method(
                            request.method(),
                            request.body() == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(request.body()));
            if (request.contentType() != null) {
                builder.header("Content-Type", request.contentType());
            }
            request.headers().forEach(builder::header);
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            failures.add(label + ": no response (" + e + ")");
            return;
        }
        int status = response.statusCode();
        statuses.merge(status, 1, Integer::sum);
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        if (expected != 0 && status != expected) {
            failures.add(label + ": " + status + " instead of " + expected + " " + abbreviate(response.body()));
        } else if (status >= 500) {
            failures.add(label + ": " + status + " " + abbreviate(response.body()));
        } else if (status < 400 && !"GET".equals(request.method())) {
            failures.add(label + ": accepted with " + status); // a read may answer; a write must not
        } else if (status < 400) {
            return;
        } else if (status == 401) {
            failures.add(label + ": 401, refused before parsing and validation"); // 403 may be right for an admin
        } else if (contentType == null || !contentType.startsWith("application/problem+json")) {
            failures.add(label + ": " + status + " without problem+json (" + contentType + ")");
        }
    }

    private static JsonNode requestSchema(JsonNode api, JsonNode operation) {
        JsonNode content = operation.path("requestBody").path("content");
        for (Iterator<Map.Entry<String, JsonNode>> it = content.fields(); it.hasNext(); ) {
            JsonNode schema = it.next().getValue().path("schema");
            if (!schema.isMissingNode()
                    && "object".equals(resolve(api, schema).path("type").asText("object"))
                    && resolve(api, schema).has("properties")) {
                return schema;
            }
        }
        return null;
    }

    private static JsonNode resolve(JsonNode api, JsonNode schema) {
        JsonNode current = schema;
        for (int i = 0; i < 10 && current.has("$ref"); i++) {
            current = api.at(current.path("$ref").asText().substring(1));
        }
        if (current.has("allOf") && current.path("allOf").size() == 1) {
            return resolve(api, current.path("allOf").get(0));
        }
        if (current.has("oneOf")) {
            for (JsonNode option : current.path("oneOf")) {
                if (!"null".equals(option.path("type").asText())) {
                    return resolve(api, option);
                }
            }
        }
        return current;
    }

    /** A plausible value for a schema; the attacks then break it one field at a time. */
    private static JsonNode example(JsonNode api, JsonNode schema, int depth) {
        JsonNode s = resolve(api, schema);
        String type = s.path("type").isArray()
                ? s.path("type").get(0).asText()
                : s.path("type").asText("object");
        if (s.has("enum")) {
            return s.path("enum").get(0);
        }
        switch (type) {
            case "string":
                return switch (s.path("format").asText()) {
                    case "uuid" -> JSON.textNode(UUID.randomUUID().toString());
                    case "date-time" -> JSON.textNode("2022-02-22T09:00:00Z");
                    case "date" -> JSON.textNode("2022-02-22");
                    default -> JSON.textNode("Hostile");
                };
            case "integer":
                return JSON.numberNode(1);
            case "number":
                return JSON.numberNode(1.5);
            case "boolean":
                return JSON.booleanNode(true);
            case "array":
                ArrayNode array = JSON.arrayNode();
                if (depth < 4) {
                    array.add(example(api, s.path("items"), depth + 1));
                }
                return array;
            default:
                ObjectNode object = JSON.objectNode();
                if (depth < 4) {
                    s.path("properties")
                            .fields()
                            .forEachRemaining(p -> object.set(p.getKey(), example(api, p.getValue(), depth + 1)));
                }
                return object;
        }
    }

    private static String deepNesting(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    /** Waits until asynchronous work from earlier tests has settled, then returns the checksum. */
    private String stableChecksum() throws Exception {
        String previous = checksum();
        for (int i = 0; i < 60; i++) {
            Thread.sleep(500);
            String current = checksum();
            if (current.equals(previous)) {
                return current;
            }
            previous = current;
        }
        return previous;
    }

    /** Row count and content hash of every table of the service's schema. */
    private String checksum() throws Exception {
        StringBuilder result = new StringBuilder();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("select table_name from information_schema.tables "
                    + "where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'flyway_schema_history' "
                    + "order by table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = statement.executeQuery("select count(*), coalesce(md5(string_agg(md5(t::text), '' "
                        + "order by md5(t::text))), '') from \"" + table + "\" t")) {
                    rs.next();
                    result.append(table)
                            .append('=')
                            .append(rs.getLong(1))
                            .append(':')
                            .append(rs.getString(2))
                            .append(' ');
                }
            }
        }
        return result.toString();
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() > 60 ? oneLine.substring(0, 60) + "…(" + text.length() + ")" : oneLine;
    }
}
