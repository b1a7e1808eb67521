package org.citybridge.webhooks;

import io.quarkus.test.junit.QuarkusTest;
import org.citybridge.testing.OpenApiContract;

import java.util.List;

/** webhooks-service's OpenAPI document: the shared contract, with its endpoints. */
@QuarkusTest
class OpenApiTest extends OpenApiContract {

    OpenApiTest() {
        super(
                List.of(
                        "/api/v1/webhooks",
                        "/api/v1/webhooks/{id}",
                        "/api/v1/webhooks/{id}/pings",
                        "/api/v1/webhooks/{id}/secret-rotations",
                        "/api/v1/webhooks/{id}/replays",
                        "/api/v1/webhooks/{id}/deliveries",
                        "/api/v1/webhooks/{id}/deliveries/{deliveryId}"),
                List.of("components.schemas.Webhook", "components.schemas.WebhookDelivery"));
    }
}
