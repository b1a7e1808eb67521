package org.citybridge.clusters;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.citybridge.clusters.domain.SeedClusters;
import org.citybridge.contracts.events.CloudEventHeaders;
import org.citybridge.contracts.events.ClusterLaunched;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.kit.security.Roles;
import org.citybridge.testing.Concurrently;
import org.citybridge.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
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
        given().queryParam("q", "tourism")
                .when()
                .get("/api/v1/clusters")
                .then()
                .statusCode(200)
                .body("items.slug", hasItem(SeedClusters.TOURISM_SLUG));
        given().when()
                .get("/api/v1/clusters/" + SeedClusters.TOURISM_SLUG)
                .then()
                .statusCode(200)
                .header("ETag", notNullValue())
                .body("id", equalTo(SeedClusters.TOURISM_HERITAGE_CREATIVE_ECONOMY.toString()))
                .body("name", equalTo("Sustainable Tourism Recovery, Heritage Protection and Creative Economy"))
                .body("areas", containsInAnyOrder("tourism", "heritage-protection", "creative-economy"))
                .body("status", equalTo("ACTIVE"));
        given().when()
                .get("/api/v1/clusters/" + SeedClusters.RENEWABLE_ENERGY)
                .then()
                .statusCode(200)
                .body("slug", equalTo(SeedClusters.RENEWABLE_ENERGY_SLUG))
                .body("areas", contains("renewable-energy"));
        given().when()
                .get("/api/v1/clusters/" + SeedClusters.TRANSPORT_GREEN_CITIES)
                .then()
                .statusCode(200)
                .body("name", equalTo("Sustainable Transport, Air Quality, Waste Management, Green Cities"))
                .body("areas", containsInAnyOrder("transport", "air-quality", "waste-management", "green-cities"));
        for (UUID id : SeedClusters.ALL) {
            given().when().get("/api/v1/clusters/" + id).then().statusCode(200);
        }
        given().queryParam("area", "public-health")
                .when()
                .get("/api/v1/clusters")
                .then()
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
        given().when()
                .get("/api/v1/clusters/no-such-cluster")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldLaunchAClusterAndAnnounceItKeyedByClusterId() {
        String slug = "cluster-" + UUID.randomUUID();
        String id = given().contentType(ContentType.JSON)
                .body(cluster(slug, "Water Management", List.of("green-cities", "smart-cities")))
                .when()
                .post("/api/v1/clusters")
                .then()
                .statusCode(201)
                .header(
                        "Location",
                        endsWith("/api/v1/clusters/"
                                + given().when()
                                        .get("/api/v1/clusters/" + slug)
                                        .then()
                                        .extract()
                                        .path("id")))
                .header("ETag", equalTo("\"0\""))
                .body("slug", equalTo(slug))
                .body("status", equalTo("ACTIVE"))
                .body("areas", containsInAnyOrder("green-cities", "smart-cities"))
                .extract()
                .path("id");

        List<ConsumerRecord<String, String>> records =
                support.clusterEvents(UUID.fromString(id), EventType.CLUSTER_LAUNCHED, 1);
        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> record = records.get(0);
        CloudEventHeaders headers = CloudEventHeaders.fromHeaders(TestEvents.headers(record));
        assertThat(record.key()).isEqualTo(id);
        assertThat(headers.source()).isEqualTo("/citybridge/clusters-service");
        assertThat(headers.subject()).isEqualTo(id);
        ClusterLaunched payload = support.events().payload(record, ClusterLaunched.class);
        assertThat(payload.slug()).isEqualTo(slug);
        assertThat(payload.areas())
                .containsExactlyInAnyOrder(CooperationArea.GREEN_CITIES, CooperationArea.SMART_CITIES);
    }

    @Test
    void shouldRequireATokenToLaunchACluster() {
        String slug = "cluster-" + UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .body(cluster(slug, "X", List.of("trade")))
                .when()
                .post("/api/v1/clusters")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().when().get("/api/v1/clusters/" + slug).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "officer", roles = Roles.CITY_OFFICER)
    void shouldForbidClusterLaunchToCityOfficers() {
        String slug = "cluster-" + UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .body(cluster(slug, "X", List.of("trade")))
                .when()
                .post("/api/v1/clusters")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().when().get("/api/v1/clusters/" + slug).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldRejectInvalidClustersNamingTheFieldsAndStoreNothing() {
        given().contentType(ContentType.JSON)
                .body(Map.of("slug", "Not Kebab", "name", " ", "areas", List.of()))
                .when()
                .post("/api/v1/clusters")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("slug", "name", "areas"));
        given().when().get("/api/v1/clusters/Not Kebab").then().statusCode(404);

        String slug = "cluster-" + UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .body(cluster(slug, "X", List.of("space-travel")))
                .when()
                .post("/api/v1/clusters")
                .then()
                .statusCode(400)
                .body("detail", containsString("space-travel"));
        given().contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", "X", "areas", List.of("trade"), "id", UUID.randomUUID()))
                .when()
                .post("/api/v1/clusters")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("id"));
        given().when().get("/api/v1/clusters/" + slug).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldRejectADuplicateSlugWithConflict() {
        given().contentType(ContentType.JSON)
                .body(cluster(SeedClusters.TOURISM_SLUG, "Copy", List.of("tourism")))
                .when()
                .post("/api/v1/clusters")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldUpdateAClusterOnlyWithACurrentETag() {
        UUID id = support.cluster(CooperationArea.TRADE);
        String slug =
                given().when().get("/api/v1/clusters/" + id).then().extract().path("slug");
        Map<String, Object> change = cluster(slug, "Renamed cluster", List.of("trade", "e-commerce"));

        given().contentType(ContentType.JSON)
                .body(change)
                .when()
                .put("/api/v1/clusters/" + id)
                .then()
                .statusCode(428)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"7\"")
                .body(change)
                .when()
                .put("/api/v1/clusters/" + id)
                .then()
                .statusCode(412)
                .contentType("application/problem+json");
        given().when()
                .get("/api/v1/clusters/" + id)
                .then()
                .body(
                        "name",
                        equalTo(given().when()
                                .get("/api/v1/clusters/" + id)
                                .then()
                                .extract()
                                .path("name")))
                .body("areas", contains("trade"));

        String etag =
                given().when().get("/api/v1/clusters/" + id).then().extract().header("ETag");
        given().contentType(ContentType.JSON)
                .header("If-Match", etag)
                .body(change)
                .when()
                .put("/api/v1/clusters/" + id)
                .then()
                .statusCode(200)
                .header("ETag", notNullValue())
                .body("name", equalTo("Renamed cluster"))
                .body("areas", containsInAnyOrder("trade", "e-commerce"));
        String newEtag =
                given().when().get("/api/v1/clusters/" + id).then().extract().header("ETag");
        assertThat(newEtag).isNotEqualTo(etag);
        // the stale tag no longer works
        given().contentType(ContentType.JSON)
                .header("If-Match", etag)
                .body(change)
                .when()
                .put("/api/v1/clusters/" + id)
                .then()
                .statusCode(412);
        // the change is announced again
        assertThat(support.clusterEvents(id, EventType.CLUSTER_LAUNCHED, 2)).hasSize(2);
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldReplayACreateWithTheSameIdempotencyKey() {
        String slug = "cluster-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = cluster(slug, "Idempotent", List.of("culture"));
        String first = given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body)
                .when()
                .post("/api/v1/clusters")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String second = given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body)
                .when()
                .post("/api/v1/clusters")
                .then()
                .statusCode(201)
                .header("Location", endsWith("/api/v1/clusters/" + first))
                .extract()
                .path("id");
        assertThat(second).isEqualTo(first);
        assertThat(support.outboxCount(UUID.fromString(first))).isEqualTo(1);
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(cluster(slug + "-other", "Other", List.of("culture")))
                .when()
                .post("/api/v1/clusters")
                .then()
                .statusCode(422);
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldLetExactlyOneOfTwentyConcurrentUpdatesWithTheSameETagWin() throws Exception {
        UUID id = support.cluster(CooperationArea.TRADE);
        String slug =
                given().when().get("/api/v1/clusters/" + id).then().extract().path("slug");
        String etag =
                given().when().get("/api/v1/clusters/" + id).then().extract().header("ETag");
        List<Integer> statuses = Concurrently.run(
                20,
                i -> given().contentType(ContentType.JSON)
                        .header("If-Match", etag)
                        .body(cluster(slug, "Race " + i, List.of("trade")))
                        .when()
                        .put("/api/v1/clusters/" + id)
                        .then()
                        .extract()
                        .statusCode());
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 412).hasSize(19);
        // no lost update: what is stored is the winner's (update i sent "Race i"), once
        given().when().get("/api/v1/clusters/" + id).then().body("name", equalTo("Race " + statuses.indexOf(200)));
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
                i -> given().contentType(ContentType.JSON)
                        .header("Idempotency-Key", key)
                        .body(cluster(slug, "Concurrent", List.of("culture")))
                        .when()
                        .post("/api/v1/clusters")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"));
        assertThat(ids).containsOnly(ids.get(0));
        given().queryParam("q", slug).when().get("/api/v1/clusters").then().body("totalItems", equalTo(1));
        assertThat(support.outboxCount(UUID.fromString(ids.get(0)))).isEqualTo(1);
    }

    @Test
    void shouldPageAndSortClustersAndRejectUnknownSorts() {
        given().queryParam("size", 3)
                .queryParam("sort", "slug")
                .when()
                .get("/api/v1/clusters")
                .then()
                .statusCode(200)
                .body("size", equalTo(3))
                .body("items.size()", equalTo(3))
                .body("totalItems", org.hamcrest.Matchers.greaterThanOrEqualTo(7))
                .body("totalPages", org.hamcrest.Matchers.greaterThanOrEqualTo(3));
        List<String> slugs = given().queryParam("size", 100)
                .queryParam("sort", "-slug")
                .when()
                .get("/api/v1/clusters")
                .then()
                .extract()
                .path("items.slug");
        assertThat(slugs).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        given().queryParam("sort", "secret")
                .when()
                .get("/api/v1/clusters")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("sort"));
        given().queryParam("size", 1000)
                .when()
                .get("/api/v1/clusters")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("size"));
        given().queryParam("area", "nowhere")
                .when()
                .get("/api/v1/clusters")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("area"));
        given().queryParam("area", "renewable-energy")
                .when()
                .get("/api/v1/clusters")
                .then()
                .statusCode(200)
                .body("items.areas", everyItem(hasItem("renewable-energy")));
    }
}
