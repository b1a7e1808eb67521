package org.citybridge.kit.web;

import org.citybridge.contracts.vocabulary.UnknownCodeException;
import org.citybridge.kit.problem.ApiException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Parses query parameters with a 400 naming the parameter: JAX-RS would answer 404 for an
 * unconvertible query parameter, which tells a client nothing, and an unknown code would be a 400
 * that does not say which parameter was wrong. Blank means absent (null).
 */
public final class QueryParams {

    private QueryParams() {}

    /** Free-text filters: at most 200 characters, no control or bidirectional formatting characters. */
    public static String text(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 200) {
            throw ApiException.badRequest(name, "must be at most 200 characters");
        }
        if (InputHardening.hasControlCharacter(value, false)) {
            throw ApiException.badRequest(name, InputHardening.MESSAGE);
        }
        return value;
    }

    /** An ISO 3166-1 alpha-2 code, any case. */
    public static String country(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String code = value.trim().toUpperCase(Locale.ROOT);
        if (!code.matches("[A-Z]{2}")) {
            throw ApiException.badRequest(name, "must be an ISO 3166-1 alpha-2 code such as MX");
        }
        return code;
    }

    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(name, "'" + value + "' is not a UUID");
        }
    }

    public static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name, "'" + value + "' is not an ISO-8601 date (yyyy-mm-dd)");
        }
    }

    public static <E extends Enum<E>> E enumValue(Class<E> type, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    name,
                    "unknown value '" + value + "'; expected one of: "
                            + Arrays.stream(type.getEnumConstants())
                                    .map(Enum::name)
                                    .collect(Collectors.joining(", ")));
        }
    }

    /** A code of the shared vocabulary, e.g. {@code QueryParams.code("area", value, CooperationArea::fromCode)}. */
    public static <T> T code(String name, String value, Function<String, T> parser) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parser.apply(value);
        } catch (UnknownCodeException e) {
            throw ApiException.badRequest(name, e.getMessage());
        }
    }

    /** Parses an optional boolean query parameter; 400 naming it if it is neither true nor false. */
    public static boolean flag(String name, String value, boolean defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest(name, "must be true or false, not '" + value + "'");
        };
    }
}
