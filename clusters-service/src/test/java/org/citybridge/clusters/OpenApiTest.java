package org.citybridge.clusters;

import io.quarkus.test.junit.QuarkusTest;
import org.citybridge.testing.OpenApiContract;

import java.util.List;

/** clusters-service's OpenAPI document: the shared contract, with its endpoints and their problem responses. */
@QuarkusTest
class OpenApiTest extends OpenApiContract {

    OpenApiTest() {
        super(
                List.of(
                        "/api/v1/clusters",
                        "/api/v1/clusters/{id}/members",
                        "/api/v1/clusters/{id}/members/{membershipId}/leave",
                        "/api/v1/organisations/{id}",
                        "/api/v1/exchanges/{id}/hold",
                        "/api/v1/exchanges/{id}/cancel",
                        "/api/v1/exchanges/{id}/survey-responses",
                        "/api/v1/cities/{cityId}/exchanges"),
                List.of(
                        "paths.'/api/v1/exchanges/{id}/hold'.post.responses.'409'.content.'application/problem+json'",
                        "paths.'/api/v1/exchanges/{id}/survey-responses'.post.responses.'422'"));
    }
}
