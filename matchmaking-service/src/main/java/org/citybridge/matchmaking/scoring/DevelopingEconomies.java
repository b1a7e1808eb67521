package org.citybridge.matchmaking.scoring;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The countries counted as developing economies for the South-South criterion, read from the
 * classpath resource {@code developing-economies.txt} (ISO 3166-1 alpha-2 codes, one per line,
 * {@code #} comments). The list follows UNCTAD's classification of developing economies; the file
 * says which edition and how it was derived.
 */
public final class DevelopingEconomies {

    public static final String RESOURCE = "developing-economies.txt";

    private final Set<String> countries;

    public DevelopingEconomies(Set<String> countries) {
        Set<String> normalised = new HashSet<>();
        countries.forEach(c -> normalised.add(c.trim().toUpperCase(Locale.ROOT)));
        this.countries = Set.copyOf(normalised);
    }

    /** The list shipped with the service. */
    public static DevelopingEconomies load() {
        try (InputStream in = DevelopingEconomies.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + RESOURCE);
            }
            Set<String> codes = new HashSet<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    int hash = line.indexOf('#');
                    String code = (hash >= 0 ? line.substring(0, hash) : line).trim();
                    if (!code.isEmpty()) {
                        codes.add(code);
                    }
                }
            }
            return new DevelopingEconomies(codes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean contains(String country) {
        return country != null && countries.contains(country.toUpperCase(Locale.ROOT));
    }

    public int size() {
        return countries.size();
    }
}
