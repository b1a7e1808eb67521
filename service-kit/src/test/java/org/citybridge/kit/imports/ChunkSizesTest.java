package org.citybridge.kit.imports;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Chunks sized by time: as many rows as the last chunk's rate fits in the budget, in bounded steps. */
class ChunkSizesTest {

    private static final long MS = 1_000_000L;

    @Test
    void shouldStartSmallAndGrowAtMostTwofoldWhileChunksStayWithinTheBudget() {
        ChunkSizes sizes = ChunkSizes.of(Importer.Pace.timed(10, 500, Duration.ofMillis(100)));
        assertThat(sizes.next()).isEqualTo(10);

        sizes.took(10, 1 * MS); // fits a thousand rows, grows twofold only
        assertThat(sizes.next()).isEqualTo(20);
        sizes.took(20, 50 * MS); // fits 40
        assertThat(sizes.next()).isEqualTo(40);
        sizes.took(40, 80 * MS); // fits 50
        assertThat(sizes.next()).isEqualTo(50);
        sizes.took(300, 0); // no measurable time: twofold, but never over the most
        assertThat(sizes.next()).isEqualTo(500);
    }

    @Test
    void shouldShrinkToTheBudgetButAtMostFourfoldAfterOneSlowChunk() {
        ChunkSizes sizes = ChunkSizes.of(Importer.Pace.timed(10, 500, Duration.ofMillis(100)));

        sizes.took(100, 200 * MS); // fits 50
        assertThat(sizes.next()).isEqualTo(50);
        sizes.took(100, 2_000 * MS); // fits 5: a quarter at most
        assertThat(sizes.next()).isEqualTo(25);
        sizes.took(1, 2_000 * MS); // never fewer than one row
        assertThat(sizes.next()).isEqualTo(1);
        sizes.took(40, -1); // a chunk that failed and was tried row by row: its time says nothing of the rate
        assertThat(sizes.next()).isEqualTo(1);
    }

    @Test
    void shouldKeepAFixedPaceAndTheAtomicWholeWhateverTheyTake() {
        ChunkSizes fixed = ChunkSizes.of(new Importer.Pace(2, 100));
        fixed.took(100, 60_000 * MS);
        assertThat(fixed.next()).isEqualTo(100);
        assertThat(fixed.atomic()).isFalse();

        ChunkSizes whole = ChunkSizes.whole();
        whole.took(7, 60_000 * MS);
        assertThat(whole.next()).isEqualTo(Integer.MAX_VALUE);
        assertThat(whole.atomic()).isTrue();
    }
}
