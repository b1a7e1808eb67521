package org.citybridge.cities.domain;

import org.citybridge.contracts.vocabulary.UnknownCodeException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * ISO 3166-1 alpha-2 country codes with their UN M49 region and sub-region, from
 * {@code reference/m49-regions.csv}. Countries are validated here, and a city's region is derived
 * from its country rather than typed in by clients.
 */
public final class M49Regions {

    /** Region and sub-region of a country, e.g. Americas / Latin America and the Caribbean. */
    public record Placement(String country, String region, String subRegion) {}

    private static final Map<String, Placement> BY_COUNTRY = load();

    private M49Regions() {}

    /**
     * @throws UnknownCodeException naming the value if it is not an ISO 3166-1 alpha-2 code
     */
    public static Placement of(String country) {
        return find(country)
                .orElseThrow(() ->
                        new UnknownCodeException("country", country, "ISO 3166-1 alpha-2 codes such as MX, CN, BR"));
    }

    /**
     * As {@link #of(String)}, reporting an unknown code as a 400 on the named request field.
     */
    public static Placement ofField(String field, String country) {
        return find(country)
                .orElseThrow(() -> org.citybridge.kit.problem.ApiException.badRequest(
                        field, "unknown ISO 3166-1 alpha-2 country code '" + country + "'"));
    }

    public static Optional<Placement> find(String country) {
        return country == null
                ? Optional.empty()
                : Optional.ofNullable(BY_COUNTRY.get(country.trim().toUpperCase(Locale.ROOT)));
    }

    /** Every region and sub-region name, as spelled here. */
    public static Set<String> regionNames() {
        Set<String> names = new TreeSet<>();
        BY_COUNTRY.values().forEach(p -> {
            names.add(p.region());
            names.add(p.subRegion());
        });
        return names;
    }

    /** True if the name is an M49 region or sub-region (case-insensitive). */
    public static boolean isRegionName(String name) {
        return BY_COUNTRY.values().stream()
                .anyMatch(
                        p -> p.region().equalsIgnoreCase(name) || p.subRegion().equalsIgnoreCase(name));
    }

    /** The canonical spelling of a region or sub-region name. */
    public static Optional<String> canonicalRegion(String name) {
        return BY_COUNTRY.values().stream()
                .flatMap(p -> java.util.stream.Stream.of(p.region(), p.subRegion()))
                .filter(n -> n.equalsIgnoreCase(name == null ? "" : name.trim()))
                .findFirst();
    }

    private static Map<String, Placement> load() {
        Map<String, Placement> map = new TreeMap<>();
        try (InputStream in = M49Regions.class.getResourceAsStream("/reference/m49-regions.csv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(",");
                map.put(parts[0], new Placement(parts[0], parts[1], parts[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(map);
    }
}
