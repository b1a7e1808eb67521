package org.citybridge.clusters;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.citybridge.contracts.events.CloudEventHeaders;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.MemberJoined;
import org.citybridge.contracts.events.MemberLeft;
import org.citybridge.contracts.vocabulary.MemberKind;
import org.citybridge.contracts.vocabulary.MemberRole;
import org.citybridge.kit.security.Roles;
import org.citybridge.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class MembershipApiTest {

    @Inject
    TestSupport support;

    private static Map<String, Object> join(String kind, Object id, String role) {
        return role == null
                ? Map.of("memberKind", kind, "memberId", id)
                : Map.of("memberKind", kind, "memberId", id, "role", role);
    }

    private static String members(UUID cluster) {
        return "/api/v1/clusters/" + cluster + "/members";
    }

    private static long activeMembers(UUID cluster, UUID member) {
        return ((Number) given().queryParam("memberId", member)
                        .when()
                        .get(members(cluster))
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("totalItems"))
                .longValue();
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldLetAnAdminAddACityAndAnnounceItKeyedByCluster() {
        UUID cluster = support.cluster();
        String name = TestSupport.unique("Puebla");
        UUID city = support.registerCity(name, "MX");
        String membership = given().contentType(ContentType.JSON)
                .body(join("CITY", city, "LEAD"))
                .when()
                .post(members(cluster))
                .then()
                .statusCode(201)
                .header("Location", containsString(members(cluster) + "/"))
                .header("ETag", notNullValue())
                .body("memberName", equalTo(name))
                .body("role", equalTo("LEAD"))
                .body("active", equalTo(true))
                .body("leftAt", nullValue())
                .extract()
                .path("id");

        List<ConsumerRecord<String, String>> records = support.clusterEvents(cluster, EventType.MEMBER_JOINED, 1);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo(cluster.toString());
        assertThat(CloudEventHeaders.fromHeaders(TestEvents.headers(records.get(0)))
                        .subject())
                .isEqualTo(cluster.toString());
        MemberJoined joined = support.events().payload(records.get(0), MemberJoined.class);
        assertThat(joined.membershipId()).isEqualTo(UUID.fromString(membership));
        assertThat(joined.memberKind()).isEqualTo(MemberKind.CITY);
        assertThat(joined.memberId()).isEqualTo(city);
        assertThat(joined.memberName()).isEqualTo(name);
        assertThat(joined.role()).isEqualTo(MemberRole.LEAD);
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldLetAnOrganisationJoinAsFacilitatorAndDefaultRoleToMember() {
        UUID cluster = support.cluster();
        UUID organisation = support.organisation();
        given().contentType(ContentType.JSON)
                .body(join("ORGANISATION", organisation, "FACILITATOR"))
                .when()
                .post(members(cluster))
                .then()
                .statusCode(201)
                .body("memberKind", equalTo("ORGANISATION"))
                .body("role", equalTo("FACILITATOR"));
        UUID city = support.registerCity();
        given().contentType(ContentType.JSON)
                .body(join("CITY", city, null))
                .when()
                .post(members(cluster))
                .then()
                .statusCode(201)
                .body("role", equalTo("MEMBER"));
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldRejectAnUnknownCityWith422AndStoreNothing() {
        UUID cluster = support.cluster();
        UUID stranger = UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .body(join("CITY", stranger, null))
                .when()
                .post(members(cluster))
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("Unknown city " + stranger));
        assertThat(activeMembers(cluster, stranger)).isZero();
        assertThat(support.outboxCount(cluster)).isEqualTo(1); // only its ClusterLaunched
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldRejectARetiredCityWith422() {
        UUID cluster = support.cluster();
        UUID city = support.registerCity();
        support.retireCity(city);
        given().contentType(ContentType.JSON)
                .body(join("CITY", city, null))
                .when()
                .post(members(cluster))
                .then()
                .statusCode(422)
                .body("detail", containsString("retired"));
        assertThat(activeMembers(cluster, city)).isZero();
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldRejectAnUnknownOrganisationWith422() {
        UUID cluster = support.cluster();
        given().contentType(ContentType.JSON)
                .body(join("ORGANISATION", UUID.randomUUID(), null))
                .when()
                .post(members(cluster))
                .then()
                .statusCode(422)
                .body("detail", containsString("Unknown organisation"));
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldRejectJoiningTwiceButAllowRejoiningAfterLeaving() {
        UUID cluster = support.cluster();
        UUID city = support.registerCity();
        String first = given().contentType(ContentType.JSON)
                .body(join("CITY", city, null))
                .when()
                .post(members(cluster))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().contentType(ContentType.JSON)
                .body(join("CITY", city, null))
                .when()
                .post(members(cluster))
                .then()
                .statusCode(409)
                .contentType("application/problem+json");

        given().when()
                .post(members(cluster) + "/" + first + "/leave")
                .then()
                .statusCode(200)
                .body("active", equalTo(false))
                .body("leftAt", notNullValue());
        given().when().post(members(cluster) + "/" + first + "/leave").then().statusCode(409);
        assertThat(activeMembers(cluster, city)).isZero();

        given().contentType(ContentType.JSON)
                .body(join("CITY", city, null))
                .when()
                .post(members(cluster))
                .then()
                .statusCode(201);
        given().queryParam("memberId", city)
                .queryParam("includeLeft", true)
                .when()
                .get(members(cluster))
                .then()
                .body("totalItems", equalTo(2));

        List<ConsumerRecord<String, String>> left = support.clusterEvents(cluster, EventType.MEMBER_LEFT, 1);
        MemberLeft payload = support.events().payload(left.get(0), MemberLeft.class);
        assertThat(payload.membershipId()).isEqualTo(UUID.fromString(first));
        assertThat(payload.memberId()).isEqualTo(city);
        assertThat(left.get(0).key()).isEqualTo(cluster.toString());
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldRejectNewMembersOfAClosedCluster() {
        UUID cluster = support.cluster();
        String slug = given().when()
                .get("/api/v1/clusters/" + cluster)
                .then()
                .extract()
                .path("slug");
        given().contentType(ContentType.JSON)
                .header("If-Match", "*")
                .body(Map.of("slug", slug, "name", "Closed", "areas", List.of("trade"), "status", "CLOSED"))
                .when()
                .put("/api/v1/clusters/" + cluster)
                .then()
                .statusCode(200)
                .body("status", equalTo("CLOSED"));
        given().contentType(ContentType.JSON)
                .body(join("CITY", support.registerCity(), null))
                .when()
                .post(members(cluster))
                .then()
                .statusCode(409)
                .body("detail", containsString("closed"));
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldValidateJoinRequestsNamingTheFields() {
        UUID cluster = support.cluster();
        given().contentType(ContentType.JSON)
                .body(Map.of())
                .when()
                .post(members(cluster))
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("memberKind"))
                .body("violations.field", hasItem("memberId"));
        given().contentType(ContentType.JSON)
                .body(Map.of("memberKind", "PLANET", "memberId", UUID.randomUUID()))
                .when()
                .post(members(cluster))
                .then()
                .statusCode(400)
                .body("detail", containsString("PLANET"));
        given().contentType(ContentType.JSON)
                .body(join("CITY", UUID.randomUUID(), null))
                .when()
                .post(members(UUID.randomUUID()))
                .then()
                .statusCode(404);
    }

    @Test
    @TestSecurity(user = "officer", roles = Roles.CITY_OFFICER)
    @OidcSecurity(claims = @Claim(key = "city_id", value = TestSupport.OFFICER_CITY))
    void shouldLetACityOfficerJoinAndLeaveForTheirOwnCity() {
        UUID own = support.ensureCity(TestSupport.OFFICER_CITY, "Officer City");
        UUID cluster = support.cluster();
        String membership = given().contentType(ContentType.JSON)
                .body(join("CITY", own, null))
                .when()
                .post(members(cluster))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().when()
                .post(members(cluster) + "/" + membership + "/leave")
                .then()
                .statusCode(200);
    }

    @Test
    @TestSecurity(user = "officer", roles = Roles.CITY_OFFICER)
    @OidcSecurity(claims = @Claim(key = "city_id", value = TestSupport.OFFICER_CITY))
    void shouldForbidACityOfficerToActForAnotherCityOrForOrganisations() {
        support.ensureCity(TestSupport.OFFICER_CITY, "Officer City");
        UUID other = support.ensureCity(TestSupport.OTHER_CITY, "Other City");
        UUID cluster = support.cluster();
        given().contentType(ContentType.JSON)
                .body(join("CITY", other, null))
                .when()
                .post(members(cluster))
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        assertThat(activeMembers(cluster, other)).isZero();
        UUID organisation = support.organisation();
        given().contentType(ContentType.JSON)
                .body(join("ORGANISATION", organisation, null))
                .when()
                .post(members(cluster))
                .then()
                .statusCode(403);
        assertThat(activeMembers(cluster, organisation)).isZero();
    }

    @Test
    @TestSecurity(user = "officer", roles = Roles.CITY_OFFICER)
    @OidcSecurity(claims = @Claim(key = "city_id", value = TestSupport.OTHER_CITY))
    void shouldForbidACityOfficerToEndAnotherCitysMembership() {
        UUID officerCity = support.ensureCity(TestSupport.OFFICER_CITY, "Officer City");
        support.ensureCity(TestSupport.OTHER_CITY, "Other City");
        UUID cluster = support.cluster();
        UUID membership = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> {
                    org.citybridge.clusters.domain.Membership m = new org.citybridge.clusters.domain.Membership();
                    m.id = UUID.randomUUID();
                    m.clusterId = cluster;
                    m.memberKind = MemberKind.CITY;
                    m.memberId = officerCity;
                    m.memberName = "Officer City";
                    m.role = MemberRole.MEMBER;
                    m.joinedAt = TestSupport.now();
                    m.persist();
                    return m.id;
                });
        given().when()
                .post(members(cluster) + "/" + membership + "/leave")
                .then()
                .statusCode(403);
        given().when()
                .get(members(cluster) + "/" + membership)
                .then()
                .statusCode(200)
                .body("active", equalTo(true));
    }

    @Test
    @TestSecurity(user = "system", roles = Roles.PARTNER_SYSTEM)
    void shouldForbidMembershipChangesToPartnerSystems() {
        UUID cluster = support.cluster();
        UUID city = support.registerCity();
        given().contentType(ContentType.JSON)
                .body(join("CITY", city, null))
                .when()
                .post(members(cluster))
                .then()
                .statusCode(403);
        assertThat(activeMembers(cluster, city)).isZero();
    }

    @Test
    void shouldRequireATokenToJoin() {
        UUID cluster = support.cluster();
        UUID city = support.registerCity();
        given().contentType(ContentType.JSON)
                .body(join("CITY", city, null))
                .when()
                .post(members(cluster))
                .then()
                .statusCode(401);
        assertThat(activeMembers(cluster, city)).isZero();
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldListMembersFilteredByKindAndPaged() {
        UUID cluster = support.cluster();
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON)
                    .body(join("CITY", support.registerCity(), null))
                    .when()
                    .post(members(cluster))
                    .then()
                    .statusCode(201);
        }
        given().contentType(ContentType.JSON)
                .body(join("ORGANISATION", support.organisation(), "LEAD"))
                .when()
                .post(members(cluster))
                .then()
                .statusCode(201);
        given().queryParam("memberKind", "CITY")
                .queryParam("size", 2)
                .when()
                .get(members(cluster))
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(3))
                .body("items.size()", equalTo(2))
                .body("totalPages", equalTo(2));
        given().queryParam("memberKind", "ORGANISATION")
                .when()
                .get(members(cluster))
                .then()
                .body("totalItems", equalTo(1))
                .body("items[0].role", equalTo("LEAD"));
        given().queryParam("sort", "-memberName")
                .when()
                .get(members(cluster))
                .then()
                .body("totalItems", equalTo(4));
        given().queryParam("includeLeft", "maybe")
                .when()
                .get(members(cluster))
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("includeLeft"));
        given().queryParam("memberId", "not-a-uuid")
                .when()
                .get(members(cluster))
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("memberId"));
    }
}
