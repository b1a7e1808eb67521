package org.citybridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.citybridge.launcher.Platform;
import org.citybridge.launcher.ServiceProcess;
import org.citybridge.launcher.http.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.citybridge.e2e.FaultPlatform.CITIES;
import static org.citybridge.e2e.FaultPlatform.CLUSTERS;
import static org.citybridge.e2e.FaultPlatform.HTTP;
import static org.citybridge.e2e.FaultPlatform.MATCHMAKING;
import static org.citybridge.e2e.FaultPlatform.asAdmin;

/**
 * Database restart (issue 7): PostgreSQL is stopped and started again under light load (about four
 * requests a second to each service, reads and writes) while each service's readiness is probed
 * every 200 ms.
 *
 * <p>Proves, on the packaged platform with real tokens:
 * <ul>
 *   <li>each service's {@code /q/health/ready} goes DOWN (503) while the database is away and UP again
 *       after it returns, and the services recover by themselves: the very processes that ran before
 *       are still running, none was restarted;</li>
 *   <li>no answer ever carries a stack trace or an exception class name, and every failed API call is
 *       {@code application/problem+json} (readiness answers its own JSON health body); an API call that
 *       fails for want of the database is a 503 {@code unavailable} problem, never a 500;</li>
 *   <li>writes work again afterwards in all three services, and their effects flow on: an interest
 *       stated after the restart is published by the recovered outbox relay and consumed by the
 *       recovered matchmaking, which proposes the pair it completes.</li>
 * </ul>
 */
@ExtendWith(FaultLogs.class)
class DatabaseRestartE2ETest {

    private static final List<String> SERVICES = List.of(CITIES, CLUSTERS, MATCHMAKING);

    /**
     * A stack trace or an exception class in a body: a frame ({@code at org.x.Y.m(Y.java:1)}) or a
     * qualified exception name ({@code org.postgresql.util.PSQLException}).
     */
    private static final Pattern STACK_TRACE = Pattern.compile(
            "(?m)(^|\\s)at [\\w$]+(\\.[\\w$<>]+)+\\([^)]*\\)|\\b[a-z][\\w$]*(\\.[\\w$]+)+\\.[A-Z][\\w$]*(Exception|Error)\\b");

    /** One answer seen during the scenario. */
    private record Seen(String service, String what, Instant at, ApiClient.Reply answer) {}

