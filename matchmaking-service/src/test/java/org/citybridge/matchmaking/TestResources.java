package org.citybridge.matchmaking;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.citybridge.infra.testing.KafkaResource;
import org.citybridge.infra.testing.PostgresResource;

/** Real PostgreSQL (database {@code matchmaking}) and a real Kafka broker for every test of this module. */
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "matchmaking"))
@QuarkusTestResource(KafkaResource.class)
public final class TestResources {

    private TestResources() {
    }
}
