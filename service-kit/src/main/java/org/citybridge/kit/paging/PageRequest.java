package org.citybridge.kit.paging;

import io.quarkus.panache.common.Sort;
import org.citybridge.kit.problem.ApiException;

import java.util.Map;

/**
 * Validated paging and sorting parameters ({@code page}, {@code size}, {@code sort}) shared by every
 * list endpoint. {@code sort} is a comma-separated list of API field names, {@code -} for descending,
 * e.g. {@code sort=-population,name}; only fields the endpoint allows are accepted.
 */
public record PageRequest(int page, int size, Sort sort) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    /**
     * @param allowedSorts API field name to entity column, e.g. {@code "name" -> "name"}
     * @param defaultSort  used when no sort is asked for
     */
    public static PageRequest of(
            Integer page, Integer size, String sort, Map<String, String> allowedSorts, Sort defaultSort) {
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0) {
            throw ApiException.badRequest("page", "must be 0 or more");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw ApiException.badRequest("size", "must be between 1 and " + MAX_SIZE);
        }
        if ((long) p * s > Integer.MAX_VALUE) {
            // the first row of such a page lies beyond any offset the database can skip to
            throw ApiException.badRequest(
                    "page", "page × size must not exceed " + Integer.MAX_VALUE + " (no list is that long)");
        }
        return new PageRequest(p, s, parseSort(sort, allowedSorts, defaultSort));
    }

    /**
     * As {@link #of(Integer, Integer, String, Map, Sort)}, from raw query text, so that a value that
     * is not a number is a 400 naming the parameter (JAX-RS would answer 404 for a failed conversion).
     */
    public static PageRequest of(
            String page, String size, String sort, Map<String, String> allowedSorts, Sort defaultSort) {
        return of(integer("page", page), integer("size", size), sort, allowedSorts, defaultSort);
    }

    /** Parses an optional integer parameter; 400 naming it if it is not one. */
    private static Integer integer(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name, "must be an integer, not '" + value + "'");
        }
    }

    private static Sort parseSort(String sort, Map<String, String> allowed, Sort defaultSort) {
        if (sort == null || sort.isBlank()) {
            return defaultSort;
        }
        Sort result = null;
        for (String raw : sort.split(",")) {
            String part = raw.trim();
            boolean descending = part.startsWith("-");
            String field = descending ? part.substring(1) : part;
            String column = allowed.get(field);
            if (column == null) {
                throw ApiException.badRequest(
                        "sort",
                        "cannot sort by '" + field + "'; allowed: "
                                + String.join(
                                        ", ", allowed.keySet().stream().sorted().toList()));
            }
            Sort.Direction direction = descending ? Sort.Direction.Descending : Sort.Direction.Ascending;
            result = result == null ? Sort.by(column, direction) : result.and(column, direction);
        }
        // a stable tie-breaker keeps pages from overlapping
        return result.and("id");
    }

    public io.quarkus.panache.common.Page panachePage() {
        return io.quarkus.panache.common.Page.of(page, size);
    }
}
