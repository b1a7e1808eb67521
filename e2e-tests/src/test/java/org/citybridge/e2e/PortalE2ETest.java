package org.citybridge.e2e;

import io.restassured.RestAssured;
import org.citybridge.launcher.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * The portal's public pages in a real browser, as anyone sees them before signing in: the home page with the
 * clusters, the directory searched in Chinese script, a phone's width, errors as sentences in the person's
 * language. Every page passes the accessibility checker. (Signing in and answering proposals: SeedStoryE2ETest.)
 */
class PortalE2ETest {

    private static String portal;

    @BeforeAll
    static void platform() {
        Platform platform = E2E.platform();
        portal = platform.serviceUrl(Platform.PORTAL);
    }

    @Test
    void shouldShowTheClustersAndTheStoryOnTheHomePage() {
        try (Browser browser = Browser.open(1280, "en")) {
            browser.go(portal + "/");
            assertThat(browser.all(".card")).hasSizeGreaterThanOrEqualTo(1);
            assertThat(browser.one(".story-links").getText())
                    .contains("Mexico City")
                    .contains("Luoyang");
            // a city member links to its page
            WebElement member = browser.one(".card .members a");
            String name = member.getText();
            member.click();
            assertThat(browser.one("h1").getText()).contains(name);
            browser.go(portal + "/");
            browser.assertAccessible();
            browser.screenshot("home");
        }
    }

    @Test
    void shouldFindACityByItsNameInLocalScriptAndShowItInTheBrowsersLanguage() {
        try (Browser browser = Browser.open(1280, "zh-CN")) {
            browser.go(portal + "/cities?q=洛阳");
            assertThat(browser.one("html").getAttribute("lang")).isEqualTo("zh");
            WebElement row = browser.one("table.directory tbody tr");
            assertThat(row.getText()).contains("Luoyang").contains("洛阳").contains("中国");
            browser.assertAccessible();
            row.findElement(By.cssSelector("a")).click();
            assertThat(browser.one("h1").getText()).isEqualTo("洛阳 / Luoyang");
            browser.assertAccessible();
            // the choice of language is remembered
            browser.go(portal + "/cities?lang=es");
            browser.go(portal + "/cities");
            assertThat(browser.one("h1").getText()).isEqualTo("Directorio de ciudades");
        }
    }

    @Test
    void shouldBeUsableOnAPhonesWidth() {
        try (Browser browser = Browser.open(390, "es")) {
            browser.go(portal + "/cities/" + E2E.mexicoCity());
            assertThat(browser.one("h1").getText()).contains("Mexico City");
            long overflow = (Long) ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                    .executeScript(
                            "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(overflow).as("horizontal scrolling on a phone").isLessThanOrEqualTo(0);
            browser.assertAccessible();
            browser.screenshot("city-page-phone-es");
        }
    }

    @Test
    void shouldTellOfAMissingCityInTheReadersLanguageWithoutAStackTrace() {
        try (Browser browser = Browser.open(1280, "zh")) {
            browser.go(portal + "/cities/" + UUID.randomUUID());
            WebElement sentence = browser.one(".error-sentence");
            assertThat(sentence.getText()).isEqualTo("该页面不存在，或城市、提议已被删除。");
            assertThat(browser.driver().getPageSource())
                    .doesNotContain("Exception")
                    .doesNotContain("at org.");
            browser.assertAccessible();
        }
        RestAssured.given()
                .baseUri(portal)
                .header("Accept-Language", "es-MX,es;q=0.9")
                .get("/cities/not-a-city")
                .then()
                .statusCode(404)
                .body(containsString("Esta página no existe"))
                .body(not(containsString("Exception")));
    }

    @Test
    void shouldForbidInlineScriptsAndFramingAndSetSafeCookies() {
        io.restassured.response.Response page =
                RestAssured.given().baseUri(portal).get("/cities/" + E2E.luoyang() + "?lang=zh");
        page.then()
                .statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Content-Language", equalTo("zh"))
                .header("Vary", containsString("Accept-Language"))
                .body(not(containsString("<script")))
                .body(not(containsString("style=\"")));
        // every cookie (language, CSRF) is out of scripts' reach and stays on this site
        assertThat(page.getHeaders().getValues("Set-Cookie"))
                .isNotEmpty()
                .allSatisfy(cookie -> assertThat(cookie.toLowerCase(java.util.Locale.ROOT))
                        .contains("httponly")
                        .contains("samesite=lax"));
    }
}
