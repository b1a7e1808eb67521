package org.citybridge.cities;

import io.quarkus.test.junit.QuarkusTest;
import org.citybridge.testing.OpenApiContract;

import java.util.List;

/** cities-service's OpenAPI document: the shared contract, its endpoints, errors, examples and bearer scheme. */
@QuarkusTest
class OpenApiTest extends OpenApiContract {

    OpenApiTest() {
        super(
                List.of("/api/v1/cities", "/api/v1/cities/{id}", "/api/v1/cities/{cityId}/interests"),
                List.of(
                        "paths.'/api/v1/cities'.post.responses.'201'",
                        "paths.'/api/v1/cities'.post.responses.'409'",
                        "paths.'/api/v1/cities/{id}'.put.responses.'412'",
                        "paths.'/api/v1/cities/{id}'.put.responses.'428'",
                        "components.schemas.CityRequest",
                        "components.schemas.CityRequest.properties.localName.examples",
                        "components.securitySchemes.bearer"));
    }
}
