package org.citybridge.cities;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.citybridge.testing.KafkaResource;
import org.citybridge.testing.PostgresResource;

/** Real PostgreSQL (database {@code cities}) and a real Kafka broker for every test of this module. */
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "cities"))
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = "principal", value = "cities-service"))
public final class TestResources {

    private TestResources() {}
}
