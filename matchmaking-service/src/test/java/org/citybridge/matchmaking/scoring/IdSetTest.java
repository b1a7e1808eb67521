package org.citybridge.matchmaking.scoring;

import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The bit set the search sweeps: unions of sparse and dense sets, and a set changed after a union read it. */
class IdSetTest {

    @Test
    void shouldUniteSparseAndDenseSetsLikeBitSets() {
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            BitSet expected = new BitSet();
            IdSet union = new IdSet();
            union.add(3); // a union may start with members of its own
            expected.set(3);
            List<IdSet> parts = List.of(
                    randomSet(random, 20_000, 5, expected), // sparse: walked by its members
                    randomSet(random, 20_000, 4_000, expected), // dense: word by word
                    randomSet(random, 300, 100, expected),
                    new IdSet());
            union.addAll(parts);
            assertThat(toBitSet(union)).isEqualTo(expected);
            assertThat(union.size()).isEqualTo(expected.cardinality());
        }
    }

    @Test
    void shouldForgetCachedMembersWhenASetChanges() {
        IdSet cell = new IdSet();
        cell.add(10_000);
        IdSet first = new IdSet();
        first.addAll(List.of(cell));
        cell.remove(10_000);
        cell.add(12_345);
        IdSet second = new IdSet();
        second.addAll(List.of(cell));

        assertThat(toBitSet(first).stream().toArray()).containsExactly(10_000);
        assertThat(toBitSet(second).stream().toArray()).containsExactly(12_345);
    }

    private static IdSet randomSet(Random random, int range, int count, BitSet expected) {
        IdSet set = new IdSet();
        for (int i = 0; i < count; i++) {
            int id = random.nextInt(range);
            set.add(id);
            expected.set(id);
        }
        return set;
    }

    private static BitSet toBitSet(IdSet set) {
        BitSet bits = new BitSet();
        for (int w = 0; w < 1_000; w++) {
            long word = set.word(w);
            for (int b = 0; b < 64; b++) {
                if ((word & 1L << b) != 0) {
                    bits.set(w * 64 + b);
                }
            }
        }
        return bits;
    }
}
