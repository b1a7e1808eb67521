package org.citybridge.matchmaking;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;
import java.util.UUID;

/** A fresh database (see {@link TestResources.Database}) and a new consumer group: a rebuild from the topics. */
public class RebuildProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        String group = "matchmaking-service-rebuild-"
                + UUID.randomUUID(); // the service may use groups with its name as prefix
        return Map.of(
                "mp.messaging.incoming.city-events.group.id", group,
                "mp.messaging.incoming.cluster-events.group.id", group,
                // the rebuilt instance must not announce proposals a second time
                "citybridge.outbox.enabled", "false");
    }
}
