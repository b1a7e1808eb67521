package org.citybridge.bench.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code name=value} arguments the harnesses take, by name. */
public final class NamedArgs {

    private NamedArgs() {}

    public static Map<String, String> parse(String[] args) {
        Map<String, String> named = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Arguments are name=value, not " + arg);
            }
            named.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return named;
    }
}
