package org.citybridge.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.citybridge.launcher.http.ApiClient;
import org.citybridge.launcher.http.ApiClient.Reply;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code ./run.sh --import FILE…}: imports files into the running platform through the public imports, as
 * programme staff, with a progress bar per file. A file of cities (its header or first record names
 * {@code name}) goes to cities-service, a file of partnerships (it names {@code cityA} or {@code cityAName})
 * to matchmaking-service; cities go first, and a partnership file waits while the cities it names that
 * matchmaking does not know yet keep arriving (a dry run counts them). CSV by the extension {@code .csv},
 * NDJSON otherwise.
 */
public final class FileImport {

    /** Where a file goes. */
    enum Target {
        CITIES("cities-service", "/api/v1/cities/imports"),
        PARTNERSHIPS("matchmaking-service", "/api/v1/partnerships/imports");

        final String service;
        final String path;

        Target(String service, String path) {
            this.service = service;
            this.path = path;
        }
    }

    /** How long a partnership file waits for matchmaking to learn the cities it names. */
    private static final Duration CITIES_WAIT = Duration.ofMinutes(3);

    private static final int BAR = 30;

    private FileImport() {}

    /** The files after {@code --import}, relative ones against {@code base}; none without the option. */
    static List<Path> files(List<String> options, Path base) {
        int at = options.indexOf("--import");
        if (at < 0) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        for (String option : options.subList(at + 1, options.size())) {
            if (option.startsWith("--")) {
                break;
            }
            files.add(base.resolve(option).normalize());
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("--import takes one or more files (CSV or NDJSON)");
        }
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("--import: cannot read " + file);
            }
            target(file);
        }
        return files;
    }

    static boolean isCsv(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    /** Where a file goes, from its header (CSV) or first record (NDJSON). */
    static Target target(Path file) {
        String first;
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            first = lines.filter(l -> !l.isBlank()).findFirst().orElse("");
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("--import: " + file + " is not a readable UTF-8 text file");
        }
        List<String> names = new ArrayList<>();
        if (isCsv(file)) {
            for (String column : first.replace("\uFEFF", "").split(",")) {
                names.add(column.strip().replace("\"", ""));
            }
        } else {
            try {
                ApiClient.JSON.readTree(first).fieldNames().forEachRemaining(names::add);
            } catch (IOException e) {
                throw new IllegalArgumentException("--import: the first line of " + file + " is not a JSON object");
            }
        }
        if (names.contains("cityA") || names.contains("cityAName")) {
            return Target.PARTNERSHIPS;
        }
        if (names.contains("name")) {
            return Target.CITIES;
        }
        throw new IllegalArgumentException("--import: " + file + " holds neither cities (a name column) nor "
                + "partnerships (cityA or cityAName columns)");
    }

    /** Imports the files, cities first; returns false if one could not be imported. */
    public static boolean run(Platform platform, Supplier<String> adminToken, List<Path> files, PrintStream out) {
        boolean ok = true;
        List<Path> ordered = new ArrayList<>(files);
        ordered.sort(Comparator.comparing(FileImport::target));
        for (Path file : ordered) {
            Target target = target(file);
            ApiClient client = ApiClient.create(Duration.ofSeconds(5))
                    .as(adminToken)
                    .at(URI.create(platform.serviceUrl(target.service)));
            try {
                byte[] body = Files.readAllBytes(file);
                String type = isCsv(file) ? "text/csv" : "application/x-ndjson";
                if (target == Target.PARTNERSHIPS) {
                    awaitCitiesKnown(client, target, type, body, file, out);
                }
                Reply accepted = client.upload(target.path, type, body);
                if (!accepted.is(202)) {
                    out.println("import " + file.getFileName() + ": refused, " + accepted.status() + " "
                            + problem(accepted));
                    ok = false;
                    continue;
                }
                ok &= follow(client, accepted.location(), file.getFileName().toString(), out);
            } catch (IOException e) {
                out.println("import " + file.getFileName() + ": " + e.getMessage());
                ok = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return ok;
    }

    /** Checks the partnership file (a dry run) until no row names a city matchmaking does not know yet. */
    private static void awaitCitiesKnown(
            ApiClient client, Target target, String type, byte[] body, Path file, PrintStream out)
            throws InterruptedException {
        long deadline = System.nanoTime() + CITIES_WAIT.toNanos();
        long before = Long.MAX_VALUE;
        int stalled = 0;
        while (true) {
            Reply accepted = client.upload(target.path + "?dryRun=true", type, body);
            if (!accepted.is(202)) {
                return; // the real import will say what is wrong
            }
            JsonNode job = finished(client, accepted.location());
            long unknown = 0;
            for (JsonNode rejection : job.path("result").path("rejections")) {
                if (rejection.path("problem").asText().contains("import the cities first")) {
                    unknown++;
                }
            }
            // a row may name a city that is nowhere: once the count stops falling, the import reports those
            stalled = unknown < before ? 0 : stalled + 1;
            if (unknown == 0 || stalled == 3 || System.nanoTime() > deadline) {
                return;
            }
            if (stalled == 0) {
                out.println("import " + file.getFileName() + ": matchmaking does not know " + unknown
                        + " of the cities it names yet; checking again");
            }
            before = unknown;
            Thread.sleep(2000);
        }
    }

    private static JsonNode finished(ApiClient client, String location) throws InterruptedException {
        String path = URI.create(location).getPath();
        while (true) {
            JsonNode job = client.getOk(path, Map.of());
            String state = job.path("state").asText();
            if (!state.equals("QUEUED") && !state.equals("RUNNING")) {
                return job;
            }
            Thread.sleep(250);
        }
    }

    /** Follows the job with a progress bar; prints its outcome and the first rejected rows. */
    private static boolean follow(ApiClient client, String location, String name, PrintStream out)
            throws InterruptedException {
        String path = URI.create(location).getPath();
        JsonNode job;
        while (true) {
            job = client.getOk(path, Map.of());
            String state = job.path("state").asText();
            JsonNode progress = job.path("progress");
            out.print("\r"
                    + bar(
                            name,
                            progress.path("done").asLong(),
                            progress.path("total").asLong(),
                            progress.path("ratePerSecond").asDouble(),
                            progress.hasNonNull("secondsLeft")
                                    ? progress.get("secondsLeft").asLong()
                                    : -1));
            out.flush();
            if (!state.equals("QUEUED") && !state.equals("RUNNING")) {
                break;
            }
            Thread.sleep(250);
        }
        out.println();
        JsonNode result = job.path("result");
        String state = job.path("state").asText();
        out.printf(
                Locale.ROOT,
                "import %s: %s; %d created, %d updated, %d unchanged, %d rejected%s%n",
                name,
                state.toLowerCase(Locale.ROOT),
                result.path("created").asLong(),
                result.path("updated").asLong(),
                result.path("unchanged").asLong(),
                result.path("rejected").asLong(),
                job.hasNonNull("error") ? " (" + job.get("error").asText() + ")" : "");
        int shown = 0;
        for (JsonNode rejection : result.path("rejections")) {
            if (shown++ == 10) {
                out.println("  … every rejected row: GET " + location);
                break;
            }
            out.printf(
                    "  line %d, %s: %s%n",
                    rejection.path("line").asLong(),
                    rejection.path("field").asText(),
                    rejection.path("problem").asText());
        }
        return state.equals("SUCCEEDED");
    }

    /** {@code cities.csv [##########--------------------]  35%  4,100/11,710  1,230/s  6 s left} */
    static String bar(String name, long done, long total, double ratePerSecond, long secondsLeft) {
        int filled = total <= 0 ? 0 : (int) Math.min(BAR, BAR * done / total);
        return String.format(
                Locale.ROOT,
                "%s [%s%s] %3d%%  %,d/%,d  %,.0f/s%s   ",
                name,
                "#".repeat(filled),
                "-".repeat(BAR - filled),
                total <= 0 ? 0 : 100 * done / total,
                done,
                total,
                ratePerSecond,
                secondsLeft >= 0 ? "  " + secondsLeft + " s left" : "");
    }

    private static String problem(Reply reply) {
        try {
            JsonNode problem = reply.json();
            return problem.path("detail").asText(reply.text());
        } catch (RuntimeException e) {
            return reply.text();
        }
    }
}
