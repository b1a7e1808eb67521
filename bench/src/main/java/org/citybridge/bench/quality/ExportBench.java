package org.citybridge.bench.quality;

import com.fasterxml.jackson.databind.JsonNode;
import org.citybridge.bench.SyntheticPlaces;
import org.citybridge.bench.http.BenchPlatform;
import org.citybridge.bench.http.NamedArgs;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.launcher.ServiceProcess;
import org.citybridge.launcher.http.ApiClient;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Exports at real volume: synthetic cities (places, populations, languages and one to three interests each,
 * from a fixed seed) imported into a platform through {@code POST /api/v1/cities/imports} in steps (10,000,
 * then 100,000 cities), and after each step {@code GET /api/v1/cities/export} streamed as CSV, NDJSON and
 * GeoJSON, timed to the last byte and checked record by record. Meanwhile cities-service's heap is sampled
 * from its metrics: the heap after a full collection before and after each export, and its peak during it.
 * Flat means the 100,000-city exports need no more heap than the 10,000-city ones. The baseline, in the same
 * run: the directory read page by page ({@code GET /api/v1/cities}, 100 a page), as a client reads every
 * city without the export.
 *
 * <p>matchmaking-service is stopped before the import: ranking 100,000 new cities is not what this measures,
 * and on two cores it would share the processors with the exports. Every other service runs as
 * {@code ./run.sh} starts it (cities-service with its 256 MB heap).
 *
 * <pre>bash bench/scripts/export.sh [sizes=10000,100000] [runs=3]</pre>
 */
public final class ExportBench {

    private static final String[] TYPES = {"text/csv", "application/x-ndjson", "application/geo+json"};
    private static final Intent[] INTENTS = Intent.values();
    /** Rows per import file: well inside the imports' 10 MB limit. */
    private static final int FILE_ROWS = 20_000;

