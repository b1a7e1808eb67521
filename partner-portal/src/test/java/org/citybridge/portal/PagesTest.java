package org.citybridge.portal;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * The portal on its own, with no API and no Keycloak answering (the end-to-end suite runs it with both): a page
 * still answers, with a sentence in the reader's language and no stack trace; headers that keep it safe; sign-in
 * returns to this site only. (A form sent without a session: PortalE2ETest.)
 */
@QuarkusTest
class PagesTest {

    @Test
    void shouldSayInTheReadersLanguageThatAPartIsNotAnswering() {
        RestAssured.given()
                .header("Accept-Language", "zh-CN,zh;q=0.9")
                .get("/cities")
                .then()
                .statusCode(503)
                .contentType(containsString("text/html"))
                .header("Content-Language", equalTo("zh"))
                .body(containsString("平台的某个部分暂时没有响应"))
                .body(containsString("<html lang=\"zh\">"))
                .body(not(containsString("Exception")))
                .body(not(containsString("127.0.0.1")));
    }

    @Test
    void shouldAnswerAnUnknownPageWithANotFoundSentence() {
        RestAssured.given()
                .queryParam("lang", "es")
                .get("/no/such/page")
                .then()
                .statusCode(404)
                .body(containsString("Esta página no existe"))
                .header("Set-Cookie", containsString("citybridge-lang=es"));
    }

    @Test
    void shouldSayThatASignInFailedAndTimeEveryPage() {
        RestAssured.given()
                .header("Accept-Language", "zh")
                .get("/sign-in-failed")
                .then()
                .statusCode(401)
                .body(containsString("未能登录"))
                .header("Server-Timing", org.hamcrest.Matchers.matchesPattern("app;dur=[0-9.]+"));
    }

    @Test
    void shouldSendTheSecurityHeadersOnPagesAndFiles() {
        for (String path : new String[] {"/cities/not-a-city", "/static/portal.css"}) {
            RestAssured.given()
                    .get(path)
                    .then()
                    .header(
                            "Content-Security-Policy",
                            containsString("default-src 'self'; script-src 'self'; style-src 'self'"))
                    .header("X-Frame-Options", equalTo("DENY"))
                    .header("X-Content-Type-Options", equalTo("nosniff"));
        }
    }

    @Test
    void shouldNeverRedirectSignInElsewhere() {
        org.assertj.core.api.Assertions.assertThat(
                        org.citybridge.portal.rest.PortalPages.localPath("https://evil.example/x"))
                .isEqualTo("/");
        org.assertj.core.api.Assertions.assertThat(org.citybridge.portal.rest.PortalPages.localPath("//evil"))
                .isEqualTo("/");
        org.assertj.core.api.Assertions.assertThat(org.citybridge.portal.rest.PortalPages.localPath("/cities?q=x"))
                .isEqualTo("/cities?q=x");
        RestAssured.given().get("/static/portal.css").then().statusCode(200).contentType(startsWith("text/css"));
    }
}
