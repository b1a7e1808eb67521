package org.citybridge.e2e;

import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.Topics;
import org.citybridge.launcher.Platform;
import org.citybridge.launcher.ServiceProcess;
import org.citybridge.launcher.http.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of cities-service on one database: only one relays the outbox. The relay leader is
 * killed (SIGKILL) in the middle of a stream of interest writes sent to the other instance; that one
 * takes the relay over within 5 s, every write succeeds, and every write's event is on the topic
 * exactly once (a round the dead leader had open is aborted by the successor's fencing, never seen).
 */
@ExtendWith(FaultLogs.class)
class RelayFailoverE2ETest {

    private static final int CITIES = 20;
    private static final int WRITES = 400;
    private static final long PACE_MILLIS = 20;

    @Test
    void shouldHandTheRelayToTheSurvivorAndPublishEveryWriteExactlyOnce() throws Exception {
        Platform platform = FaultPlatform.get();
        EventLog events = FaultPlatform.events();
        FaultScenario scenario = new FaultScenario("relay-failover").registerCities(CITIES);
        ServiceProcess main = platform.service(FaultPlatform.CITIES);
        ServiceProcess second = platform.startInstance(FaultPlatform.CITIES, "cities-service-2", Map.of());
        try {
            await("one instance leads the relay")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> leads(main) ^ leads(second));
            boolean mainLeads = leads(main);
            ServiceProcess survivor = mainLeads ? second : main;

            Instant first = Instant.now();
            java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor();
            java.util.concurrent.Future<List<ApiClient.Reply>> written = writer.submit(() -> {
                List<ApiClient.Reply> replies = new ArrayList<>();
                for (int i = 0; i < WRITES; i++) {
                    BrokerOutageE2ETest.pauseUntil(first.plusMillis(i * PACE_MILLIS));
                    replies.add(scenario.post(scenario.interest(i), survivor.baseUrl()));
                }
                return replies;
            });
            BrokerOutageE2ETest.pauseUntil(first.plusMillis(WRITES / 3 * PACE_MILLIS));
            Instant killed = Instant.now();
            if (mainLeads) {
                platform.killService(FaultPlatform.CITIES);
            } else {
                second.kill();
            }
            await("the survivor takes the relay over")
                    .atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> leads(survivor));
            System.out.printf(
                    "Relay failover: the survivor led %d ms after the leader's SIGKILL%n",
                    Duration.between(killed, Instant.now()).toMillis());
            List<ApiClient.Reply> answers = written.get(120, java.util.concurrent.TimeUnit.SECONDS);
            writer.shutdown();
            assertThat(answers.stream().filter(a -> !a.ok()).toList())
                    .as("writes to the surviving instance that failed")
                    .isEmpty();

            Set<String> keys = scenario.cities.stream().map(UUID::toString).collect(Collectors.toSet());
            Set<String> notes = new HashSet<>();
            for (int i = 0; i < WRITES; i++) {
                notes.add(scenario.interest(i).note());
            }
            await("every write published")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> notesOf(events, keys).keySet().containsAll(notes));
            List<EventLog.Event> cityEvents = events.readAll(Topics.CITY_EVENTS).stream()
                    .filter(e -> keys.contains(e.key()))
                    .toList();
            Map<String, Long> perNote = notesOf(cityEvents);
            assertThat(perNote.keySet()).isEqualTo(notes);
            assertThat(perNote.entrySet().stream()
                            .filter(e -> e.getValue() != 1)
                            .toList())
                    .as("writes published more than once across the failover")
                    .isEmpty();
            BrokerOutageE2ETest.assertUniqueIds(cityEvents);
        } finally {
            second.close();
            if (!platform.service(FaultPlatform.CITIES).isAlive()) {
                platform.restartService(FaultPlatform.CITIES); // the other fault tests expect it
            }
        }
    }

    private static Map<String, Long> notesOf(EventLog events, Set<String> keys) {
        return notesOf(events.readAll(Topics.CITY_EVENTS).stream()
                .filter(e -> keys.contains(e.key()))
                .toList());
    }

    private static Map<String, Long> notesOf(List<EventLog.Event> cityEvents) {
        return BrokerOutageE2ETest.countBy(
                cityEvents,
                e -> e.type().equals(EventType.INTEREST_EXPRESSED.ceType()),
                e -> e.data().path("note").asText());
    }

    /** Whether the instance's relay publishes now (its gauge), false if it does not answer. */
    private static boolean leads(ServiceProcess instance) {
        return FaultPlatform.reports(instance, "citybridge_outbox_leader{service=\"cities-service\"} 1.0");
    }
}
