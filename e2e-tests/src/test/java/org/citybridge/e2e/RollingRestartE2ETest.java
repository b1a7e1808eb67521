package org.citybridge.e2e;

import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.Topics;
import org.citybridge.launcher.Platform;
import org.citybridge.launcher.ServiceProcess;
import org.citybridge.launcher.http.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.citybridge.e2e.FaultPlatform.CITIES;
import static org.citybridge.e2e.FaultPlatform.CLUSTERS;
import static org.citybridge.e2e.FaultPlatform.MATCHMAKING;
import static org.citybridge.e2e.FaultPlatform.asAdmin;

/**
 * Two instances of every service under a steady 50 requests a second (interest writes, exchange plans,
 * reads of cities and proposals), sent round robin over the instances by a client that retries only
 * what never reached an instance or lost its connection (with the same {@code Idempotency-Key}):
 * <ol>
 *   <li>the relay leader of cities-service, then of clusters-service, then matchmaking's engine leader,
 *       then its relay leader are killed with SIGKILL, each started again as a follower; the survivors'
 *       takeover times are printed;</li>
 *   <li>then every one of the six instances is stopped (SIGTERM) and started again, one after the other,
 *       as a rolling update does.</li>
 * </ol>
 * No request fails; every write's event is published exactly once; no {@code ce_id} is there twice on
 * any topic; matchmaking's proposals equal a clean replay's.
 */
@ExtendWith(FaultLogs.class)
class RollingRestartE2ETest {

    private static final int CITIES_IN_SCENARIO = 12;
    private static final long TICK_MILLIS = 20; // 50 requests a second

