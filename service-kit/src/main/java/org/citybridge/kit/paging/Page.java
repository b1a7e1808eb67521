package org.citybridge.kit.paging;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, the pagination shape of every CityBridge API.
 *
 * @param page       zero-based page index
 * @param totalItems items matching the filters, over all pages
 */
@Schema(description = "One page of results with totals")
public record Page<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

    public static <T> Page<T> of(List<T> items, PageRequest request, long totalItems) {
        int totalPages = (int) Math.ceil(totalItems / (double) request.size());
        return new Page<>(items, request.page(), request.size(), totalItems, totalPages);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, totalItems, totalPages);
    }
}
