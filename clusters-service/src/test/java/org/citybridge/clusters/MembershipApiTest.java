package org.citybridge.clusters;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.citybridge.contracts.events.CloudEventHeaders;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.MemberJoined;
import org.citybridge.contracts.events.MemberLeft;
import org.citybridge.contracts.vocabulary.MemberKind;
import org.citybridge.contracts.vocabulary.MemberRole;
import org.citybridge.kit.security.Roles;
import org.citybridge.testing.JsonApi;
import org.citybridge.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

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
        return ((Number) JsonApi.get(members(cluster), Map.of("memberId", member))
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
        String membership = JsonApi.post(members(cluster), join("CITY", city, "LEAD"))
                .statusCode(201)
                .header("Location", containsString(members(cluster) + "/"))
                .header("ETag", notNullValue())
                .body("memberName", equalTo(name))
                .body("role", equalTo("LEAD"))
                .body("active", equalTo(true))
                .body("leftAt", nullValue())
                .extract()
                .path("id");

        ConsumerRecord<String, String> record = support.oneClusterEvent(cluster, EventType.MEMBER_JOINED);
        assertThat(CloudEventHeaders.fromHeaders(TestEvents.headers(record)).subject())
                .isEqualTo(cluster.toString());
        MemberJoined joined = support.events().payload(record, MemberJoined.class);
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
        JsonApi.post(members(cluster), join("ORGANISATION", organisation, "FACILITATOR"))
                .statusCode(201)
                .body("memberKind", equalTo("ORGANISATION"))
                .body("role", equalTo("FACILITATOR"));
        UUID city = support.registerCity();
        JsonApi.post(members(cluster), join("CITY", city, null)).statusCode(201).body("role", equalTo("MEMBER"));
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldRejectAnUnknownCityWith422AndStoreNothing() {
        UUID cluster = support.cluster();
        UUID stranger = UUID.randomUUID();
        JsonApi.post(members(cluster), join("CITY", stranger, null))
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
        JsonApi.postRefused(members(cluster), join("CITY", city, null), 422, "retired");
        assertThat(activeMembers(cluster, city)).isZero();
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldRejectAnUnknownOrganisationWith422() {
        UUID cluster = support.cluster();
        JsonApi.postRefused(
                members(cluster), join("ORGANISATION", UUID.randomUUID(), null), 422, "Unknown organisation");
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldRejectJoiningTwiceButAllowRejoiningAfterLeaving() {
        UUID cluster = support.cluster();
        UUID city = support.registerCity();
        String first = JsonApi.createdId(JsonApi.post(members(cluster), join("CITY", city, null)));
        JsonApi.post(members(cluster), join("CITY", city, null))
                .statusCode(409)
                .contentType("application/problem+json");

        JsonApi.post(members(cluster) + "/" + first + "/leave")
                .statusCode(200)
                .body("active", equalTo(false))
                .body("leftAt", notNullValue());
        JsonApi.post(members(cluster) + "/" + first + "/leave").statusCode(409);
        assertThat(activeMembers(cluster, city)).isZero();

        JsonApi.post(members(cluster), join("CITY", city, null)).statusCode(201);
        JsonApi.get(members(cluster), Map.of("memberId", city, "includeLeft", true))
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
        String slug = JsonApi.get("/api/v1/clusters/" + cluster).extract().path("slug");
        JsonApi.put(
                        "/api/v1/clusters/" + cluster,
                        "*",
                        Map.of("slug", slug, "name", "Closed", "areas", List.of("trade"), "status", "CLOSED"))
                .statusCode(200)
                .body("status", equalTo("CLOSED"));
        JsonApi.postRefused(members(cluster), join("CITY", support.registerCity(), null), 409, "closed");
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldValidateJoinRequestsNamingTheFields() {
        UUID cluster = support.cluster();
        JsonApi.post(members(cluster), Map.of())
                .statusCode(400)
                .body("violations.field", hasItem("memberKind"))
                .body("violations.field", hasItem("memberId"));
        JsonApi.postRefused(
                members(cluster), Map.of("memberKind", "PLANET", "memberId", UUID.randomUUID()), 400, "PLANET");
        JsonApi.post(members(UUID.randomUUID()), join("CITY", UUID.randomUUID(), null))
                .statusCode(404);
    }

    @Test
    @TestSecurity(user = "officer", roles = Roles.CITY_OFFICER)
    @OidcSecurity(claims = @Claim(key = "city_id", value = TestSupport.OFFICER_CITY))
    void shouldLetACityOfficerJoinAndLeaveForTheirOwnCity() {
        UUID cluster = support.cluster();
        UUID own = support.ensureCity(TestSupport.OFFICER_CITY, "Officer City");
        String membership = JsonApi.createdId(JsonApi.post(members(cluster), join("CITY", own, null)));
        JsonApi.post(members(cluster) + "/" + membership + "/leave").statusCode(200);
    }

    @Test
    @TestSecurity(user = "officer", roles = Roles.CITY_OFFICER)
    @OidcSecurity(claims = @Claim(key = "city_id", value = TestSupport.OFFICER_CITY))
    void shouldForbidACityOfficerToActForAnotherCityOrForOrganisations() {
        support.ensureCity(TestSupport.OFFICER_CITY, "Officer City");
        UUID other = support.ensureCity(TestSupport.OTHER_CITY, "Other City");
        UUID cluster = support.cluster();
        JsonApi.post(members(cluster), join("CITY", other, null))
                .statusCode(403)
                .contentType("application/problem+json");
        assertThat(activeMembers(cluster, other)).isZero();
        UUID organisation = support.organisation();
        JsonApi.post(members(cluster), join("ORGANISATION", organisation, null)).statusCode(403);
        assertThat(activeMembers(cluster, organisation)).isZero();
    }

    @Test
    @TestSecurity(user = "officer", roles = Roles.CITY_OFFICER)
    @OidcSecurity(claims = @Claim(key = "city_id", value = TestSupport.OFFICER_CITY))
    void shouldForbidACityOfficerToMakeTheirOwnCityLeadOrFacilitator() {
        UUID own = support.ensureCity(TestSupport.OFFICER_CITY, "Officer City");
        UUID cluster = support.cluster();
        for (String role : List.of("LEAD", "FACILITATOR")) {
            JsonApi.post(members(cluster), join("CITY", own, role))
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("detail", containsString("platform admin"));
            assertThat(activeMembers(cluster, own)).isZero();
        }
        String membership = JsonApi.createdId(JsonApi.post(members(cluster), join("CITY", own, "MEMBER")));
        JsonApi.get(members(cluster) + "/" + membership).statusCode(200).body("role", equalTo("MEMBER"));
        JsonApi.post(members(cluster) + "/" + membership + "/leave").statusCode(200);
    }

    @Test
    @TestSecurity(user = "officer", roles = Roles.CITY_OFFICER)
    @OidcSecurity(claims = @Claim(key = "city_id", value = TestSupport.OTHER_CITY))
    void shouldForbidACityOfficerToEndAnotherCitysMembership() {
        UUID officerCity = support.ensureCity(TestSupport.OFFICER_CITY, "Officer City");
        support.ensureCity(TestSupport.OTHER_CITY, "Other City");
        UUID cluster = support.cluster();
        UUID membership = support.cityMembership(cluster, officerCity, "Officer City");
        JsonApi.post(members(cluster) + "/" + membership + "/leave").statusCode(403);
        JsonApi.get(members(cluster) + "/" + membership).statusCode(200).body("active", equalTo(true));
    }

    @Test
    @TestSecurity(user = "system", roles = Roles.PARTNER_SYSTEM)
    void shouldForbidMembershipChangesToPartnerSystems() {
        assertJoinRefused(403);
    }

    @Test
    void shouldRequireATokenToJoin() {
        assertJoinRefused(401);
    }

    /** The caller may not make a city join a cluster: {@code status}, and the city is no member. */
    private void assertJoinRefused(int status) {
        UUID cluster = support.cluster();
        UUID city = support.registerCity();
        JsonApi.post(members(cluster), join("CITY", city, null)).statusCode(status);
        assertThat(activeMembers(cluster, city)).isZero();
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldListMembersFilteredByKindAndPaged() {
        UUID cluster = support.cluster();
        for (int i = 0; i < 3; i++) {
            JsonApi.post(members(cluster), join("CITY", support.registerCity(), null))
                    .statusCode(201);
        }
        JsonApi.post(members(cluster), join("ORGANISATION", support.organisation(), "LEAD"))
                .statusCode(201);
        JsonApi.get(members(cluster), Map.of("memberKind", "CITY", "size", 2))
                .statusCode(200)
                .body("totalItems", equalTo(3))
                .body("items.size()", equalTo(2))
                .body("totalPages", equalTo(2));
        JsonApi.get(members(cluster), Map.of("memberKind", "ORGANISATION"))
                .body("totalItems", equalTo(1))
                .body("items[0].role", equalTo("LEAD"));
        JsonApi.get(members(cluster), Map.of("sort", "-memberName")).body("totalItems", equalTo(4));
        JsonApi.getRefused(members(cluster), Map.of("includeLeft", "maybe"), "includeLeft");
        JsonApi.getRefused(members(cluster), Map.of("memberId", "not-a-uuid"), "memberId");
    }
}
