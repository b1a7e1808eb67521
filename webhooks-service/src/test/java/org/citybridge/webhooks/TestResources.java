package org.citybridge.webhooks;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.citybridge.testing.KafkaResource;
import org.citybridge.testing.PostgresResource;

/** Real PostgreSQL (database {@code webhooks}) and a real Kafka broker for every test of this module. */
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "webhooks"))
@QuarkusTestResource(
        value = KafkaResource.class,
        initArgs = @ResourceArg(name = "principal", value = "webhooks-service"))
public final class TestResources {

    private TestResources() {}
}
