package org.citybridge.clusters;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.citybridge.testing.KafkaResource;
import org.citybridge.testing.PostgresResource;

/** Real PostgreSQL (database {@code clusters}) and a real Kafka broker for every test of this module. */
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "clusters"))
@QuarkusTestResource(
        value = KafkaResource.class,
        initArgs = @ResourceArg(name = "principal", value = "clusters-service"))
public final class TestResources {

    private TestResources() {}
}
