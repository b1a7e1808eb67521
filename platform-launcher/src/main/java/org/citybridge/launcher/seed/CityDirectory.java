package org.citybridge.launcher.seed;

import java.util.Optional;
import java.util.UUID;

/** Finds a city registered with cities-service, by name and ISO 3166-1 alpha-2 country. */
@FunctionalInterface
public interface CityDirectory {

    Optional<UUID> find(String name, String country);
}
