package org.citybridge.testing;

import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Partners integrate from the OpenAPI document: it must describe a service's API, its errors and its
 * security. What every service's document must hold is checked here; a service's test (a
 * {@code @QuarkusTest} subclass) names its own endpoints and the details it documents.
 */
public abstract class OpenApiContract {

    private final List<String> paths;
    private final List<String> documented;

    /**
     * @param paths      paths the document must describe, e.g. {@code /api/v1/cities/{id}}
     * @param documented GPath expressions into the JSON document that must be present, e.g.
     *                   {@code paths.'/api/v1/cities'.post.responses.'409'}
     */
    protected OpenApiContract(List<String> paths, List<String> documented) {
        this.paths = List.copyOf(paths);
        this.documented = List.copyOf(documented);
    }

    @Test
    void shouldDescribeEndpointsSchemasErrorsAndSecurity() {
        ValidatableResponse document = given().queryParam("format", "json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("components.schemas", hasKey("Problem"));
        for (String path : paths) {
            document.body("paths", hasKey(path));
        }
        for (String node : documented) {
            document.body(node, notNullValue());
        }
    }

    /**
     * Every operation documents the errors it can answer with, each as problem+json: 400 and 503 always,
     * 401 and 403 where a token is needed (offering the same two schemes everywhere, oidc or bearer, the
     * roles allowed in x-roles), 412 and 428 with If-Match; every other response but 204 and 304 has a
     * schema; every operation has an id that reads well in a generated client (listCities, acceptProposal),
     * and paging parameters are typed.
     */
    @Test
    @SuppressWarnings("unchecked")
    void shouldDocumentEveryErrorAsAProblemAndOneBearerScheme() {
        Map<String, Object> document = given().queryParam("format", "json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);
        Map<String, Object> components = (Map<String, Object>) document.get("components");
        assertThat((Map<String, Object>) components.get("securitySchemes")).containsOnlyKeys("bearer", "oidc");
        Set<String> operationIds = new HashSet<>();
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
        paths.forEach((path, item) -> item.forEach((method, value) -> {
            if (!(value instanceof Map<?, ?> operation) || !operation.containsKey("responses")) {
                return;
            }
            String name = method.toUpperCase(Locale.ROOT) + " " + path;
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
            List<String> expected = new ArrayList<>(List.of("400", "429", "503"));
            Object operationId = operation.get("operationId");
            if (!(operationId instanceof String id) || !id.matches("[a-z][A-Za-z]+") || !operationIds.add(id)) {
                problems.add(name + ": operationId " + operationId + " is missing, repeated or not camelCase");
            }
            List<Map<String, Object>> security = (List<Map<String, Object>>) operation.get("security");
            if (security != null && !security.isEmpty()) {
                expected.addAll(List.of("401", "403"));
                if (!security.equals(List.of(Map.of("oidc", List.of()), Map.of("bearer", List.of())))) {
                    problems.add(name + ": security " + security);
                }
            }
            List<Map<String, Object>> parameters = (List<Map<String, Object>>) operation.get("parameters");
            if (parameters != null) {
                parameters.stream()
                        .filter(p -> Set.of("page", "size").contains(p.get("name")))
                        .filter(p -> !"integer".equals(((Map<String, Object>) p.get("schema")).get("type")))
                        .forEach(p -> problems.add(name + ": " + p.get("name") + " is not typed integer"));
            }
            if (parameters != null && parameters.stream().anyMatch(p -> "If-Match".equals(p.get("name")))) {
                expected.addAll(List.of("412", "428"));
            }
            for (String status : expected) {
                if (!responses.containsKey(status)) {
                    problems.add(name + ": no " + status);
                }
            }
            responses.forEach((status, response) -> {
                Map<String, Object> content = (Map<String, Object>) response.get("content");
                if (status.matches("[45]..") && (content == null || !content.containsKey("application/problem+json"))) {
                    problems.add(name + ": " + status + " is not documented as application/problem+json");
                }
                if (content == null && !Set.of("204", "304").contains(status)) {
                    problems.add(name + ": " + status + " has no content schema");
                }
            });
        }));
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldServeSwaggerUi() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }
}