    private ExportBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = NamedArgs.parse(args);
        int[] sizes = Arrays.stream(
                        options.getOrDefault("sizes", "10000,100000").split(","))
                .mapToInt(Integer::parseInt)
                .sorted()
                .toArray();
        int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        Path repository = QualityBench.repository();
        List<String> out = new ArrayList<>();
        out.add(
                "| cities | format | bytes | records | seconds (each run) | cities/s (median run) | heap after GC before → after"
                        + " | highest heap sample during |");
        out.add("|---|---|---|---|---|---|---|---|");
        List<String> notes = new ArrayList<>();
        Random random = new Random(20261204L);
        try (ApiRun run = ApiRun.start(repository.resolve("bench/target/export"), 0)) {
            run.platform().stopService("matchmaking-service");
            ApiClient cities = run.cities();
            ServiceProcess service = run.platform().service("cities-service");
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            URI export = URI.create(run.platform().serviceUrl("cities-service") + "/api/v1/cities/export");
            Heap heap = new Heap(http, URI.create(service.managementUrl() + "/q/metrics"), service.pid());
            int loaded = 0;
            for (int size : sizes) {
                long importStart = System.nanoTime();
                while (loaded < size) {
                    int rows = Math.min(FILE_ROWS, size - loaded);
                    byte[] file = citiesCsv(random, loaded, rows).getBytes(StandardCharsets.UTF_8);
                    Map<String, Object> job = ImportBench.awaitJob(
                            cities,
                            cities.upload("/api/v1/cities/imports", "text/csv", file)
                                    .expect(202));
                    if (((Number) job.get("created")).intValue() != rows) {
                        throw new IllegalStateException("import of " + rows + " rows: " + job);
                    }
                    loaded += rows;
                }
                awaitQuiet(run, heap);
                notes.add(String.format(
                        Locale.ROOT,
                        "Import to %,d cities: %.0f s (the outbox drained and every consumer caught up).",
                        size,
                        (System.nanoTime() - importStart) / 1e9));
                for (String type : TYPES) {
                    Streamed last = null;
                    List<String> seconds = new ArrayList<>();
                    List<Double> times = new ArrayList<>();
                    long before = heap.afterGc();
                    long peak = 0;
                    for (int r = 0; r < runs; r++) {
                        heap.afterGc();
                        heap.startSampling();
                        last = stream(http, export, type);
                        peak = Math.max(peak, heap.stopSampling());
                        seconds.add(String.format(Locale.ROOT, "%.2f", last.seconds()));
                        times.add(last.seconds());
                        int expected = type.equals("text/csv") ? size + 1 : size;
                        if (last.records() != expected) {
                            throw new IllegalStateException(
                                    type + " export: " + last.records() + " records, expected " + expected);
                        }
                    }
                    long after = heap.afterGc();
                    out.add(String.format(
                            Locale.ROOT,
                            "| %,d | %s | %,d | %,d | %s | %,.0f | %.0f → %.0f MB | %.0f MB |",
                            size,
                            type,
                            last.bytes(),
                            last.records(),
                            String.join(", ", seconds),
                            size / times.stream().sorted().toList().get(times.size() / 2),
                            before / 1e6,
                            after / 1e6,
                            peak / 1e6));
                    System.out.println(out.get(out.size() - 1));
                }
            }
            // the baseline: the directory page by page, as far as its first 10,000 cities
            int pages = Math.min(100, (loaded + 99) / 100);
            long pagesStart = System.nanoTime();
            int read = 0;
            for (int page = 0; page < pages; page++) {
                JsonNode found = cities.getOk("/api/v1/cities", Map.of("page", "" + page, "size", "100"));
                read += found.get("items").size();
            }
            double pageSeconds = (System.nanoTime() - pagesStart) / 1e9;
            notes.add(String.format(
                    Locale.ROOT,
                    "Baseline, the directory page by page (GET /api/v1/cities, 100 a page): %,d cities in %.2f s,"
                            + " %,.0f cities/s.",
                    read,
                    pageSeconds,
                    read / pageSeconds));
        }
        List<String> result = new ArrayList<>();
        result.add("Cities exported from cities-service (-Xmx256m, serial GC), " + runs + " runs per format.");
        result.add("");
        result.addAll(out);
        result.add("");
        result.addAll(notes);
        Path file = repository.resolve("bench/target/export.md");
        Files.writeString(file, String.join("\n", result) + "\n");
        result.forEach(System.out::println);
        System.out.println("Written to " + file);
        System.exit(0);
    }

    /** {@code rows} cities from the {@code first}-th on, as the city import reads them. */
    private static String citiesCsv(Random random, int first, int rows) {
        StringBuilder csv = new StringBuilder(
                "name,localName,country,population,latitude,longitude,languages,description,interests\n");
        for (int i = first; i < first + rows; i++) {
            SyntheticPlaces.Place place = SyntheticPlaces.place(random);
            Set<CooperationArea> interests = EnumSet.noneOf(CooperationArea.class);
            int count = 1 + random.nextInt(3);
            while (interests.size() < count) {
                interests.add(SyntheticPlaces.area(random));
            }
            List<String> stated = new ArrayList<>();
            for (CooperationArea area : interests) {
                String stance = List.of("OFFER", "SEEK", "MUTUAL").get(random.nextInt(3));
                stated.add(area.code() + "/" + stance + "/" + INTENTS[random.nextInt(INTENTS.length)]);
            }
            csv.append("Export City ")
                    .append(i)
                    .append(',')
                    .append(place.country().equals("CN") ? "导出城市" + i : "")
                    .append(',')
                    .append(place.country())
                    .append(',')
                    .append((long) Math.pow(10, 4 + random.nextDouble() * 3.3))
                    .append(',')
                    .append(String.format(
                            Locale.ROOT,
                            "%.4f,%.4f",
                            place.latitude() + (random.nextDouble() * 2 - 1) * place.spread(),
                            place.longitude() + (random.nextDouble() * 2 - 1) * place.spread()))
                    .append(',')
                    .append(String.join(";", place.languages()))
                    .append(",\"A river port and market town, \"\"open to partners\"\" in every region\",")
                    .append(String.join(";", stated))
                    .append('\n');
        }
        return csv.toString();
    }

    /** Waits until cities-service's outbox is empty and every consumer still running has caught up. */
    private static void awaitQuiet(ApiRun run, Heap heap) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (heap.metric("citybridge_outbox_backlog") > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cities-service's outbox still holds events");
            }
            Thread.sleep(500);
        }
        BenchPlatform.caughtUpAt(
                run.platform().kafkaAdminConfig(),
                Duration.ofMinutes(30),
                true,
                group -> !group.equals("matchmaking-service"));
    }

    record Streamed(long bytes, long records, double seconds) {}

    /**
     * One export read to its end without keeping it: bytes, records (lines; for GeoJSON, features) and seconds
     * from the request to the last byte.
     */
    private static Streamed stream(HttpClient http, URI export, String type) throws Exception {
        long started = System.nanoTime();
        HttpResponse<InputStream> response = http.send(
                HttpRequest.newBuilder(export)
                        .header("Accept", type)
                        .timeout(Duration.ofMinutes(5))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("export as " + type + ": " + response.statusCode());
        }
        byte[] pattern = "\"Feature\"".getBytes(StandardCharsets.US_ASCII);
        boolean geo = type.equals("application/geo+json");
        long bytes = 0;
        long records = 0;
        int matched = 0; // how much of the pattern the bytes so far end with (it has no inner repetition but its quote)
        byte[] buffer = new byte[1 << 16];
        try (InputStream body = response.body()) {
            for (int n; (n = body.read(buffer)) > 0; ) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (!geo) {
                        if (b == '\n') {
                            records++;
                        }
                    } else if (b == pattern[matched]) {
                        if (++matched == pattern.length) {
                            records++;
                            matched = 1; // the closing quote may open the next match
                        }
                    } else {
                        matched = b == pattern[0] ? 1 : 0;
                    }
                }
            }
        }
        return new Streamed(bytes, records, (System.nanoTime() - started) / 1e9);
    }

    /** cities-service's heap: from its metrics, sampled every 50 ms while an export runs, and after a full GC. */
    private static final class Heap {
        private final HttpClient http;
        private final URI metrics;
        private final long pid;
        private final AtomicBoolean sampling = new AtomicBoolean();
        private final AtomicLong peak = new AtomicLong();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private Thread sampler;

        Heap(HttpClient http, URI metrics, long pid) {
            this.http = http;
            this.metrics = metrics;
            this.pid = pid;
        }

        /** Used heap after a full collection ({@code jcmd GC.run}). */
        long afterGc() throws Exception {
            Process gc = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "jcmd")
                                    .toString(),
                            Long.toString(pid),
                            "GC.run")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!gc.waitFor(30, TimeUnit.SECONDS) || gc.exitValue() != 0) {
                throw new IllegalStateException("jcmd GC.run failed for " + pid);
            }
            return used();
        }

        void startSampling() {
            peak.set(0);
            sampling.set(true);
            sampler = new Thread(
                    () -> {
                        try {
                            while (sampling.get()) {
                                peak.accumulateAndGet(used(), Math::max);
                                Thread.sleep(50);
                            }
                        } catch (Exception e) {
                            failure.set(e);
                        }
                    },
                    "heap-sampler");
            sampler.start();
        }

        /** Stops sampling; the highest sample (a failed sample fails the run rather than lowering it). */
        long stopSampling() throws Exception {
            sampling.set(false);
            sampler.join();
            if (failure.get() != null) {
                throw new IllegalStateException("sampling the heap failed", failure.get());
            }
            return peak.get();
        }

        long used() throws IOException, InterruptedException {
            return (long) metric("jvm_memory_used_bytes{area=\"heap\"");
        }

        /** The sum of the metric's series whose line starts with {@code prefix}. */
        double metric(String prefix) throws IOException, InterruptedException {
            String text = http.send(
                            HttpRequest.newBuilder(metrics)
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            double sum = 0;
            boolean found = false;
            for (String line : text.split("\n")) {
                if (line.startsWith(prefix)) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    found = true;
                }
            }
            if (!found) {
                throw new IllegalStateException("no metric " + prefix + " at " + metrics);
            }
            return sum;
        }
    }
}
