package org.citybridge.clusters;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.citybridge.contracts.events.EventPayload;
import org.citybridge.contracts.events.ExchangeCancelled;
import org.citybridge.kit.outbox.EventOutbox;
import org.citybridge.testing.InfrastructureContract;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

@QuarkusTest
class ClustersInfrastructureTest extends InfrastructureContract {

    @Inject
    EventOutbox outbox;

    @Override
    protected EventPayload sampleEvent() {
        return new ExchangeCancelled(UUID.randomUUID(), "proof", Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    @Override
    protected void publishThroughOutbox(EventPayload event) {
        QuarkusTransaction.requiringNew().run(() -> outbox.append(event));
    }
}
