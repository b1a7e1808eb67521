package org.citybridge.clusters.rest;

import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.UnknownCodeException;
import org.citybridge.kit.problem.ApiException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Parses query parameters with a 400 naming the parameter (JAX-RS would answer 404 for an
 * unconvertible query parameter, which tells a client nothing).
 */
final class Params {

    private Params() {
    }

    /** Free-text filters: at most 200 characters and no control characters (PostgreSQL rejects NUL). */
    static String text(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 200) {
            throw ApiException.badRequest(name, "must be at most 200 characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest(name, "must not contain control characters");
        }
        return value;
    }

    /** An ISO 3166-1 alpha-2 code, any case. */
    static String country(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String code = value.trim().toUpperCase(Locale.ROOT);
        if (!code.matches("[A-Z]{2}")) {
            throw ApiException.badRequest(name, "must be an ISO 3166-1 alpha-2 code such as MX");
        }
        return code;
    }

    static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(name, "'" + value + "' is not a UUID");
        }
    }

    static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name, "'" + value + "' is not an ISO-8601 date (yyyy-mm-dd)");
        }
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(name, "unknown value '" + value + "'; expected one of: "
                    + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    static CooperationArea area(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return CooperationArea.fromCode(value);
        } catch (UnknownCodeException e) {
            throw ApiException.badRequest(name, e.getMessage());
        }
    }
}
