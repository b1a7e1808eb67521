package org.citybridge.launcher.seed;

import org.citybridge.launcher.DemoUsers;
import org.citybridge.launcher.Keycloak;
import org.citybridge.launcher.http.ApiClient;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a seed step gets: the services' base URLs, tokens of the demo users, and the ids of the seed
 * cities (known once {@link CitySeed} has run). Steps talk to the public APIs only.
 *
 * @param cityIds seed city ids by {@link #cityKey(String, String) name and country}
 */
public record SeedContext(
        String citiesUrl,
        String clustersUrl,
        String matchmakingUrl,
        Keycloak keycloak,
        Map<String, UUID> cityIds,
        ApiClient api) {

    public static String cityKey(String name, String country) {
        return name + "|" + country;
    }

    public Optional<UUID> cityId(String name, String country) {
        return Optional.ofNullable(cityIds.get(cityKey(name, country)));
    }

    public String adminToken() {
        return keycloak.passwordToken(DemoUsers.ADMIN.username(), DemoUsers.ADMIN.password());
    }

    public String tokenOf(DemoUsers.User user) {
        return keycloak.passwordToken(user.username(), user.password());
    }
}
