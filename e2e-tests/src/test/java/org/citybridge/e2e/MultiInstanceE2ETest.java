package org.citybridge.e2e;

import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.Topics;
import org.citybridge.launcher.Platform;
import org.citybridge.launcher.ServiceProcess;
import org.citybridge.launcher.http.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of cities-service (and of clusters-service) behind "one address" (requests alternate between them): the
 * guarantees the service's own tests show for one instance hold across both, because they live in
 * the shared database: one city for many concurrent POSTs with one Idempotency-Key (and one event),
 * one winner among concurrent updates with the same ETag.
 */
@ExtendWith(FaultLogs.class)
class MultiInstanceE2ETest {

    private static final int REQUESTS = 20;

    @Test
    void idempotencyAndOptimisticLockingHoldAcrossInstances() throws Exception {
        Platform platform = FaultPlatform.get();
        ServiceProcess one = platform.service(FaultPlatform.CITIES);
        ServiceProcess two = platform.startInstance(FaultPlatform.CITIES, "cities-service-b", Map.of());
        try {
            List<String> instances = List.of(one.baseUrl(), two.baseUrl());
            String name = "Twin instance city " + UUID.randomUUID().toString().substring(0, 8);
            String key = UUID.randomUUID().toString();
            Map<String, Object> city = new LinkedHashMap<>();
            city.put("name", name);
            city.put("country", "MX");
            city.put("population", 250_000);

            List<ApiClient.Reply> created = concurrently(i -> FaultPlatform.asAdmin()
                    .post(instances.get(i % 2) + "/api/v1/cities", city, Map.of("Idempotency-Key", key)));
            assertThat(created).allSatisfy(reply -> assertThat(reply.status()).isEqualTo(201));
            List<String> ids =
                    created.stream().map(r -> r.json().get("id").asText()).toList();
            assertThat(ids).containsOnly(ids.get(0));
            String id = ids.get(0);
            for (String instance : instances) {
                assertThat(FaultPlatform.asAdmin()
                                .get(instance + "/api/v1/cities", Map.of("q", name))
                                .expect(200)
                                .json()
                                .get("totalItems")
                                .asInt())
                        .isEqualTo(1);
            }
            EventLog events = FaultPlatform.events();
            await("the city announced").atMost(Duration.ofSeconds(30)).until(() -> registered(events, id) >= 1);
            assertThat(registered(events, id))
                    .as("CityRegistered events of the city")
                    .isEqualTo(1);

            String etag = FaultPlatform.asAdmin()
                    .get(instances.get(0) + "/api/v1/cities/" + id)
                    .expect(200)
                    .etag();
            List<ApiClient.Reply> updates = concurrently(i -> {
                Map<String, Object> body = new LinkedHashMap<>(city);
                body.put("population", 1000 + i);
                return FaultPlatform.asAdmin()
                        .send("PUT", instances.get(i % 2) + "/api/v1/cities/" + id, body, Map.of("If-Match", etag));
            });
            List<Integer> statuses =
                    updates.stream().map(ApiClient.Reply::status).toList();
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 412).hasSize(REQUESTS - 1);
            int winner = statuses.indexOf(200);
            assertThat(FaultPlatform.asAdmin()
                            .get(instances.get(1) + "/api/v1/cities/" + id)
                            .expect(200)
                            .json()
                            .get("population")
                            .asInt())
                    .as("no lost update: the winner's population, read on either instance")
                    .isEqualTo(1000 + winner);
        } finally {
            two.close();
        }
    }

    @Test
    void aMembershipIsCreatedOnceWhenBothClustersInstancesGetTheSameKey() throws Exception {
        Platform platform = FaultPlatform.get();
        FaultScenario scenario = FaultScenario.withKnownCities("two-clusters-instances", 1);
        ServiceProcess one = platform.service(FaultPlatform.CLUSTERS);
        ServiceProcess two = platform.startInstance(FaultPlatform.CLUSTERS, "clusters-service-b", Map.of());
        try {
            List<String> instances = List.of(one.baseUrl(), two.baseUrl());
            String key = UUID.randomUUID().toString();
            Map<String, Object> membership = Map.of(
                    "memberKind", "CITY", "memberId", scenario.cities.get(0).toString(), "role", "MEMBER");
            String path = "/api/v1/clusters/" + FaultScenario.cluster(0) + "/members";
            List<ApiClient.Reply> created = concurrently(i -> FaultPlatform.asAdmin()
                    .post(instances.get(i % 2) + path, membership, Map.of("Idempotency-Key", key)));
            assertThat(created).allSatisfy(reply -> assertThat(reply.status()).isEqualTo(201));
            List<String> ids =
                    created.stream().map(r -> r.json().get("id").asText()).toList();
            assertThat(ids).containsOnly(ids.get(0));
            EventLog events = FaultPlatform.events();
            await("the membership announced")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> joined(events, ids.get(0)) >= 1);
            assertThat(joined(events, ids.get(0)))
                    .as("MemberJoined events of the membership")
                    .isEqualTo(1);
        } finally {
            two.close();
        }
    }

    private static long joined(EventLog events, String membershipId) {
        return events.readAll(Topics.CLUSTER_EVENTS).stream()
                .filter(e -> e.type().equals(EventType.MEMBER_JOINED.ceType())
                        && membershipId.equals(e.data().path("membershipId").asText()))
                .count();
    }

    private static long registered(EventLog events, String id) {
        return events.readAll(Topics.CITY_EVENTS).stream()
                .filter(e -> id.equals(e.key()) && e.type().equals(EventType.CITY_REGISTERED.ceType()))
                .count();
    }

    /** Sends the requests at once (released together) and returns the answers in request order. */
    private static List<ApiClient.Reply> concurrently(IntFunction<ApiClient.Reply> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ApiClient.Reply>> answers = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                int n = i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return request.apply(n);
                }));
            }
            start.countDown();
            List<ApiClient.Reply> replies = new ArrayList<>();
            for (Future<ApiClient.Reply> answer : answers) {
                replies.add(answer.get(60, TimeUnit.SECONDS));
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }
}
