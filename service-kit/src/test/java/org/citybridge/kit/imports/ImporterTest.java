package org.citybridge.kit.imports;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.citybridge.kit.jobs.Jobs;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pace of an import: how many rows each of the service's transactions gets, and how many at once. */
class ImporterTest {

    private static final Jobs.Progress PROGRESS = new Jobs.Progress() {
        @Override
        public void total(long total) {}

        @Override
        public void done(long done) {}

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    @Test
    void shouldHandTheServiceChunksOfThePaceRowsAndAnAtomicFileAsOne() {
        List<ImportFile.Row> rows = rows(7);
        List<Integer> written = new ArrayList<>();
        Importer.Chunk chunk = (part, write, report) -> {
            if (write) {
                written.add(part.size());
            }
            part.forEach(row -> report.count(ImportReport.Outcome.CREATED));
        };

        Map<String, Object> result = Importer.work(
                        rows, new Importer.Options(false, false), chunk, null, new Importer.Pace(1, 3))
                .run(PROGRESS);
        assertThat(written).containsExactly(3, 3, 1);
        assertThat(result).containsEntry("created", 7L);

        written.clear();
        Importer.work(rows, new Importer.Options(false, true), chunk, null, new Importer.Pace(1, 3))
                .run(PROGRESS);
        assertThat(written).as("an atomic import is one chunk").containsExactly(7);

        written.clear();
        Importer.work(rows, new Importer.Options(false, false), chunk, null).run(PROGRESS);
        assertThat(written)
                .as("the default pace: up to Importer.CHUNK rows a chunk")
                .containsExactly(7);
    }

    @Test
    void shouldCheckOneChunkAtATimeInTheFilesOrderWhileWritesKeepTheirParallelPace() {
        List<ImportFile.Row> rows = rows(40);
        List<Long> checkedFirstLines = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger checking = new AtomicInteger();
        AtomicInteger mostChecking = new AtomicInteger();
        CyclicBarrier firstTwoWrites = new CyclicBarrier(2);
        AtomicBoolean writesMet = new AtomicBoolean();
        Importer.Chunk chunk = (part, write, report) -> {
            long first = part.get(0).line();
            if (write) {
                if (part.size() == 5 && first <= 7 && met(firstTwoWrites)) { // the plain import's first two chunks
                    writesMet.set(true);
                }
                return;
            }
            mostChecking.accumulateAndGet(checking.incrementAndGet(), Math::max);
            checkedFirstLines.add(first);
            if (first == 2) { // the first check gives a second one time to start beside it, were checks parallel
                spinUntil(() -> checking.get() >= 2);
                mostChecking.accumulateAndGet(checking.get(), Math::max);
            }
            checking.decrementAndGet();
        };
        Importer.Pace twoAtOnce = new Importer.Pace(2, 5);

        Importer.work(rows, new Importer.Options(false, true), chunk, null, twoAtOnce)
                .run(PROGRESS);
        Importer.work(rows, new Importer.Options(true, false), chunk, null, twoAtOnce)
                .run(PROGRESS);
        Importer.work(rows, new Importer.Options(false, false), chunk, null, twoAtOnce)
                .run(PROGRESS);

        assertThat(writesMet).as("the plain import writes two chunks at once").isTrue();
        assertThat(mostChecking).as("checks never overlap").hasValue(1);
        List<Long> inOrder = List.of(2L, 7L, 12L, 17L, 22L, 27L, 32L, 37L);
        List<Long> twice = new ArrayList<>(inOrder);
        twice.addAll(inOrder);
        assertThat(checkedFirstLines)
                .as("the atomic import's checks, then the dry run's, each in the file's order")
                .containsExactlyElementsOf(twice);
    }

    @Test
    void shouldNeverWriteTwoChunksNamingTheSameThingAtOnce() {
        List<ImportFile.Row> rows = new ArrayList<>(rows(20));
        rows.set(4, row(6, "Shared")); // the last row of the first chunk of five (lines 2-6)
        rows.set(5, row(7, "shared")); // and the first of the second (lines 7-11), as the key sees it
        AtomicBoolean firstDone = new AtomicBoolean();
        AtomicBoolean secondSawFirstDone = new AtomicBoolean();
        CyclicBarrier secondAndThird = new CyclicBarrier(2);
        AtomicBoolean secondMetThird = new AtomicBoolean();
        Importer.Chunk chunk = (part, write, report) -> {
            long first = part.get(0).line();
            if (first == 2) { // gives the second chunk time to start beside it, were it not held back
                spinUntil(() -> false);
                firstDone.set(true);
            }
            if (first == 7) {
                secondSawFirstDone.set(firstDone.get());
                secondMetThird.set(met(secondAndThird));
            }
            if (first == 12) { // the third names nothing the second names: it runs beside it
                met(secondAndThird);
            }
            part.forEach(row -> report.count(ImportReport.Outcome.CREATED));
        };
        Importer.Pace byName =
                new Importer.Pace(2, 5, row -> row.fields().get("name").asText().toLowerCase(Locale.ROOT));

        Map<String, Object> result = Importer.work(rows, new Importer.Options(false, false), chunk, null, byName)
                .run(PROGRESS);

        assertThat(result).containsEntry("created", 20L);
        assertThat(secondSawFirstDone)
                .as("the second chunk waits for the first, which names the same city")
                .isTrue();
        assertThat(secondMetThird)
                .as("the third names nothing the second names, and runs beside it")
                .isTrue();
    }

    @Test
    void shouldCountAFailedChunksRowsAgainWithoutItsDraftsWhenTriedAlone() {
        List<ImportFile.Row> rows = rows(6);
        Drafts<String, Boolean> drafts = new Drafts<>();
        Importer.Chunk chunk = (part, write, report) -> drafts.check(() -> {
            for (ImportFile.Row row : part) {
                String name = row.fields().get("name").asText();
                report.count(drafts.get(name) == null ? ImportReport.Outcome.CREATED : ImportReport.Outcome.UNCHANGED);
                drafts.put(name, true);
            }
            if (part.size() > 1) {
                throw new IllegalStateException("the chunk's transaction failed at commit");
            }
        });

        Map<String, Object> result = Importer.work(
                        rows, new Importer.Options(true, false), chunk, null, new Importer.Pace(1, 3))
                .run(PROGRESS);

        assertThat(result)
                .as("each row, tried alone after its chunk failed, is new again")
                .containsEntry("created", 6L)
                .containsEntry("unchanged", 0L);
    }

    /** Spins until {@code done} holds or 300 ms have passed: time for another chunk to start, if it may. */
    private static void spinUntil(BooleanSupplier done) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        while (!done.getAsBoolean() && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    /** Whether another chunk reached the barrier too, within 10 s (false: they did not run at the same time). */
    private static boolean met(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void shouldRefuseAPaceWithoutRowsOrWorkers() {
        assertThatThrownBy(() -> new Importer.Pace(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Importer.Pace(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Importer.Pace.timed(0, 10, Duration.ofMillis(100)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Importer.Pace.timed(20, 10, Duration.ofMillis(100)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Importer.Pace.timed(1, 10, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Importer.Pace(1, 10, null, 5, null))
                .as("a fixed pace's first chunk is as large as the others")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Importer.Pace(2, 10, null, 5, Duration.ofMillis(100)))
                .as("chunks at once would blur each other's times")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldSizeTimedChunksByHowLongTheLastOneTookAndCountProgressByRows() {
        List<ImportFile.Row> rows = rows(200);
        List<Integer> written = new ArrayList<>();
        List<Long> progress = new ArrayList<>();
        AtomicBoolean slowed = new AtomicBoolean();
        AtomicBoolean slowAndUnpaced = new AtomicBoolean();
        Importer.Chunk chunk = (part, write, report) -> {
            written.add(part.size());
            part.forEach(row -> report.count(ImportReport.Outcome.CREATED));
            if (part.size() == 16 && !slowed.getAndSet(true)) { // one slow chunk: four times the budget
                report.paceBy(Duration.ofMillis(800).toNanos());
            } else if (part.size() == 64 && !slowAndUnpaced.getAndSet(true)) {
                // a chunk slow only outside what it paces by (e.g. waiting for a lock): the pace ignores that
                spinFor(Duration.ofMillis(800));
                report.paceBy(Duration.ofMillis(20).toNanos());
            } else {
                report.paceBy(Duration.ofMillis(20).toNanos());
            }
        };
        Jobs.Progress recording = new Jobs.Progress() {
            @Override
            public void total(long total) {}

            @Override
            public void done(long done) {
                progress.add(done);
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };

        Map<String, Object> result = Importer.work(
                        rows,
                        new Importer.Options(false, false),
                        chunk,
                        null,
                        Importer.Pace.timed(2, 64, Duration.ofMillis(200)))
                .run(recording);

        assertThat(result).containsEntry("created", 200L);
        assertThat(written.subList(0, 4))
                .as("the first chunk has the first rows; quick chunks grow twofold")
                .containsExactly(2, 4, 8, 16);
        assertThat(written.subList(4, 10))
                .as("after a chunk of four times the budget a quarter, then growing again up to the most")
                .containsExactly(4, 8, 16, 32, 64, 46);
        assertThat(progress)
                .as("progress counts the rows each chunk had")
                .containsExactly(2L, 6L, 14L, 30L, 34L, 42L, 58L, 90L, 154L, 200L, 200L);
    }

    /** Busy for at least {@code time}: a chunk that takes that long. */
    private static void spinFor(Duration time) {
        long until = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    private static ImportFile.Row row(long line, String name) {
        return new ImportFile.Row(line, JsonNodeFactory.instance.objectNode().put("name", name), null);
    }

    private static List<ImportFile.Row> rows(int n) {
        return LongStream.rangeClosed(2, n + 1)
                .mapToObj(line -> new ImportFile.Row(
                        line, JsonNodeFactory.instance.objectNode().put("name", "City " + line), null))
                .toList();
    }
}
