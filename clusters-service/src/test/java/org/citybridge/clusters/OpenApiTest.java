package org.citybridge.clusters;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class OpenApiTest {

    @Test
    void shouldDocumentEveryEndpointWithProblemResponses() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/v1/clusters"))
                .body("paths", hasKey("/api/v1/clusters/{id}/members"))
                .body("paths", hasKey("/api/v1/clusters/{id}/members/{membershipId}/leave"))
                .body("paths", hasKey("/api/v1/organisations/{id}"))
                .body("paths", hasKey("/api/v1/exchanges/{id}/hold"))
                .body("paths", hasKey("/api/v1/exchanges/{id}/cancel"))
                .body("paths", hasKey("/api/v1/exchanges/{id}/survey-responses"))
                .body("paths", hasKey("/api/v1/cities/{cityId}/exchanges"))
                .body("components.schemas", hasKey("Problem"))
                .body("paths.'/api/v1/exchanges/{id}/hold'.post.responses.'409'.content.'application/problem+json'", notNullValue())
                .body("paths.'/api/v1/exchanges/{id}/survey-responses'.post.responses.'422'", notNullValue());
    }
}
