package org.citybridge.bench.quality;

import com.fasterxml.jackson.databind.JsonNode;
import org.citybridge.bench.http.NamedArgs;
import org.citybridge.bench.quality.TwinningData.City;
import org.citybridge.bench.quality.TwinningData.Pair;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.launcher.Platform;
import org.citybridge.launcher.http.ApiClient;
import org.citybridge.launcher.http.ApiClient.Reply;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real data at real volume: the cities of a twinning file (every one stating a mutual culture interest, the
 * dense world of the real-data runs) and its partnerships loaded into a platform through the public API's
 * imports, timed from the first upload until every service has consumed every event (every city ranked). In
 * the same run, the baseline: partnerships recorded one POST at a time for a while, and live interests
 * stated every few seconds during the partnership import, each timed until its proposal shows.
 *
 * <pre>
 * bash bench/scripts/real-import.sh [data=PATH] [baseline-seconds=20] [cities=N partnerships=M [seed=S]] [warmup=W
 *     [restart=true]] [dry-run=true] [restart-after=true]
 * </pre>
 *
 * <p>With {@code cities} and {@code partnerships} the file's world is grown to that size first (see {@link
 * TwinningData#grownTo}): the volume the real data does not reach. With {@code warmup} the platform first imports
 * W other cities and W partnerships among them (see {@link #warmUp}), so the timed import meets services that
 * have run the same code before, as a platform in service would; with {@code restart=true} as well, every service
 * is restarted after the warm-up, so the timed import meets warm stores and broker but services that start cold:
 * the control that tells the services' own warm-up (the JIT above all) from the rest. With {@code dry-run=true}
 * the cities file is first checked as a dry run, timed on its own, before the timed import. With {@code
 * restart-after=true}, matchmaking is restarted at the end (see {@link #restartMatchmaking}).
 */
public final class ImportBench {

    private ImportBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = NamedArgs.parse(args);
        Path repository = QualityBench.repository();
        Path file = Path.of(options.getOrDefault(
                "data", repository.resolve("../shared/data/twin-cities-dev.csv").toString()));
        int baselineSeconds = Integer.parseInt(options.getOrDefault("baseline-seconds", "20"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "0"));
        boolean restart = Boolean.parseBoolean(options.getOrDefault("restart", "false"));
        boolean restartAfter = Boolean.parseBoolean(options.getOrDefault("restart-after", "false"));
        if (restart && warmup <= 0) {
            throw new IllegalArgumentException("restart=true restarts the services after the warm-up: give warmup=W");
        }
        TwinningData read = TwinningData.read(file);
        boolean grow = options.containsKey("cities") || options.containsKey("partnerships");
        TwinningData data = grow
                ? read.grownTo(
                        Integer.parseInt(options.getOrDefault("cities", Integer.toString(read.cities.size()))),
                        Integer.parseInt(options.getOrDefault("partnerships", Integer.toString(read.pairs.size()))),
                        Long.parseLong(options.getOrDefault("seed", "20261205")))
                : read;
        List<String> out = new ArrayList<>();
        if (grow) {
            out.add(String.format(
                    Locale.ROOT,
                    "Grown from the file's %,d cities and %,d partnerships by synthetic copies (TwinningData.grownTo).",
                    read.cities.size(),
                    read.pairs.size()));
        }
        out.add(String.format(
                Locale.ROOT,
                "Data: %s, %,d cities, %,d partnerships; every city states culture/MUTUAL/SISTER_CITY.",
                file.getFileName(),
                data.cities.size(),
                data.pairs.size()));

        // the files as the imports read them, also for ./run.sh --import
        Path files = Files.createDirectories(repository.resolve("bench/target/real-import-files"));
        Files.writeString(files.resolve("cities.csv"), citiesCsv(data));
        Files.writeString(files.resolve("partnerships.csv"), partnershipsCsv(data));
        try (ApiRun run = ApiRun.start(repository.resolve("bench/target/real-import"), data.cities.size())) {
            ApiClient cities = run.cities();
            ApiClient matchmaking = run.matchmaking();
            if (warmup > 0) {
                out.add(warmUp(run, data, warmup));
                if (restart) {
                    out.add(restartServices(run));
                }
            }

            if (Boolean.parseBoolean(options.getOrDefault("dry-run", "false"))) {
                long dryRunStart = System.nanoTime();
                Map<String, Object> dryRun = importCsv(cities, "/api/v1/cities/imports?dryRun=true", citiesCsv(data));
                out.add(line("Cities dry run (job done, nothing written)", seconds(dryRunStart), dryRun));
            }

            long started = System.nanoTime();
            Map<String, Object> cityJob = importCsv(cities, "/api/v1/cities/imports", citiesCsv(data));
            double citiesImported = seconds(started);
            double citiesRanked = (run.awaitCaughtUp() - started) / 1e9;
            out.add(line("Cities imported (job done)", citiesImported, cityJob));
            out.add(line("... and every event consumed, every city ranked", citiesRanked, null));

            // the baseline: one POST per partnership, 8 in flight, for a while
            Map<String, UUID> ids = ids(cities);
            AtomicInteger posted = new AtomicInteger();
            long baselineStart = System.nanoTime();
            long baselineEnd = baselineStart + baselineSeconds * 1_000_000_000L;
            ApiRun.parallel("single partnerships", data.pairs.size(), k -> {
                if (System.nanoTime() > baselineEnd) {
                    return null;
                }
                Pair pair = data.pairs.get(k);
                Reply reply = matchmaking.post(
                        "/api/v1/partnerships",
                        Map.of(
                                "cityA", ids.get(key(data.cities.get(pair.a()))).toString(),
                                "cityB", ids.get(key(data.cities.get(pair.b()))).toString(),
                                "kind", "SISTER_CITY",
                                "formedOn", "2000-01-01",
                                "source", "Twinning records"));
                if (!reply.is(201) && !reply.is(409)) {
                    return "partnership " + k + ": " + reply.status() + " " + reply.text();
                }
                posted.incrementAndGet();
                return null;
            });
            double baselineRate = posted.get() / seconds(baselineStart);
            out.add(String.format(
                    Locale.ROOT,
                    "Baseline, POST /api/v1/partnerships one at a time (8 in flight): %,d in %.0f s, %.1f/s",
                    posted.get(),
                    seconds(baselineStart),
                    baselineRate));
            run.awaitQuiet();

            long importStart = System.nanoTime();
            Reply submitted = matchmaking
                    .upload(
                            "/api/v1/partnerships/imports",
                            "text/csv",
                            partnershipsCsv(data).getBytes(StandardCharsets.UTF_8))
                    .expect(202);
            Probes probes = new Probes(cities, matchmaking, ids, importStart);
            probes.start();
            Map<String, Object> partnershipJob = awaitJob(matchmaking, submitted);
            List<Probe> probed = probes.finish();
            double imported = seconds(importStart);
            double ranked = (run.awaitCaughtUp() - importStart) / 1e9;
            int created = ((Number) partnershipJob.get("created")).intValue();
            out.add(line("Partnerships imported and every city re-ranked (job done)", imported, partnershipJob));
            out.add(line("... and every event consumed (profiles, proposals)", ranked, null));
            out.add(String.format(
                            Locale.ROOT,
                            "Import rate: %,d new partnerships in %.1f s = %.0f/s, %.1f ms each",
                            created,
                            ranked,
                            created / ranked,
                            ranked * 1000 / created)
                    + (posted.get() == 0
                            ? " (no baseline run)"
                            : String.format(
                                    Locale.ROOT,
                                    ", %.0f× the baseline's %.1f/s",
                                    created / ranked / baselineRate,
                                    baselineRate)));
            out.add(Probe.summary(probed));
            out.add(String.format(
                    Locale.ROOT,
                    "End to end, cities and partnerships imported and every city ranked: %.1f s",
                    citiesRanked + ranked));
            for (String[] export : new String[][] {
                {"cities", "text/csv"},
                {"cities", "application/x-ndjson"},
                {"cities", "application/geo+json"},
                {"partnerships", "text/csv"},
                {"partnerships", "application/geo+json"}
            }) {
                ApiClient client = export[0].equals("cities") ? cities : matchmaking;
                long exportStart = System.nanoTime();
                Reply reply = client.send("GET", "/api/v1/" + export[0] + "/export", null, Map.of("Accept", export[1]))
                        .expect(200);
                double seconds = seconds(exportStart);
                long lines = reply.text().lines().count();
                out.add(String.format(
                        Locale.ROOT,
                        "Export of %s as %s: %,d bytes, %,d lines in %.2f s",
                        export[0],
                        export[1],
                        reply.text().getBytes(StandardCharsets.UTF_8).length,
                        lines,
                        seconds));
            }
            if (restartAfter) {
                out.add(restartMatchmaking(run));
            }
        }
        Path result = repository.resolve("bench/target/real-import.md");
        Files.writeString(result, String.join("\n", out) + "\n");
        out.forEach(System.out::println);
        System.out.println("Written to " + result);
        System.exit(0);
    }

    /**
     * A platform that has served before: other cities, as many as asked, imported with partnerships among
     * them the same way and every event consumed, before the timed import. They state another interest
     * (waste management), so they are never proposed to the timed world's cities or the probes, and lie
     * where the data's cities lie.
     */
    private static String warmUp(ApiRun run, TwinningData data, int size) throws Exception {
        long started = System.nanoTime();
        StringBuilder cities = new StringBuilder("name,country,latitude,longitude,interests\n");
        StringBuilder partnerships =
                new StringBuilder("cityAName,cityACountry,cityBName,cityBCountry,kind,formedOn,source\n");
        for (int i = 0; i < size; i++) {
            City like = data.cities.get(i % data.cities.size());
            City next = data.cities.get((i + 1) % size % data.cities.size());
            cities.append("Warm-up ")
                    .append(i)
                    .append(',')
                    .append(like.country())
                    .append(',')
                    .append(like.latitude())
                    .append(',')
                    .append(like.longitude())
                    .append(",waste-management/MUTUAL/SISTER_CITY\n");
            partnerships
                    .append("Warm-up ")
                    .append(i)
                    .append(',')
                    .append(like.country())
                    .append(",Warm-up ")
                    .append((i + 1) % size)
                    .append(',')
                    .append(next.country())
                    .append(",SISTER_CITY,2000-01-01,Warm-up\n");
        }
        Map<String, Object> cityJob = importCsv(run.cities(), "/api/v1/cities/imports", cities.toString());
        run.awaitQuiet(); // matchmaking knows every city before the partnerships name them
        Map<String, Object> partnershipJob =
                importCsv(run.matchmaking(), "/api/v1/partnerships/imports", partnerships.toString());
        run.awaitQuiet();
        return String.format(
                Locale.ROOT,
                "Warm-up, before the timed import: %,d other cities (waste-management/MUTUAL/SISTER_CITY) and %,d"
                        + " partnerships among them imported the same way, every event consumed: %.1f s (%s created, %s"
                        + " created)",
                size,
                size,
                seconds(started),
                cityJob.get("created"),
                partnershipJob.get("created"));
    }

    /**
     * Stops and starts every service, one after the other (each ready before the next stops), then waits until
     * every consumer has caught up again: what the warm-up left in PostgreSQL, Kafka and Keycloak stays, what
     * it left in the services' JVMs (compiled code, pools, caches) goes.
     */
    private static String restartServices(ApiRun run) throws Exception {
        long started = System.nanoTime();
        for (Platform.Service service : Platform.SERVICES) {
            run.platform().stopService(service.name());
            run.platform().restartService(service.name());
        }
        run.awaitQuiet();
        return String.format(
                Locale.ROOT,
                "Then every service restarted (stopped, started, ready, every consumer caught up): %.1f s",
                seconds(started));
    }

    /**
     * Stops and starts matchmaking once every city is ranked: its engine is built again from the database and
     * ranks every city from scratch, and sets right the stored proposals it does not propose as they stand. The
     * open proposals should be the same afterwards; how many are not is the line's last figure.
     */
    private static String restartMatchmaking(ApiRun run) throws Exception {
        Map<String, String> before = openProposals(run.matchmaking());
        long started = System.nanoTime();
        run.platform().stopService("matchmaking-service");
        run.platform().restartService("matchmaking-service");
        run.awaitQuiet(); // the engine is loaded before the consumers start again
        double seconds = seconds(started);
        Map<String, String> after = openProposals(run.matchmaking());
        long differ = before.entrySet().stream()
                        .filter(entry -> !entry.getValue().equals(after.get(entry.getKey())))
                        .count()
                + after.keySet().stream().filter(id -> !before.containsKey(id)).count();
        return String.format(
                Locale.ROOT,
                "Then matchmaking restarted (stopped, started, engine loaded, consumers caught up): %.1f s;"
                        + " open proposals %,d before, %,d after, %,d of them differ (new, gone or another score)",
                seconds,
                before.size(),
                after.size(),
                differ);
    }

    /** The open proposals, by id: status and score, from the proposals export. */
    private static Map<String, String> openProposals(ApiClient matchmaking) throws Exception {
        Reply reply = matchmaking
                .send("GET", "/api/v1/proposals/export", null, Map.of("Accept", "application/x-ndjson"))
                .expect(200);
        Map<String, String> open = new HashMap<>();
        for (String line : reply.text().lines().toList()) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode proposal = ApiClient.JSON.readTree(line);
            String status = proposal.path("status").asText();
            if (status.equals("PROPOSED") || status.equals("ACCEPTED_BY_ONE")) {
                open.put(
                        proposal.path("id").asText(),
                        status + " " + proposal.path("score").asDouble());
            }
        }
        return open;
    }

    /** The cities file: every city of the data with its coordinates and one mutual culture interest; the probes. */
    private static String citiesCsv(TwinningData data) {
        StringBuilder csv = new StringBuilder("name,country,latitude,longitude,interests\n");
        for (City city : data.cities) {
            csv.append(quoted(city.name()))
                    .append(',')
                    .append(city.country())
                    .append(',')
                    .append(city.latitude())
                    .append(',')
                    .append(city.longitude())
                    .append(",culture/MUTUAL/SISTER_CITY\n");
        }
        for (int k = 1; k <= Probes.AREAS.size(); k++) {
            csv.append("Probe Seeker ").append(k).append(",MX,19.4,-99.1,\n");
            csv.append("Probe Offerer ").append(k).append(",CN,34.6,112.4,\n");
        }
        return csv.toString();
    }

    private static String partnershipsCsv(TwinningData data) {
        StringBuilder csv = new StringBuilder("cityAName,cityACountry,cityBName,cityBCountry,kind,formedOn,source\n");
        for (Pair pair : data.pairs) {
            City a = data.cities.get(pair.a());
            City b = data.cities.get(pair.b());
            csv.append(quoted(a.name()))
                    .append(',')
                    .append(a.country())
                    .append(',')
                    .append(quoted(b.name()))
                    .append(',')
                    .append(b.country())
                    .append(",SISTER_CITY,2000-01-01,Twinning records\n");
        }
        return csv.toString();
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static String key(City city) {
        return city.name().toLowerCase(Locale.ROOT) + "|" + city.country();
    }

    /** Every city's id by name and country, read page by page from the directory. */
    private static Map<String, UUID> ids(ApiClient cities) {
        Map<String, UUID> ids = new HashMap<>();
        for (int page = 0; ; page++) {
            JsonNode found = cities.getOk("/api/v1/cities", Map.of("page", "" + page, "size", "100"));
            for (JsonNode city : found.get("items")) {
                ids.put(
                        city.get("name").asText().toLowerCase(Locale.ROOT) + "|"
                                + city.get("country").asText(),
                        UUID.fromString(city.get("id").asText()));
            }
            if (page + 1 >= found.get("totalPages").asInt()) {
                return ids;
            }
        }
    }

    /**
     * Live interests stated while the partnership import runs: a pair of probe cities at most every {@link
     * #EVERY_MS} from 2 s in, each after the previous one's proposal showed, each pair in an area no other city
     * states (each the other's best match), until the job is done or every pair has stated: the seconds from
     * the second statement until its proposal shows, and of those the part until matchmaking created the
     * proposal (its {@code createdAt}: when matchmaking began applying the poll that holds the interest; the rest
     * is that poll's work and commit, and this client's polling). One probe per run said little: its time
     * depends on what the platform is doing at that moment.
     */
    private static final class Probes extends Thread {

        /** Areas no city of the timed world (culture) or of the warm-up (waste management) states. */
        static final List<String> AREAS = Arrays.stream(CooperationArea.values())
                .filter(area -> area != CooperationArea.CULTURE && area != CooperationArea.WASTE_MANAGEMENT)
                .map(CooperationArea::code)
                .toList();

        static final long EVERY_MS = 3000;
        /** A proposal not shown by then is counted as missed, and the next probe goes on. */
        static final long DEADLINE_MS = 30_000;

        private final ApiClient cities;
        private final ApiClient matchmaking;
        private final Map<String, UUID> ids;
        private final long importStart;
        private final List<Probe> done = new ArrayList<>();
        private volatile boolean jobDone;
        private volatile Throwable failed;

        Probes(ApiClient cities, ApiClient matchmaking, Map<String, UUID> ids, long importStart) {
            super("live-interest-probes");
            this.cities = cities;
            this.matchmaking = matchmaking;
            this.ids = ids;
            this.importStart = importStart;
            setDaemon(true); // never holds the benchmark up if the job fails first
        }

        @Override
        public void run() {
            try {
                for (int k = 1; k <= AREAS.size(); k++) {
                    long due = importStart + (2000 + (k - 1) * EVERY_MS) * 1_000_000L;
                    while (System.nanoTime() < due && !jobDone) {
                        Thread.sleep(Math.max(1, Math.min(50, (due - System.nanoTime()) / 1_000_000)));
                    }
                    if (jobDone) {
                        return;
                    }
                    done.add(probe(k, (System.nanoTime() - importStart) / 1e9));
                }
            } catch (Throwable e) {
                failed = e;
            }
        }

        /** The probes stated while the job ran, each waited for; after the job is done. */
        List<Probe> finish() throws InterruptedException {
            jobDone = true;
            join();
            if (failed != null) {
                throw new IllegalStateException("a live interest probe failed", failed);
            }
            return done;
        }

        private Probe probe(int k, double at) throws InterruptedException {
            UUID seeker = ids.get("probe seeker " + k + "|MX");
            UUID offerer = ids.get("probe offerer " + k + "|CN");
            String area = AREAS.get(k - 1);
            cities.post(
                            "/api/v1/cities/" + seeker + "/interests",
                            Map.of("area", area, "stance", "SEEK", "intent", "SISTER_CITY"))
                    .expect(201);
            cities.post(
                            "/api/v1/cities/" + offerer + "/interests",
                            Map.of("area", area, "stance", "OFFER", "intent", "SISTER_CITY"))
                    .expect(201);
            long stated = System.nanoTime();
            Instant statedAt = Instant.now();
            while (System.nanoTime() - stated < DEADLINE_MS * 1_000_000L) {
                JsonNode list = matchmaking.getOk("/api/v1/cities/" + seeker + "/proposals", Map.of());
                for (JsonNode entry : list) {
                    if (offerer.toString().equals(entry.get("partnerCityId").asText())) {
                        Instant created = Instant.parse(
                                entry.get("proposal").get("createdAt").asText());
                        return new Probe(
                                at,
                                seconds(stated),
                                Duration.between(statedAt, created).toMillis() / 1e3);
                    }
                }
                Thread.sleep(20);
            }
            return new Probe(at, Double.POSITIVE_INFINITY, Double.NaN);
        }
    }

    /**
     * One live interest: when it was stated (seconds into the import), the seconds until its proposal showed
     * (infinite: not within {@link Probes#DEADLINE_MS}), and of those the seconds until matchmaking created it.
     */
    record Probe(double at, double showed, double created) {

        static String summary(List<Probe> probes) {
            if (probes.isEmpty()) {
                return "Live interests during the partnership import: none stated (the job ended first)";
            }
            double[] showed =
                    probes.stream().mapToDouble(Probe::showed).sorted().toArray();
            long withinOne = probes.stream().filter(p -> p.showed() <= 1.0).count();
            StringBuilder each = new StringBuilder();
            for (Probe probe : probes) {
                each.append(
                        Double.isInfinite(probe.showed())
                                ? String.format(
                                        Locale.ROOT,
                                        "%n  at %.1f s: not shown within %d s",
                                        probe.at(),
                                        Probes.DEADLINE_MS / 1000)
                                : String.format(
                                        Locale.ROOT,
                                        "%n  at %.1f s: showed after %.2f s (created after %.2f s)",
                                        probe.at(),
                                        probe.showed(),
                                        probe.created()));
            }
            return String.format(
                            Locale.ROOT,
                            "Live interests stated during the partnership import, at most one every %d s from 2 s in,"
                                    + " each after the previous one showed: %d,"
                                    + " their proposals showed after %.2f s (the first), median %.2f s, max %.2f s;"
                                    + " %d of %d within 1 s",
                            Probes.EVERY_MS / 1000,
                            probes.size(),
                            probes.get(0).showed(),
                            median(showed),
                            showed[showed.length - 1],
                            withinOne,
                            probes.size())
                    + each;
        }

        /** The middle value of sorted values, or the mean of the two middle ones. */
        private static double median(double[] sorted) {
            int middle = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    /** Uploads a CSV file to an import and waits for its job's result. */
    private static Map<String, Object> importCsv(ApiClient client, String path, String csv)
            throws InterruptedException {
        return awaitJob(
                client,
                client.upload(path, "text/csv", csv.getBytes(StandardCharsets.UTF_8))
                        .expect(202));
    }

    static Map<String, Object> awaitJob(ApiClient client, Reply accepted) throws InterruptedException {
        String job = URI.create(accepted.location()).getPath();
        while (true) {
            JsonNode state = client.getOk(job, Map.of());
            String now = state.get("state").asText();
            if ("SUCCEEDED".equals(now)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> result = ApiClient.JSON.convertValue(state.get("result"), Map.class);
                result.remove("rejections");
                return result;
            }
            if (!"QUEUED".equals(now) && !"RUNNING".equals(now)) {
                throw new IllegalStateException(
                        job + " " + now + ": " + state.get("error") + " " + state.get("result"));
            }
            Thread.sleep(200);
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static String line(String what, double seconds, Map<String, Object> job) {
        return String.format(Locale.ROOT, "%s: %.1f s%s", what, seconds, job == null ? "" : " " + job);
    }
}
