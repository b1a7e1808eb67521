package org.citybridge.cities;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

/** Partners integrate from the OpenAPI document: it must describe the API, its errors and its security. */
@QuarkusTest
class OpenApiTest {

    @Test
    void shouldDescribeEndpointsSchemasErrorsAndSecurity() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/v1/cities"))
                .body("paths", hasKey("/api/v1/cities/{id}"))
                .body("paths", hasKey("/api/v1/cities/{cityId}/interests"))
                .body("paths.'/api/v1/cities'.post.responses", hasKey("201"))
                .body("paths.'/api/v1/cities'.post.responses", hasKey("409"))
                .body("paths.'/api/v1/cities/{id}'.put.responses", hasKey("412"))
                .body("paths.'/api/v1/cities/{id}'.put.responses", hasKey("428"))
                .body("components.schemas", hasKey("Problem"))
                .body("components.schemas", hasKey("CityRequest"))
                .body("components.schemas.CityRequest.properties.localName.examples", notNullValue())
                .body("components.securitySchemes", hasKey("bearer"));
    }

    @Test
    void shouldServeSwaggerUi() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }
}
