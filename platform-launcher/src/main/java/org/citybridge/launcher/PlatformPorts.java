package org.citybridge.launcher;

import org.citybridge.infra.Ports;

import java.util.LinkedHashMap;
import java.util.Map;

/** The loopback ports of one platform run. */
public record PlatformPorts(
        int postgres, int kafka, int keycloak, int cities, int clusters, int matchmaking, int webhooks, int portal) {

    /**
     * The documented ports; they match the services' own defaults, so a service started from an IDE finds them.
     * The portal's 8080 is often taken on a workstation: {@code CITYBRIDGE_PORTAL_PORT} moves it (the launcher
     * tells Keycloak the new address).
     */
    public static PlatformPorts defaults() {
        String portal = System.getenv("CITYBRIDGE_PORTAL_PORT");
        return new PlatformPorts(
                5432,
                9092,
                8180,
                8081,
                8082,
                8083,
                8084,
                portal == null || portal.isBlank() ? 8080 : Integer.parseInt(portal.trim()));
    }

    /** Ports free right now, for a test run beside a running local platform. */
    public static PlatformPorts free() {
        int[] free = Ports.free(8); // distinct: one port each
        return new PlatformPorts(free[0], free[1], free[2], free[3], free[4], free[5], free[6], free[7]);
    }

    /** Every port with what uses it, in start order. */
    public Map<String, Integer> byComponent() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("PostgreSQL", postgres);
        ports.put("Kafka", kafka);
        ports.put("Keycloak", keycloak);
        ports.put("cities-service", cities);
        ports.put("clusters-service", clusters);
        ports.put("matchmaking-service", matchmaking);
        ports.put("webhooks-service", webhooks);
        ports.put("partner-portal", portal);
        return ports;
    }
}
