package org.citybridge.clusters;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.citybridge.clusters.domain.SeedClusters;
import org.citybridge.contracts.events.CloudEventHeaders;
import org.citybridge.contracts.events.ClusterLaunched;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.kit.security.Roles;
import org.citybridge.testing.Concurrently;
import org.citybridge.testing.JsonApi;
import org.citybridge.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class ClusterApiTest {

    @Inject
    TestSupport support;

    private static Map<String, Object> cluster(String slug, String name, List<String> areas) {
        return Map.of("slug", slug, "name", name, "areas", areas);
    }

    @Test
    void shouldSeedTheSevenSouthSouthCitiesClustersMappedToTheirAreas() {
        JsonApi.get("/api/v1/clusters", Map.of("q", "tourism"))
                .statusCode(200)
                .body("items.slug", hasItem(SeedClusters.TOURISM_SLUG));
        JsonApi.get("/api/v1/clusters/" + SeedClusters.TOURISM_SLUG)
                .statusCode(200)
                .header("ETag", notNullValue())
                .body("id", equalTo(SeedClusters.TOURISM_HERITAGE_CREATIVE_ECONOMY.toString()))
                .body("name", equalTo("Sustainable Tourism Recovery, Heritage Protection and Creative Economy"))
                .body("areas", containsInAnyOrder("tourism", "heritage-protection", "creative-economy"))
                .body("status", equalTo("ACTIVE"));
        JsonApi.get("/api/v1/clusters/" + SeedClusters.RENEWABLE_ENERGY)
                .statusCode(200)
                .body("slug", equalTo(SeedClusters.RENEWABLE_ENERGY_SLUG))
                .body("areas", contains("renewable-energy"));
        JsonApi.get("/api/v1/clusters/" + SeedClusters.TRANSPORT_GREEN_CITIES)
                .statusCode(200)
                .body("name", equalTo("Sustainable Transport, Air Quality, Waste Management, Green Cities"))
                .body("areas", containsInAnyOrder("transport", "air-quality", "waste-management", "green-cities"));
        for (UUID id : SeedClusters.ALL) {
            JsonApi.get("/api/v1/clusters/" + id).statusCode(200);
        }
        JsonApi.get("/api/v1/clusters", Map.of("area", "public-health"))
                .statusCode(200)
                .body("items.id", hasItem(SeedClusters.COVID_19_PUBLIC_HEALTH.toString()));
    }

    @Test
    void shouldAnnounceEachSeededClusterExactlyOnce() {
        List<ConsumerRecord<String, String>> records = support.events()
                .read(
                        "cluster-events",
                        r -> SeedClusters.ALL.stream()
                                        .anyMatch(id -> id.toString().equals(r.key()))
                                && EventType.CLUSTER_LAUNCHED
                                        .ceType()
                                        .equals(TestEvents.header(r, CloudEventHeaders.H_TYPE)),
                        SeedClusters.ALL.size() + 1,
                        java.time.Duration.ofSeconds(15));
        assertThat(records).hasSize(SeedClusters.ALL.size());
        assertThat(records)
                .extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrderElementsOf(
                        SeedClusters.ALL.stream().map(UUID::toString).toList());
        ClusterLaunched renewable = records.stream()
                .filter(r -> r.key().equals(SeedClusters.RENEWABLE_ENERGY.toString()))
                .map(r -> support.events().payload(r, ClusterLaunched.class))
                .findFirst()
                .orElseThrow();
        assertThat(renewable.slug()).isEqualTo(SeedClusters.RENEWABLE_ENERGY_SLUG);
        assertThat(renewable.areas()).containsExactly(CooperationArea.RENEWABLE_ENERGY);
    }

    @Test
    void shouldAnswer404ForAnUnknownCluster() {
        JsonApi.get("/api/v1/clusters/no-such-cluster")
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldLaunchAClusterAndAnnounceItKeyedByClusterId() {
        String slug = "cluster-" + UUID.randomUUID();
        String id = JsonApi.post(
                        "/api/v1/clusters", cluster(slug, "Water Management", List.of("green-cities", "smart-cities")))
                .statusCode(201)
                .header(
                        "Location",
                        endsWith("/api/v1/clusters/"
                                + JsonApi.get("/api/v1/clusters/" + slug)
                                        .extract()
                                        .path("id")))
                .header("ETag", equalTo("\"0\""))
                .body("slug", equalTo(slug))
                .body("status", equalTo("ACTIVE"))
                .body("areas", containsInAnyOrder("green-cities", "smart-cities"))
                .extract()
                .path("id");

        var record = support.oneClusterEvent(UUID.fromString(id), EventType.CLUSTER_LAUNCHED);
        CloudEventHeaders headers = CloudEventHeaders.fromHeaders(TestEvents.headers(record));
        assertThat(headers.subject()).isEqualTo(id);
        assertThat(headers.source()).isEqualTo("/citybridge/clusters-service");
        ClusterLaunched payload = support.events().payload(record, ClusterLaunched.class);
        assertThat(payload.slug()).isEqualTo(slug);
        assertThat(payload.areas())
                .containsExactlyInAnyOrder(CooperationArea.GREEN_CITIES, CooperationArea.SMART_CITIES);
    }

    @Test
    void shouldRequireATokenToLaunchACluster() {
        assertLaunchRefused(401);
    }

    @Test
    @TestSecurity(user = "officer", roles = Roles.CITY_OFFICER)
    void shouldForbidClusterLaunchToCityOfficers() {
        assertLaunchRefused(403);
    }

    /** A launch the caller may not make: refused with {@code status}, nothing stored under its slug. */
    private static void assertLaunchRefused(int status) {
        String slug = "cluster-" + UUID.randomUUID();
        JsonApi.post("/api/v1/clusters", cluster(slug, "X", List.of("trade")))
                .statusCode(status)
                .contentType("application/problem+json");
        JsonApi.get("/api/v1/clusters/" + slug).statusCode(404);
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldRejectInvalidClustersNamingTheFieldsAndStoreNothing() {
        JsonApi.post("/api/v1/clusters", Map.of("slug", "Not Kebab", "name", " ", "areas", List.of()))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("slug", "name", "areas"));
        JsonApi.get("/api/v1/clusters/Not Kebab").statusCode(404);

        String slug = "cluster-" + UUID.randomUUID();
        JsonApi.postRefused("/api/v1/clusters", cluster(slug, "X", List.of("space-travel")), 400, "space-travel");
        JsonApi.post(
                        "/api/v1/clusters",
                        Map.of("slug", slug, "name", "X", "areas", List.of("trade"), "id", UUID.randomUUID()))
                .statusCode(400)
                .body("violations.field", hasItem("id"));
        JsonApi.get("/api/v1/clusters/" + slug).statusCode(404);
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldRejectADuplicateSlugWithConflict() {
        JsonApi.post("/api/v1/clusters", cluster(SeedClusters.TOURISM_SLUG, "Copy", List.of("tourism")))
                .statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldUpdateAClusterOnlyWithACurrentETag() {
        UUID id = support.cluster(CooperationArea.TRADE);
        String slug = JsonApi.get("/api/v1/clusters/" + id).extract().path("slug");
        Map<String, Object> change = cluster(slug, "Renamed cluster", List.of("trade", "e-commerce"));

        JsonApi.put("/api/v1/clusters/" + id, change).statusCode(428).contentType("application/problem+json");
        JsonApi.put("/api/v1/clusters/" + id, "\"7\"", change).statusCode(412).contentType("application/problem+json");
        JsonApi.get("/api/v1/clusters/" + id)
                .body(
                        "name",
                        equalTo(JsonApi.get("/api/v1/clusters/" + id).extract().path("name")))
                .body("areas", contains("trade"));

        String etag = JsonApi.get("/api/v1/clusters/" + id).extract().header("ETag");
        JsonApi.put("/api/v1/clusters/" + id, etag, change)
                .statusCode(200)
                .header("ETag", notNullValue())
                .body("name", equalTo("Renamed cluster"))
                .body("areas", containsInAnyOrder("trade", "e-commerce"));
        String newEtag = JsonApi.get("/api/v1/clusters/" + id).extract().header("ETag");
        assertThat(newEtag).isNotEqualTo(etag);
        // the stale tag no longer works
        JsonApi.put("/api/v1/clusters/" + id, etag, change).statusCode(412);
        // the change is announced again
        assertThat(support.clusterEvents(id, EventType.CLUSTER_LAUNCHED, 2)).hasSize(2);
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldReplayACreateWithTheSameIdempotencyKey() {
        String slug = "cluster-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = cluster(slug, "Idempotent", List.of("culture"));
        String first = JsonApi.createdId(JsonApi.postIdempotent("/api/v1/clusters", key, body));
        String second = JsonApi.postIdempotent("/api/v1/clusters", key, body)
                .statusCode(201)
                .header("Location", endsWith("/api/v1/clusters/" + first))
                .extract()
                .path("id");
        assertThat(second).isEqualTo(first);
        assertThat(support.outboxCount(UUID.fromString(first))).isEqualTo(1);
        JsonApi.postIdempotent("/api/v1/clusters", key, cluster(slug + "-other", "Other", List.of("culture")))
                .statusCode(422);
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldLetExactlyOneOfTwentyConcurrentUpdatesWithTheSameETagWin() throws Exception {
        UUID id = support.cluster(CooperationArea.TRADE);
        String slug = JsonApi.get("/api/v1/clusters/" + id).extract().path("slug");
        String etag = JsonApi.get("/api/v1/clusters/" + id).extract().header("ETag");
        List<Integer> statuses = Concurrently.run(
                20,
                i -> JsonApi.put("/api/v1/clusters/" + id, etag, cluster(slug, "Race " + i, List.of("trade")))
                        .extract()
                        .statusCode());
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 412).hasSize(19);
        // no lost update: what is stored is the winner's (update i sent "Race i"), once
        JsonApi.get("/api/v1/clusters/" + id).body("name", equalTo("Race " + statuses.indexOf(200)));
        assertThat(support.outboxCount(id))
                .as("launch and the one accepted update")
                .isEqualTo(2);
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldCreateOneClusterForTwentyConcurrentPostsWithOneIdempotencyKey() throws Exception {
        String slug = "cluster-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        List<String> ids = Concurrently.run(
                20,
                i -> JsonApi.createdId(JsonApi.postIdempotent(
                        "/api/v1/clusters", key, cluster(slug, "Concurrent", List.of("culture")))));
        assertThat(ids).containsOnly(ids.get(0));
        JsonApi.get("/api/v1/clusters", Map.of("q", slug)).body("totalItems", equalTo(1));
        assertThat(support.outboxCount(UUID.fromString(ids.get(0)))).isEqualTo(1);
    }

    @Test
    void shouldPageAndSortClustersAndRejectUnknownSorts() {
        JsonApi.get("/api/v1/clusters", Map.of("size", 3, "sort", "slug"))
                .statusCode(200)
                .body("size", equalTo(3))
                .body("items.size()", equalTo(3))
                .body("totalItems", org.hamcrest.Matchers.greaterThanOrEqualTo(7))
                .body("totalPages", org.hamcrest.Matchers.greaterThanOrEqualTo(3));
        List<String> slugs = JsonApi.get("/api/v1/clusters", Map.of("size", 100, "sort", "-slug"))
                .extract()
                .path("items.slug");
        assertThat(slugs).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        JsonApi.getRefused("/api/v1/clusters", Map.of("sort", "secret"), "sort");
        JsonApi.get("/api/v1/clusters", Map.of("size", 1000)).statusCode(400).body("violations.field", hasItem("size"));
        JsonApi.getRefused("/api/v1/clusters", Map.of("area", "nowhere"), "area");
        JsonApi.get("/api/v1/clusters", Map.of("area", "renewable-energy"))
                .statusCode(200)
                .body("items.areas", everyItem(hasItem("renewable-energy")));
    }
}
