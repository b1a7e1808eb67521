package org.citybridge.bench.http;

import org.citybridge.launcher.DemoUsers;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop HTTP load against cities-service: request {@code i} is due at {@code start + i / rate},
 * whatever happened to earlier requests, and its latency is counted from that due time (so a stall
 * shows as the queue it causes, not as fewer requests: no coordinated omission). A pool of worker
 * threads picks the due requests; it is large enough that workers are normally idle, and if they are
 * not, lateness is still charged to the latency.
 *
 * <p>Arguments ({@code key=value}): {@code url} (cities-service base URL), {@code ids} (file of city ids,
 * one per line), {@code rate} (requests/s), {@code seconds}, {@code mix} (weights, e.g.
 * {@code get=80,list=10,post-officer=5,post-admin=5}), {@code tokenEndpoint} and {@code officerCity} (for
 * the POSTs: officer.luoyang writes on its own city, the admin on random cities), {@code workers}
 * (default 200), {@code leadIn} (seconds at the same rate before the measured ones, default 2: requests
 * sent but not timed, while the generator's own JIT warms up; their failures are reported as {@code lead_in_errors}),
 * {@code label}. Prints a summary and one {@code RESULT} line; exits 0 even when
 * requests failed (the caller judges the figures).
 */
public final class OpenLoad {

    private static final String[] AREAS = {
        "tourism",
        "heritage-protection",
        "creative-economy",
        "trade",
        "technology",
        "education",
        "economic-development",
        "culture",
        "renewable-energy",
        "transport"
    };
    private static final String[] STANCES = {"OFFER", "SEEK", "MUTUAL"};
    private static final String[] INTENTS = {"SISTER_CITY", "THEMATIC_PARTNERSHIP", "KNOWLEDGE_EXCHANGE"};

    private OpenLoad() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = NamedArgs.parse(args);
        String base = a.get("url");
        List<String> ids = Files.readAllLines(Path.of(a.get("ids"))).stream()
                .filter(s -> !s.isBlank())
                .toList();
        double rate = Double.parseDouble(a.get("rate"));
        int seconds = Integer.parseInt(a.get("seconds"));
        int workers = Integer.parseInt(a.getOrDefault("workers", "200"));
        String label = a.getOrDefault("label", "load");
        Map<String, Integer> mix = parseMix(a.getOrDefault("mix", "get=100"));
        String tokenEndpoint = a.get("tokenEndpoint");
        String officerCity = a.get("officerCity");

        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        AtomicReference<String> officerToken = new AtomicReference<>();
        AtomicReference<String> adminToken = new AtomicReference<>();
        boolean writes = mix.keySet().stream().anyMatch(k -> k.startsWith("post"));
        Thread refresher = null;
        if (writes) {
            Runnable refresh = () -> {
                officerToken.set(token(http, tokenEndpoint, "officer.luoyang", "officer-demo"));
                adminToken.set(token(http, tokenEndpoint, "admin", "admin-demo"));
            };
            refresh.run();
            refresher = new Thread(
                    () -> {
                        while (!Thread.currentThread().isInterrupted()) {
                            try {
                                Thread.sleep(60_000); // tokens live 5 minutes
                                refresh.run();
                            } catch (InterruptedException e) {
                                return;
                            } catch (RuntimeException e) {
                                System.err.println("token refresh failed: " + e.getMessage());
                            }
                        }
                    },
                    "token-refresh");
            refresher.setDaemon(true);
            refresher.start();
        }

        double leadInSeconds = Double.parseDouble(a.getOrDefault("leadIn", "2"));
        int lead = (int) Math.round(rate * leadInSeconds);
        int total = lead + (int) Math.round(rate * seconds);
        long[] latency = new long[total];
        long[] service = new long[total];
        byte[] kind = new byte[total];
        int[] statusOf = new int[total];
        List<String> kinds = new ArrayList<>(mix.keySet());
        int weightSum = mix.values().stream().mapToInt(Integer::intValue).sum();
        Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        AtomicLong lastEnd = new AtomicLong();
        double intervalNanos = 1e9 / rate;
        URI target = URI.create(base);
        // every worker connects before the clock starts, as wrk does: 200 connections opened within the first
        // second would otherwise be measured as that second's latency
        CountDownLatch connected = new CountDownLatch(workers);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong startAt = new AtomicLong();

        List<Thread> pool = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread t = new Thread(
                    () -> {
                        RawHttp connection = new RawHttp(target);
                        try {
                            connection.connect();
                        } catch (IOException e) {
                            connection.close(); // the first request connects again; a failure then counts as an error
                            // request reconnects and counts the failure
                        }
                        connected.countDown();
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            return;
                        }
                        long start = startAt.get();
                        while (true) {
                            int i = next.getAndIncrement();
                            if (i >= total) {
                                connection.close();
                                return;
                            }
                            long due = start + (long) (i * intervalNanos);
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                LockSupport.parkNanos(wait);
                                while (System.nanoTime() < due) {
                                    Thread.onSpinWait();
                                }
                            }
                            SplittableRandom random = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
                            int pick = random.nextInt(weightSum);
                            int k = 0;
                            for (; k < kinds.size(); k++) {
                                pick -= mix.get(kinds.get(k));
                                if (pick < 0) {
                                    break;
                                }
                            }
                            kind[i] = (byte) k;
                            byte[] request = request(
                                    kinds.get(k),
                                    target,
                                    ids,
                                    random,
                                    officerCity,
                                    officerToken.get(),
                                    adminToken.get());
                            long sent = System.nanoTime();
                            int status;
                            try {
                                status = connection.exchange(request);
                            } catch (Exception e) {
                                status = -1;
                                connection.close();
                                errors.computeIfAbsent(
                                                kinds.get(k) + " "
                                                        + e.getClass().getSimpleName(),
                                                x -> new AtomicInteger())
                                        .incrementAndGet();
                            }
                            long end = System.nanoTime();
                            latency[i] = end - due;
                            service[i] = end - sent;
                            statusOf[i] = status;
                            if (status >= 300) {
                                errors.computeIfAbsent(kinds.get(k) + " HTTP " + status, x -> new AtomicInteger())
                                        .incrementAndGet();
                            }
                            lastEnd.accumulateAndGet(end, Math::max);
                        }
                    },
                    "load-" + w);
            t.setDaemon(true);
            pool.add(t);
            t.start();
        }
        if (!connected.await(30, TimeUnit.SECONDS)) {
            System.out.println("not every worker connected within 30 s; the others connect on their first request");
        }
        long start = System.nanoTime() + 200_000_000L;
        startAt.set(start);
        go.countDown();
        for (Thread t : pool) {
            t.join(Duration.ofSeconds(seconds + (long) leadInSeconds + 120L).toMillis());
        }
        if (refresher != null) {
            refresher.interrupt();
        }

        int sent = Math.min(next.get(), total);
        // only the requests after the lead-in are timed; failures count from the first request
        int from = Math.min(lead, sent);
        long leadInErrors = Arrays.stream(statusOf, 0, from)
                .filter(s -> s < 200 || s >= 300)
                .count();
        long[] timed = Arrays.copyOfRange(latency, from, sent);
        long[] timedService = Arrays.copyOfRange(service, from, sent);
        byte[] timedKind = Arrays.copyOfRange(kind, from, sent);
        int done = timed.length;
        long okCount = Arrays.stream(statusOf, from, sent)
                .filter(s -> s >= 200 && s < 300)
                .count();
        double elapsed = Math.max(1e-3, (lastEnd.get() - start) / 1e9 - lead / rate);
        StringBuilder result = new StringBuilder();
        result.append(String.format(
                Locale.ROOT,
                "RESULT label=%s rate=%.0f seconds=%d sent=%d ok=%d errors=%d "
                        + "lead_in=%d lead_in_errors=%d achieved=%.1f",
                label,
                rate,
                seconds,
                done,
                okCount,
                done - okCount,
                from,
                leadInErrors,
                okCount / elapsed));
        result.append(percentiles("", timed, done, null, -1));
        result.append(percentiles("service_", timedService, done, null, -1));
        for (int k = 0; k < kinds.size(); k++) {
            result.append(percentiles(kinds.get(k).replace('-', '_') + "_", timed, done, timedKind, k));
        }
        System.out.println(label + ": " + done + " requests at " + rate + "/s for " + seconds + " s, mix " + mix);
        printTimeline(timed, done, rate);
        if (!errors.isEmpty()) {
            System.out.println("errors: " + new TreeMap<>(errors));
        }
        System.out.println(result);
    }

    private static byte[] request(
            String kind,
            URI base,
            List<String> ids,
            SplittableRandom random,
            String officerCity,
            String officerToken,
            String adminToken) {
        String city = ids.get(random.nextInt(ids.size()));
        String host = base.getHost() + ":" + base.getPort();
        switch (kind) {
            case "get":
                return head("GET", "/api/v1/cities/" + city, host, null, 0).getBytes(StandardCharsets.ISO_8859_1);
            case "list":
                return head(
                                "GET",
                                "/api/v1/cities?size=20&page=" + random.nextInt(15) + "&country="
                                        + new String[] {"MX", "CN", "BR", "IN", "KE"}[random.nextInt(5)],
                                host,
                                null,
                                0)
                        .getBytes(StandardCharsets.ISO_8859_1);
            case "post-officer":
            case "post-admin":
                boolean officer = kind.equals("post-officer");
                String target = officer ? officerCity : city;
                byte[] body = String.format(
                                "{\"area\":\"%s\",\"stance\":\"%s\",\"intent\":\"%s\",\"note\":\"bench\"}",
                                AREAS[random.nextInt(AREAS.length)],
                                STANCES[random.nextInt(STANCES.length)],
                                INTENTS[random.nextInt(INTENTS.length)])
                        .getBytes(StandardCharsets.UTF_8);
                String extra = "Content-Type: application/json\r\nAuthorization: Bearer "
                        + (officer ? officerToken : adminToken) + "\r\nIdempotency-Key: " + UUID.randomUUID() + "\r\n";
                byte[] head = head("POST", "/api/v1/cities/" + target + "/interests", host, extra, body.length)
                        .getBytes(StandardCharsets.ISO_8859_1);
                byte[] all = Arrays.copyOf(head, head.length + body.length);
                System.arraycopy(body, 0, all, head.length, body.length);
                return all;
            default:
                throw new IllegalArgumentException("unknown request kind " + kind);
        }
    }

    private static String head(String method, String path, String host, String extra, int length) {
        return method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: application/json\r\n"
                + (extra == null ? "" : extra) + (method.equals("POST") ? "Content-Length: " + length + "\r\n" : "")
                + "\r\n";
    }

    /**
     * One line per second of due time: whether a high p99 comes from a few stalls (a collection, a checkpoint)
     * or from queueing all along tells where to look.
     */
    private static void printTimeline(long[] latency, int n, double rate) {
        int perSecond = (int) Math.max(1, Math.round(rate));
        StringBuilder line = new StringBuilder("timeline (second: p50/p99/max ms, requests over 100 ms):");
        for (int from = 0; from < n; from += perSecond) {
            long[] second = Arrays.copyOfRange(latency, from, Math.min(n, from + perSecond));
            long over = Arrays.stream(second).filter(l -> l > 100_000_000L).count();
            Arrays.sort(second);
            line.append(String.format(
                    Locale.ROOT,
                    "%n  %3d: %.0f/%.0f/%.0f %d",
                    from / perSecond,
                    at(second, 0.5),
                    at(second, 0.99),
                    second[second.length - 1] / 1e6,
                    over));
        }
        System.out.println(line);
    }

    private static String percentiles(String prefix, long[] values, int n, byte[] kind, int k) {
        long[] v = new long[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (kind == null || kind[i] == k) {
                v[m++] = values[i];
            }
        }
        if (m == 0) {
            return "";
        }
        v = Arrays.copyOf(v, m);
        Arrays.sort(v);
        return String.format(
                Locale.ROOT,
                " %sn=%d %sp50=%.2f %sp90=%.2f %sp99=%.2f %sp999=%.2f %smax=%.2f",
                prefix,
                m,
                prefix,
                at(v, 0.50),
                prefix,
                at(v, 0.90),
                prefix,
                at(v, 0.99),
                prefix,
                at(v, 0.999),
                prefix,
                v[m - 1] / 1e6);
    }

    private static double at(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static Map<String, Integer> parseMix(String spec) {
        Map<String, Integer> mix = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String[] kv = part.split("=");
            mix.put(kv[0].trim(), Integer.parseInt(kv[1].trim()));
        }
        return mix;
    }

    static String token(HttpClient http, String endpoint, String user, String password) {
        String form = "grant_type=password&client_id=" + DemoUsers.DEMO_CLIENT + "&username=" + enc(user) + "&password="
                + enc(password);
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(endpoint))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            int at = body.indexOf("\"access_token\":\"");
            if (response.statusCode() != 200 || at < 0) {
                throw new IllegalStateException("token for " + user + ": HTTP " + response.statusCode());
            }
            int from = at + "\"access_token\":\"".length();
            return body.substring(from, body.indexOf('"', from));
        } catch (IOException e) {
            throw new IllegalStateException("token for " + user + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
