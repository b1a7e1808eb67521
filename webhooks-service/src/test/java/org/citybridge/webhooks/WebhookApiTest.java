package org.citybridge.webhooks;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.citybridge.kit.security.Roles;
import org.citybridge.testing.JsonApi;
import org.citybridge.webhooks.service.SubscriptionService;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** Subscriptions through the API: who may make and see them, what is refused, the secret shown once. */
@QuarkusTest
class WebhookApiTest {

    @Inject
    SubscriptionService subscriptions;

    static final String PROPOSAL_CREATED = "org.citybridge.proposal.created.v1";
    static final String PARTNERSHIP_FORMED = "org.citybridge.partnership.formed.v1";

    static Map<String, Object> subscription(String url, String... types) {
        return Map.of("url", url, "eventTypes", List.of(types), "description", "test subscription");
    }

    @Test
    @TestSecurity(user = "partner-a", roles = Roles.PARTNER_SYSTEM)
    void shouldSubscribeShowingTheSecretOnceAndNeverAgain() {
        String id = JsonApi.post("/api/v1/webhooks", subscription("http://127.0.0.1:9/hook", PROPOSAL_CREATED))
                .statusCode(201)
                .header("Location", containsString("/api/v1/webhooks/"))
                .body("secret", startsWith("whsec_"))
                .body("status", equalTo("ACTIVE"))
                .body("mode", equalTo("STRUCTURED"))
                .body("eventTypes", equalTo(List.of(PROPOSAL_CREATED)))
                .extract()
                .path("id");

        JsonApi.get("/api/v1/webhooks/" + id).statusCode(200).body("secret", nullValue());
        JsonApi.get("/api/v1/webhooks")
                .statusCode(200)
                .body("items.id", hasItem(id))
                .body("items.secret", not(hasItem(startsWith("whsec_"))));
        String rotated = JsonApi.post("/api/v1/webhooks/" + id + "/secret-rotations")
                .statusCode(200)
                .body("previousSecretValidUntil", not(nullValue()))
                .extract()
                .path("secret");
        org.assertj.core.api.Assertions.assertThat(rotated).startsWith("whsec_");
    }

    @Test
    @TestSecurity(user = "partner-a", roles = Roles.PARTNER_SYSTEM)
    void shouldRefuseUnknownTypesPrivateTargetsAndBadBodiesChangingNothing() {
        long before = count();
        JsonApi.post("/api/v1/webhooks", subscription("http://127.0.0.1:9/hook", "org.citybridge.city.renamed.v1"))
                .statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("violations.field", hasItem("eventTypes"))
                .body("detail", containsString(PROPOSAL_CREATED));
        JsonApi.post(
                        "/api/v1/webhooks",
                        subscription("http://127.0.0.1:9/hook", "org.citybridge.exchange.survey-response-recorded.v1"))
                .statusCode(400)
                .body("detail", containsString("administrators only"));
        JsonApi.post("/api/v1/webhooks", subscription("http://10.0.0.1/hook", PROPOSAL_CREATED))
                .statusCode(400)
                .body("violations.field", hasItem("url"))
                .body("detail", containsString("inside the platform's network"));
        JsonApi.post("/api/v1/webhooks", subscription("http://user:secret@127.0.0.1:9/hook", PROPOSAL_CREATED))
                .statusCode(400)
                .body("detail", containsString("credentials"));
        JsonApi.post("/api/v1/webhooks", Map.of("url", "http://127.0.0.1:9/hook", "eventTypes", List.of()))
                .statusCode(400)
                .body("violations.field", hasItem(containsString("eventTypes")));
        JsonApi.post(
                        "/api/v1/webhooks",
                        Map.of(
                                "url",
                                "http://127.0.0.1:9/hook",
                                "eventTypes",
                                List.of(PROPOSAL_CREATED),
                                "mode",
                                "SMOKE"))
                .statusCode(400);
        org.assertj.core.api.Assertions.assertThat(count()).isEqualTo(before);
    }

    @Test
    @TestSecurity(user = "partner-b", roles = Roles.PARTNER_SYSTEM)
    void shouldHideAnotherPartnersSubscriptionAsIfItDidNotExist() {
        String theirs = subscriptionOf("partner-a");

        JsonApi.get("/api/v1/webhooks/" + theirs).statusCode(404);
        JsonApi.get("/api/v1/webhooks/" + theirs + "/deliveries").statusCode(404);
        JsonApi.post("/api/v1/webhooks/" + theirs + "/pings").statusCode(404);
        JsonApi.post("/api/v1/webhooks/" + theirs + "/secret-rotations").statusCode(404);
        JsonApi.delete("/api/v1/webhooks/" + theirs, "\"0\"").statusCode(404);
        JsonApi.get("/api/v1/webhooks", Map.of("size", 100)).statusCode(200).body("items.id", not(hasItem(theirs)));
    }

    @Test
    @TestSecurity(user = "admin", roles = Roles.PLATFORM_ADMIN)
    void shouldShowAnAdministratorEverySubscription() {
        String theirs = subscriptionOf("partner-a");

        JsonApi.get("/api/v1/webhooks/" + theirs).statusCode(200).body("url", equalTo("http://127.0.0.1:9/hook"));
    }

    @Test
    @TestSecurity(user = "officer", roles = Roles.CITY_OFFICER)
    void shouldRefuseCityOfficers() {
        JsonApi.get("/api/v1/webhooks").statusCode(403);
        JsonApi.post("/api/v1/webhooks", subscription("http://127.0.0.1:9/hook", PROPOSAL_CREATED))
                .statusCode(403);
    }

    @Test
    void shouldRefuseAnonymousCallers() {
        given().get("/api/v1/webhooks").then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "partner-a", roles = Roles.PARTNER_SYSTEM)
    void shouldUnsubscribeWithTheCurrentETagOnly() {
        String mine = subscriptionOf("partner-a");
        String etag = JsonApi.get("/api/v1/webhooks/" + mine)
                .statusCode(200)
                .extract()
                .header("ETag");

        JsonApi.delete("/api/v1/webhooks/" + mine).statusCode(428);
        JsonApi.delete("/api/v1/webhooks/" + mine, "\"999\"").statusCode(412);
        JsonApi.delete("/api/v1/webhooks/" + mine, etag).statusCode(204);
        JsonApi.get("/api/v1/webhooks/" + mine).statusCode(404);
    }

    /** A subscription made by another caller than the test's. */
    private String subscriptionOf(String owner) {
        return subscriptions
                .create(
                        new SubscriptionService.Viewer(owner, false),
                        "http://127.0.0.1:9/hook",
                        List.of(PARTNERSHIP_FORMED),
                        null,
                        null)
                .subscription()
                .id
                .toString();
    }

    private static long count() {
        return org.citybridge.webhooks.domain.Subscription.count();
    }
}