    @Test
    void shouldFailNoRequestAndLoseOrRepeatNothingThroughLeaderKillsAndARollingRestart() throws Exception {
        Platform platform = FaultPlatform.get();
        EventLog events = FaultPlatform.events();
        FaultScenario scenario = FaultScenario.withKnownCities("rolling", CITIES_IN_SCENARIO);
        Map<String, List<ServiceProcess>> instances = new LinkedHashMap<>();
        List<ServiceProcess> extra = new CopyOnWriteArrayList<>();
        for (String service : List.of(CITIES, CLUSTERS, MATCHMAKING)) {
            ServiceProcess second = platform.startInstance(service, service + "-b", Map.of());
            extra.add(second);
            instances.put(service, new CopyOnWriteArrayList<>(List.of(platform.service(service), second)));
        }
        Load load = new Load(instances, scenario);
        try {
            load.start();
            pause(Duration.ofSeconds(3));
            killLeader(platform, instances, extra, CITIES, "citybridge_outbox_leader");
            killLeader(platform, instances, extra, CLUSTERS, "citybridge_outbox_leader");
            killLeader(platform, instances, extra, MATCHMAKING, "citybridge_engine_leader");
            killLeader(platform, instances, extra, MATCHMAKING, "citybridge_outbox_leader");
            Instant rolling = Instant.now();
            for (String service : instances.keySet()) {
                for (int i = 0; i < instances.get(service).size(); i++) {
                    ServiceProcess old = instances.get(service).get(i);
                    ServiceProcess next;
                    if (old == platform.service(service)) {
                        platform.stopService(service);
                        next = platform.restartService(service);
                    } else {
                        old.close();
                        next = platform.startInstance(service, service + "-r" + i, Map.of());
                        extra.add(next);
                    }
                    instances.get(service).set(i, next);
                    pause(Duration.ofSeconds(1));
                }
            }
            System.out.printf(
                    "Rolling restart of six instances: %d s%n",
                    Duration.between(rolling, Instant.now()).toSeconds());
            pause(Duration.ofSeconds(2));
        } finally {
            load.stop();
            extra.forEach(ServiceProcess::close);
            for (String service : instances.keySet()) {
                if (!platform.service(service).isAlive()) {
                    platform.restartService(service); // the other fault tests expect the platform's own instances
                }
            }
        }
        System.out.printf(
                "Under load: %d requests, %d connection-level retries, %d failed%n",
                load.sent.get(), load.retries.get(), load.failures.size());
        assertThat(load.failures).as("requests that failed").isEmpty();
        assertThat(load.sent.get()).isGreaterThan(1_000);

        Set<String> notes = new HashSet<>(load.interestNotes);
        Set<String> titles = new HashSet<>(load.exchangeTitles);
        await("every write published")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> published(events, Topics.CITY_EVENTS, EventType.INTEREST_EXPRESSED, "note")
                                .keySet()
                                .containsAll(notes)
                        && published(events, Topics.CLUSTER_EVENTS, EventType.EXCHANGE_SCHEDULED, "title")
                                .keySet()
                                .containsAll(titles));
        assertPublishedOnce(published(events, Topics.CITY_EVENTS, EventType.INTEREST_EXPRESSED, "note"), notes);
        assertPublishedOnce(published(events, Topics.CLUSTER_EVENTS, EventType.EXCHANGE_SCHEDULED, "title"), titles);
        for (String topic : List.of(Topics.CITY_EVENTS, Topics.CLUSTER_EVENTS, Topics.MATCHMAKING_EVENTS)) {
            BrokerOutageE2ETest.assertUniqueIds(events.readAll(topic));
        }
        await("the platform's own matchmaking instance leads again")
                .atMost(Duration.ofSeconds(30))
                .until(() -> FaultPlatform.reports(
                        platform.service(MATCHMAKING),
                        "citybridge_engine_leader{service=\"matchmaking-service\"} 1.0"));
        try (MatchmakingOracle oracle = MatchmakingOracle.start(platform)) {
            oracle.assertLiveEqualsReplay(platform, events, scenario.cities);
        }
    }

    /**
     * Kills the instance of the service whose gauge says it leads, reports when the other one leads, and
     * starts the killed one again (a follower now).
     */
    private static void killLeader(
            Platform platform,
            Map<String, List<ServiceProcess>> instances,
            List<ServiceProcess> extra,
            String service,
            String gauge)
            throws InterruptedException {
        String leads = gauge + "{service=\"" + service + "\"} 1.0";
        List<ServiceProcess> pair = instances.get(service);
        await(service + ": one instance leads")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> FaultPlatform.reports(pair.get(0), leads) ^ FaultPlatform.reports(pair.get(1), leads));
        int leader = FaultPlatform.reports(pair.get(0), leads) ? 0 : 1;
        ServiceProcess survivor = pair.get(1 - leader);
        Instant killed = Instant.now();
        ServiceProcess next;
        if (pair.get(leader) == platform.service(service)) {
            platform.killService(service);
            await(service + ": the survivor leads")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> FaultPlatform.reports(survivor, leads));
            report(service, gauge, killed);
            next = platform.restartService(service);
        } else {
            pair.get(leader).kill();
            await(service + ": the survivor leads")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> FaultPlatform.reports(survivor, leads));
            report(service, gauge, killed);
            next = platform.startInstance(service, service + "-k", Map.of());
            extra.add(next);
        }
        pair.set(leader, next);
        pause(Duration.ofSeconds(2));
    }

    private static void report(String service, String gauge, Instant killed) {
        System.out.printf(
                "%s: the survivor's %s was 1 %d ms after the leader's SIGKILL%n",
                service, gauge, Duration.between(killed, Instant.now()).toMillis());
    }

    private static Map<String, Long> published(EventLog events, String topic, EventType type, String field) {
        return BrokerOutageE2ETest.countBy(
                events.readAll(topic),
                e -> e.type().equals(type.ceType()),
                e -> e.data().path(field).asText());
    }

    private static void assertPublishedOnce(Map<String, Long> published, Set<String> written) {
        assertThat(published.entrySet().stream()
                        .filter(e -> written.contains(e.getKey()) && e.getValue() != 1)
                        .toList())
                .as("writes published other than once")
                .isEmpty();
    }

    private static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis()); // lets the load run between faults; nothing is asserted on it
    }

    /**
     * The steady load: one request every tick, sent on a pool so a slow answer does not slow the rate. Each
     * goes to the next instance of its service; one that does not reach an instance, or loses its
     * connection, is sent to the next (a POST with the same Idempotency-Key, so it cannot apply twice).
     */
    private static final class Load {

        private final Map<String, List<ServiceProcess>> instances;
        private final FaultScenario scenario;
        private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        private final ExecutorService senders = Executors.newFixedThreadPool(32);
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger tick = new AtomicInteger();
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger retries = new AtomicInteger();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> interestNotes = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> exchangeTitles = new ConcurrentLinkedQueue<>();

        Load(Map<String, List<ServiceProcess>> instances, FaultScenario scenario) {
            this.instances = instances;
            this.scenario = scenario;
        }

        void start() {
            ticks.scheduleAtFixedRate(
                    () -> {
                        int i = tick.getAndIncrement();
                        senders.execute(() -> send(i));
                    },
                    0,
                    TICK_MILLIS,
                    TimeUnit.MILLISECONDS);
        }

        void stop() throws InterruptedException {
            ticks.shutdownNow();
            senders.shutdown();
            senders.awaitTermination(2, TimeUnit.MINUTES);
        }

        private void send(int i) {
            UUID city = scenario.cities.get(i % scenario.cities.size());
            String key = UUID.nameUUIDFromBytes((scenario.run + " " + i).getBytes(StandardCharsets.UTF_8))
                    .toString();
            ApiClient.Reply reply;
            String what;
            switch (i % 4) {
                case 0 -> {
                    FaultScenario.InterestWrite write = scenario.interest(i);
                    interestNotes.add(write.note());
                    what = "interest " + i;
                    reply = call(
                            CITIES,
                            url -> asAdmin()
                                    .post(
                                            url + "/api/v1/cities/" + write.city() + "/interests",
                                            write.body(),
                                            Map.of("Idempotency-Key", key)));
                }
                case 1 -> {
                    what = "city " + i;
                    reply = call(CITIES, url -> FaultPlatform.HTTP.get(url + "/api/v1/cities/" + city));
                }
                case 2 -> {
                    if (i % 8 == 2) {
                        String title = "Webinar " + i + " of " + scenario.run;
                        exchangeTitles.add(title);
                        what = "exchange " + i;
                        reply = call(
                                CLUSTERS,
                                url -> asAdmin()
                                        .post(
                                                url + "/api/v1/exchanges",
                                                Map.of(
                                                        "title",
                                                        title,
                                                        "format",
                                                        "WEBINAR",
                                                        "startDate",
                                                        LocalDate.of(2027, 1, 1).toString(),
                                                        "endDate",
                                                        LocalDate.of(2027, 1, 1).toString()),
                                                Map.of("Idempotency-Key", key)));
                    } else {
                        what = "clusters " + i;
                        reply = call(CLUSTERS, url -> FaultPlatform.HTTP.get(url + "/api/v1/clusters"));
                    }
                }
                default -> {
                    what = "proposals " + i;
                    reply = call(
                            MATCHMAKING, url -> FaultPlatform.HTTP.get(url + "/api/v1/cities/" + city + "/proposals"));
                }
            }
            sent.incrementAndGet();
            // a city matchmaking has not heard of yet is a 404 there; everything else must succeed
            boolean fine = reply.ok() || (what.startsWith("proposals") && reply.status() == 404);
            if (!fine) {
                failures.add(what + ": " + reply.status() + " " + reply.text());
            }
        }

        private ApiClient.Reply call(String service, Function<String, ApiClient.Reply> request) {
            List<ServiceProcess> targets = instances.get(service);
            ApiClient.Reply reply = null;
            for (int attempt = 0; attempt < 20; attempt++) {
                ServiceProcess target = targets.get(Math.floorMod(next.getAndIncrement(), targets.size()));
                reply = request.apply(target.baseUrl());
                if (reply.reached()) {
                    return reply;
                }
                retries.incrementAndGet();
            }
            return reply;
        }
    }
}
