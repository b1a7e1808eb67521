package org.citybridge.kit.imports;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.citybridge.kit.jobs.Jobs;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pace of an import: how many rows each of the service's transactions gets. */
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
    void shouldRefuseAPaceWithoutRowsOrWorkers() {
        assertThatThrownBy(() -> new Importer.Pace(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Importer.Pace(0, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<ImportFile.Row> rows(int n) {
        return LongStream.rangeClosed(2, n + 1)
                .mapToObj(line -> new ImportFile.Row(
                        line, JsonNodeFactory.instance.objectNode().put("name", "City " + line), null))
                .toList();
    }
}
