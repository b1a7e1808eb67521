package org.citybridge.matchmaking;

import io.quarkus.test.junit.QuarkusTest;
import org.citybridge.testing.OpenApiContract;

import java.util.List;

/** matchmaking-service's OpenAPI document: the shared contract, with its endpoints and their particular errors. */
@QuarkusTest
class OpenApiTest extends OpenApiContract {

    OpenApiTest() {
        super(
                List.of(
                        "/api/v1/cities/{id}/proposals",
                        "/api/v1/proposals/{id}/accept",
                        "/api/v1/partnerships",
                        "/api/v1/pairing-rounds",
                        "/api/v1/admin/rescore"),
                List.of(
                        "paths.'/api/v1/proposals/{id}/accept'.post.responses.'409'.content.'application/problem+json'",
                        "paths.'/api/v1/partnerships'.post.responses.'201'",
                        "components.schemas.ProposalView"));
    }
}
