package org.citybridge.kit.persistence;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A long list reaches its queries in order, whole, and never more than one slice at a time. */
class SlicesTest {

    @Test
    void cutsAListIntoSlicesThatKeepEveryElementInOrder() {
        List<Integer> ids = IntStream.range(0, 2 * Slices.SIZE + 1).boxed().toList();
        List<List<Integer>> slices = new ArrayList<>();

        Slices.forEach(ids, slices::add);

        assertThat(slices).extracting(List::size).containsExactly(Slices.SIZE, Slices.SIZE, 1);
        assertThat(slices.stream().flatMap(List::stream)).containsExactlyElementsOf(ids);
    }

    @Test
    void aListWithinOneSliceIsOneQueryAndAnEmptyListNone() {
        List<List<String>> slices = new ArrayList<>();

        Slices.forEach(List.of("a", "b"), slices::add);
        Slices.forEach(List.<String>of(), slices::add);

        assertThat(slices).containsExactly(List.of("a", "b"));
    }
}