    @Test
    void shouldGoNotReadyWhileTheDatabaseIsDownAndRecoverWithoutRestartOrStackTraces() throws Exception {
        Platform platform = FaultPlatform.get();
        FaultScenario scenario = new FaultScenario("dbrestart").registerCities(6);
        // cities 4 and 5 are kept out of the load: after the restart, 5 seeks what only 4 offers (no other test uses
        // air quality)
        scenario.post(interest(scenario, 4, "air-quality", "OFFER", "before")).expect(201);
        Map<String, ServiceProcess> before = new LinkedHashMap<>();
        SERVICES.forEach(s -> before.put(s, platform.service(s)));

        ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger n = new AtomicInteger();
        List<Thread> load = new ArrayList<>();
        LoadLoop every =
                (service, what, pauseMillis, call) -> load.add(loop(running, seen, service, what, pauseMillis, call));
        for (String service : SERVICES) {
            String management = platform.service(service).managementUrl();
            every.add(service, "ready", 200, () -> HTTP.get(management + "/q/health/ready"));
        }
        String cities = platform.serviceUrl(CITIES);
        String clusters = platform.serviceUrl(CLUSTERS);
        String matchmaking = platform.serviceUrl(MATCHMAKING);
        every.add(CITIES, "read", 300, () -> HTTP.get(cities + "/api/v1/cities?size=20&q=" + scenario.run));
        every.add(
                CITIES,
                "write",
                1000,
                () -> scenario.post(interest(
                        scenario,
                        n.get() % 4,
                        "tourism",
                        n.get() % 2 == 0 ? "OFFER" : "SEEK",
                        "load " + n.incrementAndGet())));
        every.add(CLUSTERS, "read", 300, () -> HTTP.get(clusters + "/api/v1/clusters"));
        every.add(CLUSTERS, "write", 1000, () -> organisation(clusters));
        every.add(
                MATCHMAKING,
                "read",
                250,
                () -> HTTP.get(matchmaking + "/api/v1/cities/" + scenario.cities.get(n.get() % 4) + "/proposals"));
        load.forEach(Thread::start);

        Instant stopped;
        Instant started;
        try {
            await("every service ready before the restart")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> SERVICES.stream().allMatch(s -> lastReady(seen, s, Instant.MIN) == 200));
            platform.postgres().stop();
            stopped = Instant.now();
            awaitReadiness("every service reports not ready while the database is down", 60, seen, stopped, 503);
        } finally {
            platform.postgres().start();
        }
        started = Instant.now();
        awaitReadiness("every service ready again, without a restart", 120, seen, started, 200);
        Instant recovered = Instant.now();
        // two more seconds of load on the recovered services (part of the scenario), then stop it
        BrokerOutageE2ETest.pauseUntil(recovered.plusSeconds(2));
        running.set(false);
        for (Thread thread : load) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }

        // the same processes as before, all alive
        for (String service : SERVICES) {
            assertThat(platform.service(service)).as(service).isSameAs(before.get(service));
            assertThat(before.get(service).isAlive()).as(service + " alive").isTrue();
        }
        // no stack trace anywhere; every failed API call is problem+json; readiness answers its health JSON
        assertThat(seen).as("answers seen").hasSizeGreaterThan(50);
        for (Seen s : seen) {
            ApiClient.Reply a = s.answer();
            if (!a.reached()) {
                continue; // refused or timed out: nothing was said
            }
            assertThat(STACK_TRACE.matcher(a.text()).find())
                    .as("stack trace in %s %s answer %d: %s", s.service(), s.what(), a.status(), a.text())
                    .isFalse();
            if (s.what().equals("ready")) {
                assertThat(a.status()).as("%s readiness", s.service()).isIn(200, 503);
                assertThat(a.json().path("status").asText()).isEqualTo(a.status() == 200 ? "UP" : "DOWN");
            } else if (a.status() >= 400) {
                assertThat(a.contentType())
                        .as("%s %s answer %d: %s", s.service(), s.what(), a.status(), a.text())
                        .startsWith("application/problem+json");
                if (a.status() >= 500) {
                    assertThat(a.status())
                            .as(
                                    "an API failing for want of its database says so: %s %s %s",
                                    s.service(), s.what(), a.text())
                            .isEqualTo(503);
                    assertThat(a.json().path("type").asText()).endsWith("/unavailable");
                }
            }
        }
        assertThat(seen)
                .as("API calls answered 503 while the database was away")
                .anyMatch(s -> !s.what().equals("ready")
                        && s.answer().reached()
                        && s.answer().status() == 503);
        // writes work again in all three services
        scenario.post(interest(scenario, 5, "air-quality", "SEEK", "after")).expect(200, 201);
        organisation(clusters).expect(201);
        asAdmin()
                .post(
                        matchmaking + "/api/v1/partnerships",
                        Map.of(
                                "cityA",
                                scenario.cities.get(2).toString(),
                                "cityB",
                                scenario.cities.get(3).toString(),
                                "kind",
                                "SISTER_CITY",
                                "formedOn",
                                LocalDate.now().toString(),
                                "source",
                                "Recorded after the database restart, " + scenario.run))
                .expect(201);
        // and flow on: outbox relay of cities-service, consumer and database of matchmaking
        String offering = scenario.cities.get(4).toString();
        String seeking = scenario.cities.get(5).toString();
        await("matchmaking proposes the pair completed after the restart")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    ApiClient.Reply answer = HTTP.get(matchmaking + "/api/v1/cities/" + seeking + "/proposals");
                    if (answer.status() != 200) {
                        return false;
                    }
                    for (JsonNode ranked : answer.json()) {
                        if (offering.equals(ranked.get("partnerCityId").asText())) {
                            return true;
                        }
                    }
                    return false;
                });
        System.out.printf(
                "Database restart: down %d s, every service ready again %d s after the start; %d answers checked%n",
                Duration.between(stopped, started).toSeconds(),
                Duration.between(started, recovered).toSeconds(),
                seen.size());
    }

    private static FaultScenario.InterestWrite interest(
            FaultScenario scenario, int city, String area, String stance, String note) {
        return new FaultScenario.InterestWrite(
                -1,
                scenario.cities.get(city),
                area,
                stance,
                "THEMATIC_PARTNERSHIP",
                List.of(),
                note + " of " + scenario.run);
    }

    private static ApiClient.Reply organisation(String clusters) {
        return asAdmin()
                .post(
                        clusters + "/api/v1/organisations",
                        Map.of("name", "Organisation " + UUID.randomUUID(), "kind", "ACADEMIA"));
    }

    /** Waits, looking every 200 ms, until every service's readiness check answered {@code status} since then. */
    private static void awaitReadiness(
            String what, int seconds, ConcurrentLinkedQueue<Seen> seen, Instant since, int status) {
        await(what)
                .atMost(Duration.ofSeconds(seconds))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> SERVICES.stream().allMatch(s -> sawReady(seen, s, since, status)));
    }

    /** Adds one more thread of load, started with the others: it calls a service until the scenario ends. */
    private interface LoadLoop {
        void add(String service, String what, long pauseMillis, Supplier<ApiClient.Reply> call);
    }

    /** Calls {@code call} every {@code pauseMillis} (after each answer) while {@code running}, recording each answer. */
    private static Thread loop(
            AtomicBoolean running,
            ConcurrentLinkedQueue<Seen> seen,
            String service,
            String what,
            long pauseMillis,
            Supplier<ApiClient.Reply> call) {
        Thread thread = new Thread(
                () -> {
                    while (running.get()) {
                        seen.add(new Seen(service, what, Instant.now(), call.get()));
                        BrokerOutageE2ETest.pauseUntil(Instant.now().plusMillis(pauseMillis));
                    }
                },
                "load-" + service + "-" + what);
        thread.setDaemon(true);
        return thread;
    }

    private static int lastReady(ConcurrentLinkedQueue<Seen> seen, String service, Instant since) {
        int last = -1;
        for (Seen s : seen) {
            if (s.service().equals(service) && s.what().equals("ready") && s.at().isAfter(since)) {
                last = s.answer().status();
            }
        }
        return last;
    }

    private static boolean sawReady(ConcurrentLinkedQueue<Seen> seen, String service, Instant since, int status) {
        return seen.stream()
                .anyMatch(s -> s.service().equals(service)
                        && s.what().equals("ready")
                        && s.at().isAfter(since)
                        && s.answer().status() == status);
    }
}
