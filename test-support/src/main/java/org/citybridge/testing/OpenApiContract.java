package org.citybridge.testing;

import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
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

    @Test
    void shouldServeSwaggerUi() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }
}
