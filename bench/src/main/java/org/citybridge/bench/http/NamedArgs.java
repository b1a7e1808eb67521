package org.citybridge.bench.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code name=value} arguments the HTTP harnesses take, by name. */
final class NamedArgs {

    private NamedArgs() {}

    static Map<String, String> parse(String[] args) {
        Map<String, String> named = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            named.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return named;
    }
}
