package org.citybridge.matchmaking.ranking;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class IntSetTest {

    @Test
    void behavesLikeASetOfIntsThroughGrowthAndRemovals() {
        Random random = new Random(7);
        IntSet set = new IntSet();
        Set<Integer> expected = new HashSet<>();
        for (int step = 0; step < 200_000; step++) {
            // a small range so removals hit probe runs that wrap and shift
            int value = random.nextInt(step < 100_000 ? 5_000 : 300);
            if (random.nextInt(3) == 0) {
                assertThat(set.remove(value)).isEqualTo(expected.remove(value));
            } else {
                assertThat(set.add(value)).isEqualTo(expected.add(value));
            }
            if (step % 10_000 == 0) {
                assertSame(set, expected);
            }
        }
        assertSame(set, expected);
        for (int value : expected.toArray(Integer[]::new)) {
            assertThat(set.remove(value)).isTrue();
        }
        assertThat(set.size()).isZero();
        assertThat(set.toArray()).isEmpty();
    }

    private static void assertSame(IntSet set, Set<Integer> expected) {
        assertThat(set.size()).isEqualTo(expected.size());
        assertThat(Arrays.stream(set.toArray()).boxed().toList()).containsExactlyInAnyOrderElementsOf(expected);
        for (int value = 0; value < 5_000; value += 7) {
            assertThat(set.contains(value)).isEqualTo(expected.contains(value));
        }
    }
}
