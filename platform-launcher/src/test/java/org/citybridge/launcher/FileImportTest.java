package org.citybridge.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The files after --import: found from where the command was typed, each sent to the service it is for. */
class FileImportTest {

    @TempDir
    Path dir;

    @Test
    void shouldSendEachFileToTheServiceItIsFor() throws Exception {
        Path cities = Files.writeString(dir.resolve("cities.csv"), "\uFEFFname,country\nLuoyang,CN\n");
        Path partnerships = Files.writeString(dir.resolve("links.csv"), "\"cityAName\",cityACountry\n");
        Path ndjson = Files.writeString(dir.resolve("links.ndjson"), "\n{\"cityA\": \"x\"}\n");
        assertThat(FileImport.target(cities)).isEqualTo(FileImport.Target.CITIES);
        assertThat(FileImport.target(partnerships)).isEqualTo(FileImport.Target.PARTNERSHIPS);
        assertThat(FileImport.target(ndjson)).isEqualTo(FileImport.Target.PARTNERSHIPS);

        assertThat(FileImport.files(
                        List.of("--no-seed", "--import", "cities.csv", "links.ndjson", "--fresh-realm"), dir))
                .containsExactly(cities, ndjson);
        assertThat(FileImport.files(List.of("--no-seed"), dir)).isEmpty();
    }

    @Test
    void shouldRefuseAFileItCannotPlaceBeforeStarting() throws Exception {
        Files.writeString(dir.resolve("other.csv"), "title,date\n");
        assertThatThrownBy(() -> FileImport.files(List.of("--import", "other.csv"), dir))
                .hasMessageContaining("neither cities");
        assertThatThrownBy(() -> FileImport.files(List.of("--import", "missing.csv"), dir))
                .hasMessageContaining("cannot read");
        assertThatThrownBy(() -> FileImport.files(List.of("--import"), dir)).hasMessageContaining("one or more files");
    }

    @Test
    void shouldDrawTheProgressBar() {
        assertThat(FileImport.bar("cities.csv", 50, 200, 1230.4, 6))
                .isEqualTo("cities.csv [#######-----------------------]  25%  50/200  1,230/s  6 s left   ");
        assertThat(FileImport.bar("x.csv", 0, 0, 0, -1)).contains("[------------------------------]   0%  0/0  0/s ");
    }
}
