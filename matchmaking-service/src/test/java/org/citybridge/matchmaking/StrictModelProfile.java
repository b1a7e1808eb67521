package org.citybridge.matchmaking;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Another model configuration (a fresh database, see {@link TestResources.Database}): one proposal
 * kept per city, a lower minimum score, South-South as a hard filter, and pairing rounds of more than three
 * pairs as jobs. Test classes sharing it share one start of the service (each profile is a restart, and the
 * restarts of one test JVM add up in its memory).
 */
public class StrictModelProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "citybridge.matchmaking.top-n", "1",
                "citybridge.matchmaking.min-score", "1.2",
                "citybridge.matchmaking.south-south-mode", "FILTER",
                "citybridge.matchmaking.pairing-job-threshold", "3");
    }
}
