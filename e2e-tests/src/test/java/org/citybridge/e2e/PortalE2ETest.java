package org.citybridge.e2e;

import io.restassured.RestAssured;
import org.citybridge.launcher.DemoUsers;
import org.citybridge.launcher.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
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
            // the seven clusters (tests may add more)
            assertThat(browser.all(".card")).hasSizeGreaterThanOrEqualTo(7);
            assertThat(browser.one(".story-links").getText())
                    .contains("Mexico City")
                    .contains("Luoyang");
            // the story as the data tell it: the exchanges both cities attended, and where matchmaking stands
            assertThat(browser.all(".story-exchanges li").stream().map(WebElement::getText))
                    .anySatisfy(exchange -> assertThat(exchange).contains("2020-12"))
                    .anySatisfy(exchange -> assertThat(exchange).contains("2022-02"));
            // Luoyang's proposal with Mexico City (other tests may be answering it meanwhile), or their partnership
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        browser.go(portal + "/");
                        assertThat(browser.one(".story-now").getText())
                                .containsPattern(
                                        "ranks Mexico City number \\d+ among Luoyang's proposals|have been partners since");
                    });
            // a city member links to its page
            WebElement member = browser.one(".card .members a");
            String name = member.getText();
            browser.follow(member);
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
            assertThat(row.getText())
                    .contains("Luoyang")
                    .contains("洛阳")
                    .contains("中国")
                    .contains("东亚");
            browser.assertAccessible();
            browser.follow(row.findElement(By.cssSelector("a")));
            assertThat(browser.one("h1").getText()).isEqualTo("洛阳 / Luoyang");
            browser.assertAccessible();
            browser.screenshot("city-page-zh-anonymous");
            // the choice of language is remembered
            browser.go(portal + "/cities?lang=es");
            browser.go(portal + "/cities");
            assertThat(browser.one("h1").getText()).isEqualTo("Directorio de ciudades");
        }
    }

    @Test
    void shouldFilterTheDirectoryAndTurnItsPages() {
        try (Browser browser = Browser.open(1280, "en")) {
            browser.go(portal + "/cities");
            browser.one("#country").sendKeys("MX");
            browser.follow("form.filters button");
            List<WebElement> rows = browser.all("table.directory tbody tr");
            // the story's ten Mexican cities (tests may add more), none of another country
            assertThat(rows).hasSizeGreaterThanOrEqualTo(10);
            assertThat(rows)
                    .allSatisfy(row -> assertThat(row.findElement(By.cssSelector("td:nth-child(2)"))
                                    .getText())
                            .isEqualTo("Mexico"));
            assertThat(browser.one("#country").getAttribute("value")).isEqualTo("MX");
            // every city, twenty to a page: the next page holds others, and leads back
            browser.go(portal + "/cities");
            String first = browser.one("table.directory tbody tr").getText();
            browser.follow("a[rel=next]");
            assertThat(browser.url()).contains("page=1");
            assertThat(browser.one("table.directory tbody tr").getText()).isNotEqualTo(first);
            browser.assertAccessible();
            browser.screenshot("directory-page-2");
            browser.follow("a[rel=prev]");
            assertThat(browser.one("table.directory tbody tr").getText()).isEqualTo(first);
        }
    }

    @Test
    void shouldBeUsableOnAPhonesWidth() {
        try (Browser browser = Browser.open(390, "es")) {
            browser.go(portal + "/cities/" + E2E.mexicoCity());
            assertThat(browser.one("h1").getText()).contains("Mexico City");
            assertThat(browser.one("main").getText()).contains("América Latina y el Caribe");
            assertNoSidewaysScrolling(browser);
            browser.assertAccessible();
            browser.screenshot("city-page-phone-es");
            browser.go(portal + "/cities");
            assertNoSidewaysScrolling(browser);
            browser.screenshot("directory-phone-es");
            browser.go(portal + "/map");
            assertNoSidewaysScrolling(browser);
            browser.signIn(DemoUsers.ADMIN.username(), DemoUsers.ADMIN.password(), portal);
            browser.go(portal + "/dashboard");
            browser.one("#proposals-total");
            assertNoSidewaysScrolling(browser);
            browser.screenshot("dashboard-phone-es");
            for (String page : List.of("/clusters", "/pairing", "/")) {
                browser.go(portal + page);
                browser.one("main");
                assertNoSidewaysScrolling(browser);
            }
        }
    }

    private static void assertNoSidewaysScrolling(Browser browser) {
        org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) browser.driver();
        long overflow = (Long)
                js.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        // on failure, the innermost elements that reach past the window's right edge
        Object wide = overflow <= 0
                ? List.of()
                : js.executeScript("const w = document.documentElement.clientWidth;"
                        + "return [...document.querySelectorAll('body *')]"
                        + ".filter(e => e.getBoundingClientRect().right > w + 1"
                        + " && ![...e.children].some(c => c.getBoundingClientRect().right > w + 1))"
                        + ".slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + e.textContent.slice(0, 40));");
        assertThat(overflow)
                .as("horizontal scrolling on a phone: " + browser.url() + " " + wide)
                .isLessThanOrEqualTo(0);
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
            browser.screenshot("error-not-found-zh");
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
    void shouldDrawTheMapWithEveryLocatedCityLinkedToItsPage() {
        try (Browser browser = Browser.open(1280, "en")) {
            browser.go(portal + "/map");
            int all = browser.all("svg.map a.city-dot").size();
            assertThat(all).isGreaterThanOrEqualTo(2);
            // filters narrow it: the tourism cluster's member cities only, Luoyang among them
            new Select(browser.one("#cluster"))
                    .selectByVisibleText("Sustainable Tourism Recovery, Heritage Protection and Creative Economy");
            browser.follow("form.filters button");
            List<String> members = browser.all("svg.map a.city-dot circle").stream()
                    .map(dot -> dot.getAttribute("data-city"))
                    .toList();
            assertThat(members).contains(E2E.luoyang().toString()).hasSizeLessThan(all);
            browser.assertAccessible();
            browser.screenshot("map-tourism-cluster");
            browser.follow(browser.all("svg.map a.city-dot").get(0));
            browser.one("#proposals");
        }
    }

    @Test
    void shouldListClustersWithExchangesAndTheirSurveysForAdminsOnly() {
        try (Browser browser = Browser.open(1280, "en")) {
            browser.go(portal + "/clusters");
            assertThat(browser.all("tr.exchange")).isNotEmpty();
            assertThat(browser.all("td.survey")).isEmpty();
            assertThat(browser.driver().getPageSource()).contains("Luoyang");
            browser.assertAccessible();
            browser.signIn(DemoUsers.ADMIN.username(), DemoUsers.ADMIN.password(), portal);
            assertThat(browser.all("td.survey")).isNotEmpty();
            assertThat(browser.all("td.survey").stream().map(WebElement::getText))
                    .anySatisfy(text -> assertThat(text).contains("answered"));
            // the survey names the cities that want a partnership (in the story, Luoyang after the 2020 course)
            assertThat(browser.all("td.survey .survey-wanting").stream().map(WebElement::getText))
                    .anySatisfy(text ->
                            assertThat(text).startsWith("Want a partnership:").contains("Luoyang"));
            browser.assertAccessible();
            browser.screenshot("clusters-admin", "td.survey .survey-wanting");
        }
    }

    @Test
    void shouldShowTheDashboardToProgrammeStaffOnlyWithItsFiguresAsCsv() {
        try (Browser officer = Browser.open(1280, "es")) {
            officer.go(portal + "/cities");
            officer.signIn(DemoUsers.OFFICER_MEXICO_CITY.username(), DemoUsers.OFFICER_MEXICO_CITY.password(), portal);
            assertThat(officer.all("a[href='/dashboard']")).isEmpty();
            officer.go(portal + "/dashboard");
            assertThat(officer.one(".error-sentence").getText()).startsWith("No tiene permiso");
        }
        try (Browser admin = Browser.open(1280, "en")) {
            admin.go(portal + "/cities");
            admin.signIn(DemoUsers.ADMIN.username(), DemoUsers.ADMIN.password(), portal);
            admin.follow("a[href='/dashboard']");
            // the story's proposals are counted (their exact number moves while matchmaking works on)
            assertThat(Long.parseLong(admin.one("#proposals-total").getText().replace(",", "")))
                    .isPositive();
            assertThat(admin.all("#by-status + table tr")).isNotEmpty();
            admin.assertAccessible();
            admin.screenshot("dashboard");
            // the CSV link carries the person's session: fetched in the page, it is the API's CSV
            String csv = (String) ((org.openqa.selenium.JavascriptExecutor) admin.driver())
                    .executeAsyncScript("const done = arguments[arguments.length - 1];"
                            + "fetch('/dashboard.csv').then(r => r.text()).then(done, e => done(String(e)));");
            assertThat(csv).contains("proposals.total");
        }
    }

    @Test
    void shouldLetTheCitysOfficerOrAnAdminStateAndWithdrawAnInterestThroughAForm() {
        String cities = E2E.platform().serviceUrl("cities-service");
        String city = newCity("BO", -16.5, -68.15);
        try (Browser browser = Browser.open(1280, "en")) {
            browser.go(portal + "/cities/" + city);
            assertThat(browser.all("form.interest-form")).isEmpty();
            browser.signIn(DemoUsers.ADMIN.username(), DemoUsers.ADMIN.password(), portal);
            // the browser refuses an incomplete form, as the API would
            assertThat((Boolean) ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                            .executeScript("return document.querySelector('form.interest-form').checkValidity()"))
                    .isFalse();
            new org.openqa.selenium.support.ui.Select(browser.one("#interest-area")).selectByValue("waste-management");
            new org.openqa.selenium.support.ui.Select(browser.one("#interest-stance")).selectByValue("OFFER");
            new org.openqa.selenium.support.ui.Select(browser.one("#interest-intent"))
                    .selectByValue("KNOWLEDGE_EXCHANGE");
            // preferred partners: countries as the API takes them (two-letter codes), regions in any language
            browser.one("#interest-countries").sendKeys("Mexico");
            assertThat((Boolean) ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                            .executeScript("return document.querySelector('form.interest-form').checkValidity()"))
                    .isFalse();
            browser.one("#interest-countries").clear();
            browser.one("#interest-countries").sendKeys("mx, CN");
            browser.one("#interest-regions").sendKeys("América Latina y el Caribe");
            browser.follow("button.state-interest");
            assertThat(browser.one("#interest-notice").getAttribute("class")).contains("notice-interest-stated");
            assertThat(browser.all("tr.interest[data-area='waste-management']")).hasSize(1);
            assertThat(browser.one("tr.interest[data-area='waste-management'] td.preferences")
                            .getText())
                    .isEqualTo("Latin America and the Caribbean, Mexico, China");
            RestAssured.given()
                    .baseUri(cities)
                    .get("/api/v1/cities/{id}/interests", city)
                    .then()
                    .statusCode(200)
                    .body("items.area", org.hamcrest.Matchers.contains("waste-management"))
                    .body(
                            "items[0].preferences.regions",
                            org.hamcrest.Matchers.contains("Latin America and the Caribbean"))
                    .body("items[0].preferences.countries", org.hamcrest.Matchers.contains("MX", "CN"));
            browser.screenshot("interest-stated");
            browser.follow("tr.interest[data-area='waste-management'] button.withdraw");
            assertThat(browser.one("#interest-notice").getAttribute("class")).contains("notice-interest-withdrawn");
            assertThat(browser.all("tr.interest")).isEmpty();
        }
    }

    @Test
    void shouldRefuseAFormWithoutItsCsrfTokenInASentenceAndChangeNothing() {
        String city = newCity("PE", -12.05, -77.04);
        try (Browser browser = Browser.open(1280, "es")) {
            browser.go(portal + "/cities/" + city);
            browser.signIn(DemoUsers.ADMIN.username(), DemoUsers.ADMIN.password(), portal);
            new Select(browser.one("#interest-area")).selectByValue("waste-management");
            new Select(browser.one("#interest-stance")).selectByValue("OFFER");
            new Select(browser.one("#interest-intent")).selectByValue("KNOWLEDGE_EXCHANGE");
            // as a page left open past its token, or a form sent from another site
            ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                    .executeScript("document.querySelector('form.interest-form input[name=csrf-token]').remove()");
            browser.follow("button.state-interest");
            assertThat(browser.one(".error-sentence").getText())
                    .isEqualTo("Este formulario ya no es válido: quizá estuvo abierto mucho tiempo. "
                            + "Vuelva a cargar la página y envíelo de nuevo.");
            assertThat(browser.one("html").getAttribute("lang")).isEqualTo("es");
            browser.assertAccessible();
            browser.screenshot("error-form-expired-es");
        }
        RestAssured.given()
                .baseUri(E2E.platform().serviceUrl("cities-service"))
                .get("/api/v1/cities/{id}/interests", city)
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(0));
    }

    @Test
    void shouldTellOfACancelledSignInInASentence() {
        try (Browser browser = Browser.open(1280, "zh-CN")) {
            browser.go(portal + "/cities");
            browser.one("#sign-in").click();
            browser.one("#username");
            // Keycloak sends the person back with an error (as when they cancel), carrying the sign-in's state
            String state =
                    java.net.URI.create(browser.url()).getRawQuery().replaceAll(".*(?:^|&)state=([^&]*).*", "$1");
            browser.go(portal + "/sign-in/callback?error=access_denied&state=" + state);
            assertThat(browser.one(".error-sentence").getText()).isEqualTo("未能登录。请重试，或向平台团队申请账号。");
            assertThat(browser.driver().getPageSource()).doesNotContain("Exception");
            assertThat(browser.all(".who")).isEmpty();
            browser.screenshot("error-sign-in-failed-zh");
        }
    }

    @Test
    void shouldPairTwoGroupsAndTurnThePairsIntoProposals() {
        // two Uruguayan cities that share waste-management practice and two Ghanaian ones that seek it, apart from
        // the story's cities
        List<String> uruguay = List.of(newCity("UY", -34.9, -56.2, "OFFER"), newCity("UY", -31.4, -57.9, "OFFER"));
        List<String> ghana = List.of(newCity("GH", 5.6, -0.2, "SEEK"), newCity("GH", 6.7, -1.6, "SEEK"));
        String matchmaking = E2E.platform().serviceUrl("matchmaking-service");
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    for (String city : uruguay) {
                        RestAssured.given()
                                .baseUri(matchmaking)
                                .get("/api/v1/cities/{id}/proposals", city)
                                .then()
                                .statusCode(200)
                                .body("size()", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
                    }
                });
        String round;
        try (Browser browser = Browser.open(1280, "en")) {
            browser.go(portal + "/cities");
            browser.signIn(DemoUsers.ADMIN.username(), DemoUsers.ADMIN.password(), portal);
            browser.follow("a[href='/pairing']");
            browser.one("#countryA").sendKeys("UY");
            browser.one("#countryB").sendKeys("GH");
            new Select(browser.one("#kind")).selectByValue("THEMATIC");
            new Select(browser.one("#area")).selectByValue("waste-management");
            browser.follow("button.run-round");
            List<WebElement> pairs = browser.all("#round tr.pair");
            assertThat(pairs).as(browser.one("main").getText()).hasSize(2);
            assertThat(pairs).allSatisfy(pair -> assertThat(pair.getText()).contains("Portal Test"));
            // the form keeps what was chosen, beside the pairs it gave
            assertThat(browser.one("#countryA").getAttribute("value")).isEqualTo("UY");
            assertThat(browser.one("#countryB").getAttribute("value")).isEqualTo("GH");
            assertThat(new Select(browser.one("#kind")).getFirstSelectedOption().getAttribute("value"))
                    .isEqualTo("THEMATIC");
            assertThat(new Select(browser.one("#area")).getFirstSelectedOption().getAttribute("value"))
                    .isEqualTo("waste-management");
            browser.assertAccessible();
            browser.screenshot("pairing-round");
            round = browser.one("#round").getAttribute("data-round");
            browser.follow("button.propose-round");
            assertThat(browser.one("#notice").getAttribute("class")).contains("notice-proposed");
            assertThat(browser.all("button.propose-round")).isEmpty();
            assertThat(browser.one("#countryB").getAttribute("value")).isEqualTo("GH");
        }
        // the round's pairs are proposals now (those ranking had already opened stay as they were): the round
        // says so, and each Ghanaian city has an open proposal with a Uruguayan one
        RestAssured.given()
                .baseUri(matchmaking)
                .get("/api/v1/pairing-rounds/{id}", round)
                .then()
                .statusCode(200)
                .body("proposalsCreated", org.hamcrest.Matchers.is(true))
                .body("pairs.size()", org.hamcrest.Matchers.is(2));
        for (String city : ghana) {
            List<String> partners = RestAssured.given()
                    .baseUri(matchmaking)
                    .queryParam("cityId", city)
                    .queryParam("status", "PROPOSED")
                    .get("/api/v1/proposals")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("items.collect { it.cityA == '" + city + "' ? it.cityB : it.cityA }", String.class);
            assertThat(partners).containsAnyElementsOf(uruguay);
        }
        // an admin may answer for any city: the first Ghanaian city declines a proposal with a Uruguayan one
        String declined;
        try (Browser browser = Browser.open(1280, "en")) {
            browser.go(portal + "/cities/" + ghana.get(0) + "?lang=en");
            browser.signIn(DemoUsers.ADMIN.username(), DemoUsers.ADMIN.password(), portal);
            WebElement proposal = browser.one("li.proposal:has(h3 a[href='/cities/" + uruguay.get(0) + "']), "
                    + "li.proposal:has(h3 a[href='/cities/" + uruguay.get(1) + "'])");
            declined = proposal.getAttribute("data-proposal");
            browser.follow(proposal.findElement(By.cssSelector("button.decline")));
            assertThat(browser.one("#notice").getAttribute("class")).contains("notice-declined");
            assertThat(browser.all("li.proposal[data-proposal='" + declined + "'] button.accept"))
                    .isEmpty();
        }
        RestAssured.given()
                .baseUri(matchmaking)
                .get("/api/v1/proposals/{id}", declined)
                .then()
                .statusCode(200)
                .body("status", equalTo("DECLINED"));
    }

    /** A city of its own for one test, with coordinates and one waste-management interest. */
    private static String newCity(String country, double latitude, double longitude, String stance) {
        String city = newCity(country, latitude, longitude);
        RestAssured.given()
                .baseUri(E2E.platform().serviceUrl("cities-service"))
                .auth()
                .oauth2(E2E.seed().adminToken())
                .contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("area", "waste-management", "stance", stance, "intent", "THEMATIC_PARTNERSHIP"))
                .post("/api/v1/cities/{id}/interests", city)
                .then()
                .statusCode(201);
        return city;
    }

    /** A city of its own for one test, with coordinates, created by an admin. */
    private static String newCity(String country, double latitude, double longitude) {
        return RestAssured.given()
                .baseUri(E2E.platform().serviceUrl("cities-service"))
                .auth()
                .oauth2(E2E.seed().adminToken())
                .contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of(
                        "name",
                        "Portal Test " + UUID.randomUUID().toString().substring(0, 8),
                        "country",
                        country,
                        "coordinates",
                        java.util.Map.of("latitude", latitude, "longitude", longitude)))
                .post("/api/v1/cities")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /**
     * A city page with its proposals at the demo size in under 300 ms of server time (the portal's own
     * Server-Timing, API calls included): the median of 21 reads after 5 warm-ups. The time the client saw is
     * printed beside it.
     */
    @Test
    void shouldServeACityPageWithItsProposalsQuickly() {
        String page = "/cities/" + E2E.luoyang() + "?lang=en";
        for (int i = 0; i < 5; i++) {
            RestAssured.given().baseUri(portal).get(page).then().statusCode(200);
        }
        long[] millis = new long[21];
        double[] server = new double[21];
        for (int i = 0; i < millis.length; i++) {
            long started = System.nanoTime();
            String timing = RestAssured.given()
                    .baseUri(portal)
                    .get(page)
                    .then()
                    .statusCode(200)
                    .body(containsString("id=\"proposals\""))
                    .body(containsString("class=\"proposal"))
                    .extract()
                    .header("Server-Timing");
            millis[i] = (System.nanoTime() - started) / 1_000_000;
            assertThat(timing).matches("app;dur=[0-9.]+");
            server[i] = Double.parseDouble(timing.substring("app;dur=".length()));
        }
        java.util.Arrays.sort(millis);
        java.util.Arrays.sort(server);
        System.out.printf(
                "portal: Luoyang's page with its proposals, server median %.1f ms (max %.1f), client median %d ms"
                        + " (max %d), 21 reads%n",
                server[10], server[20], millis[10], millis[20]);
        assertThat(server[10]).as("server time of the city page, median (ms)").isLessThan(300);
    }

    @Test
    void shouldSignOutAndThenSendFormsToSignInWithoutChangingAnything() {
        String city = "/cities/" + E2E.mexicoCity();
        String csrfCookie;
        String csrfField;
        try (Browser browser = Browser.open(1280, "en")) {
            browser.go(portal + city);
            browser.signIn(DemoUsers.OFFICER_MEXICO_CITY.username(), DemoUsers.OFFICER_MEXICO_CITY.password(), portal);
            // a CSRF pair that the portal accepts, kept for after signing out
            csrfCookie =
                    browser.driver().manage().getCookieNamed("citybridge-csrf").getValue();
            csrfField = browser.present("form.interest-form input[type=hidden]").getAttribute("value");
            browser.follow("a[href='/sign-out']");
            browser.one("#sign-in");
            assertThat(browser.all(".who")).isEmpty();
            browser.go(portal + city);
            assertThat(browser.all("form.interest-form")).isEmpty();
        }
        int interests = interestsOfMexicoCity();
        // the form sent without a session goes to Keycloak's sign-in, and nothing is stated
        RestAssured.given()
                .baseUri(portal)
                .redirects()
                .follow(false)
                .cookie("citybridge-csrf", csrfCookie)
                .contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", csrfField)
                .formParam("area", "agriculture")
                .formParam("stance", "SEEK")
                .formParam("intent", "KNOWLEDGE_EXCHANGE")
                .post(city + "/interests")
                .then()
                .statusCode(302)
                .header("Location", containsString("/realms/citybridge/protocol/openid-connect/auth"));
        assertThat(interestsOfMexicoCity()).isEqualTo(interests);
        // the address of a form opened as a page (as after signing in again) leads back to the city
        RestAssured.given()
                .baseUri(portal)
                .redirects()
                .follow(false)
                .get(city + "/proposals/" + UUID.randomUUID() + "/accept")
                .then()
                .statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith(city));
        // an address that decodes to another site never becomes a link there
        RestAssured.given()
                .baseUri(portal)
                .urlEncodingEnabled(false)
                .get("/%5Cother.example")
                .then()
                .statusCode(404)
                .body(not(containsString("other.example?lang")))
                .body(containsString("href=\"?lang=es\""));
    }

    private static int interestsOfMexicoCity() {
        return RestAssured.given()
                .baseUri(E2E.platform().serviceUrl("cities-service"))
                .get("/api/v1/cities/{id}/interests", E2E.mexicoCity())
                .then()
                .statusCode(200)
                .extract()
                .path("totalItems");
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
                        .contains("samesite=lax")
                        .doesNotContain("secure"));
        // behind a TLS proxy (X-Forwarded-Proto from a trusted address) they travel over TLS only
        assertThat(RestAssured.given()
                        .baseUri(portal)
                        .header("X-Forwarded-Proto", "https")
                        .get("/cities/" + E2E.luoyang() + "?lang=zh")
                        .getHeaders()
                        .getValues("Set-Cookie"))
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(cookie -> assertThat(cookie.toLowerCase(java.util.Locale.ROOT))
                        .contains("httponly")
                        .contains("secure"));
        // the session cookies a sign-in leaves (tokens, encrypted) are out of scripts' reach and stay on this site
        // too (Secure as the others behind TLS; on Kubernetes always, by
        // quarkus-oidc-authentication-cookie-force-secure)
        try (Browser browser = Browser.open(1280, "en")) {
            browser.go(portal + "/cities");
            browser.signIn(DemoUsers.OFFICER_LUOYANG.username(), DemoUsers.OFFICER_LUOYANG.password(), portal);
            List<org.openqa.selenium.Cookie> session = browser.driver().manage().getCookies().stream()
                    .filter(cookie -> cookie.getName().startsWith("q_session"))
                    .toList();
            assertThat(session).isNotEmpty().allSatisfy(cookie -> {
                assertThat(cookie.isHttpOnly())
                        .as(cookie.getName() + " HttpOnly")
                        .isTrue();
                assertThat(cookie.getSameSite())
                        .as(cookie.getName() + " SameSite")
                        .isEqualTo("Lax");
            });
        }
    }
}
