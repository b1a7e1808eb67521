package org.citybridge.e2e;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.citybridge.launcher.DemoUsers;
import org.citybridge.launcher.Platform;
import org.citybridge.launcher.seed.SeedContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The story the platform was born from, through the public APIs only and with real tokens: the
 * launcher registered the cities and held the December 2020 tourism study course and the February
 * 2022 Mexico City – Luoyang video conference with their surveys; officers state the article's
 * interests; matchmaking proposes Mexico City and Luoyang to each other, with reasons; both officers
 * accept in the portal, in a real browser (one of them on a page that went stale meanwhile), and each
 * city's profile, and its page in the portal, then lists the other as partner.
 */
class SeedStoryE2ETest {

    private static Platform platform;
    private static String cities;
    private static String clusters;
    private static String matchmaking;
    private static SeedContext seed;
    private static UUID mexicoCity;
    private static UUID luoyang;

    @BeforeAll
    static void platform() {
        platform = E2E.platform();
        seed = E2E.seed();
        cities = platform.serviceUrl("cities-service");
        clusters = platform.serviceUrl("clusters-service");
        matchmaking = platform.serviceUrl("matchmaking-service");
        mexicoCity = E2E.mexicoCity();
        luoyang = E2E.luoyang();
    }

    @Test
    void shouldTurnTheArticleIntoAnAgreedSisterCityPartnership() {
        String mexicoOfficer = seed.tokenOf(DemoUsers.OFFICER_MEXICO_CITY);
        String luoyangOfficer = seed.tokenOf(DemoUsers.OFFICER_LUOYANG);

        // the exchanges of the story were held, with both cities taking part
        List<String> heldTogether = RestAssured.given()
                .baseUri(clusters)
                .queryParam("size", 100)
                .get("/api/v1/cities/{id}/exchanges", luoyang)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.findAll { it.status == 'HELD' && it.participantCityIds.contains('" + mexicoCity
                        + "') }.title");
        assertThat(heldTogether).hasSizeGreaterThanOrEqualTo(2);

        // each officer states the article's interests for their own city
        state(luoyangOfficer, luoyang, "tourism", "MUTUAL", "SISTER_CITY", List.of("Latin America and the Caribbean"));
        state(luoyangOfficer, luoyang, "trade", "OFFER", "SISTER_CITY", List.of("Latin America and the Caribbean"));
        state(mexicoOfficer, mexicoCity, "economic-development", "SEEK", "SISTER_CITY", List.of());
        state(mexicoOfficer, mexicoCity, "tourism", "MUTUAL", "SISTER_CITY", List.of());

        // matchmaking proposes them to each other as sister cities, with reasons
        String proposalId = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> sisterCityProposal(mexicoCity, luoyang), id -> id != null);
        assertThat(sisterCityProposal(luoyang, mexicoCity)).isEqualTo(proposalId);
        JsonPath proposal = RestAssured.given()
                .baseUri(matchmaking)
                .get("/api/v1/proposals/{id}", proposalId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(proposal.getDouble("score")).isPositive();
        assertThat(proposal.getList("reasons.code", String.class)).isNotEmpty();
        assertThat(proposal.getList("reasons.text", String.class))
                .allSatisfy(text -> assertThat(text).isNotBlank());

        // Both officers answer in the portal, as people do. Mexico City's officer opens the page first, so by the
        // time they press Accept, Luoyang's acceptance has changed the proposal: nothing is answered, the page says
        // so and shows the new state, and the second press goes through.
        String portal = platform.serviceUrl(Platform.PORTAL);
        try (Browser luoyangBrowser = Browser.open(1280, "en");
                Browser mexicoBrowser = Browser.open(1280, "es")) {
            luoyangBrowser.go(portal + "/cities/" + luoyang + "?lang=en");
            luoyangBrowser.signIn(DemoUsers.OFFICER_LUOYANG.username(), DemoUsers.OFFICER_LUOYANG.password(), portal);
            // Luoyang's officer sees Mexico City first, with every reason and its bar
            WebElement first = luoyangBrowser.one("li.proposal");
            assertThat(first.getAttribute("data-partner")).isEqualTo("Mexico City");
            assertThat(first.getAttribute("data-proposal")).isEqualTo(proposalId);
            assertThat(texts(first, ".reason-text")).isEqualTo(reasonTexts(proposalId, "en"));
            assertThat(first.findElements(By.cssSelector(".reason meter")))
                    .hasSameSizeAs(first.findElements(By.cssSelector(".reason")));
            luoyangBrowser.assertAccessible();
            luoyangBrowser.screenshot("city-page-luoyang-officer");
            // in Spanish and Chinese the reasons are the API's translations
            for (String language : List.of("es", "zh")) {
                luoyangBrowser.go(portal + "/cities/" + luoyang + "?lang=" + language);
                WebElement translated = luoyangBrowser.one("li.proposal[data-proposal='" + proposalId + "']");
                assertThat(texts(translated, ".reason-text"))
                        .isEqualTo(reasonTexts(proposalId, language))
                        .isNotEqualTo(reasonTexts(proposalId, "en"));
                assertThat(luoyangBrowser.one("html").getAttribute("lang")).isEqualTo(language);
                luoyangBrowser.assertAccessible();
                luoyangBrowser.screenshot("city-page-luoyang-" + language);
            }
            // an officer never sees Accept on another city's proposals
            luoyangBrowser.go(portal + "/cities/" + mexicoCity + "?lang=en");
            luoyangBrowser.one("li.proposal");
            assertThat(luoyangBrowser.all("button.accept")).isEmpty();

            mexicoBrowser.go(portal + "/cities/" + mexicoCity);
            mexicoBrowser.signIn(
                    DemoUsers.OFFICER_MEXICO_CITY.username(), DemoUsers.OFFICER_MEXICO_CITY.password(), portal);
            mexicoBrowser.one("li.proposal[data-proposal='" + proposalId + "'] button.accept");

            // Luoyang's officer answers with the keyboard alone
            luoyangBrowser.go(portal + "/cities/" + luoyang + "?lang=en");
            luoyangBrowser.followByKeyboard("li.proposal[data-proposal='" + proposalId + "'] button.accept");
            assertThat(luoyangBrowser.one("#notice").getAttribute("class")).contains("notice-accepted");
            assertThat(luoyangBrowser
                            .one("li.proposal[data-proposal='" + proposalId + "']")
                            .getAttribute("data-status"))
                    .isEqualTo("ACCEPTED_BY_ONE");
            assertThat(luoyangBrowser.all("li.proposal[data-proposal='" + proposalId + "'] button.accept"))
                    .isEmpty();

            mexicoBrowser.follow("li.proposal[data-proposal='" + proposalId + "'] button.accept");
            assertThat(mexicoBrowser.one("#notice").getAttribute("class")).contains("notice-changed");
            assertThat(mexicoBrowser
                            .one("li.proposal[data-proposal='" + proposalId + "']")
                            .getAttribute("data-status"))
                    .isEqualTo("ACCEPTED_BY_ONE");
            mexicoBrowser.screenshot("city-page-stale-answer-es");
            mexicoBrowser.follow("li.proposal[data-proposal='" + proposalId + "'] button.accept");
            assertThat(mexicoBrowser.one("#notice").getAttribute("class")).contains("notice-accepted");
            RestAssured.given()
                    .baseUri(matchmaking)
                    .get("/api/v1/proposals/{id}", proposalId)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("AGREED"));

            // both city pages list each other as partners once cities-service has the partnership
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        luoyangBrowser.go(portal + "/cities/" + luoyang + "?lang=en");
                        assertThat(luoyangBrowser.one("#partners").getText()).contains("Mexico City");
                        mexicoBrowser.go(portal + "/cities/" + mexicoCity);
                        assertThat(mexicoBrowser.one("#partners").getText()).contains("Luoyang");
                    });
            luoyangBrowser.screenshot("city-page-partners", "#partners");
            // and the map draws the line between them
            luoyangBrowser.go(portal + "/map?show=partnerships");
            List<String> ends = luoyangBrowser.all("svg.map line.line-partnership").stream()
                    .map(line -> line.getAttribute("data-a") + " " + line.getAttribute("data-b"))
                    .toList();
            assertThat(ends).containsAnyOf(luoyang + " " + mexicoCity, mexicoCity + " " + luoyang);
            luoyangBrowser.assertAccessible();
            luoyangBrowser.screenshot("map-partnerships");
        }

        // the partnership reaches cities-service: each profile lists the other
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    RestAssured.given()
                            .baseUri(cities)
                            .get("/api/v1/cities/{id}", mexicoCity)
                            .then()
                            .body("partners.cityId", hasItem(luoyang.toString()));
                    RestAssured.given()
                            .baseUri(cities)
                            .get("/api/v1/cities/{id}", luoyang)
                            .then()
                            .body("partners.cityId", hasItem(mexicoCity.toString()));
                });
        RestAssured.given()
                .baseUri(matchmaking)
                .queryParam("cityId", luoyang)
                .queryParam("size", 100)
                .get("/api/v1/partnerships")
                .then()
                .statusCode(200)
                .body("items.proposalId", hasItem(proposalId));
    }

    private static void state(
            String token, UUID city, String area, String stance, String intent, List<String> regions) {
        RestAssured.given()
                .baseUri(cities)
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "area", area, "stance", stance, "intent", intent, "preferences", Map.of("regions", regions)))
                .post("/api/v1/cities/{id}/interests", city)
                .then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)));
    }

    /** The texts of the elements under {@code element} matching {@code css}, in page order. */
    private static List<String> texts(WebElement element, String css) {
        return element.findElements(By.cssSelector(css)).stream()
                .map(e -> e.getAttribute("textContent").trim()) // also the folded reasons
                .toList();
    }

    /** A proposal's reason texts as the API renders them in {@code language}. */
    private static List<String> reasonTexts(String proposalId, String language) {
        return RestAssured.given()
                .baseUri(matchmaking)
                .header("Accept-Language", language)
                .get("/api/v1/proposals/{id}", proposalId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("reasons.text", String.class);
    }

    /** The id of the sister-city proposal for the partner in the first city's ranking, or null. */
    private static String sisterCityProposal(UUID city, UUID partner) {
        List<Map<String, Object>> ranked = RestAssured.given()
                .baseUri(matchmaking)
                .get("/api/v1/cities/{id}/proposals", city)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("");
        if (ranked == null) {
            return null;
        }
        for (Map<String, Object> entry : ranked) {
            @SuppressWarnings("unchecked")
            Map<String, Object> proposal = (Map<String, Object>) entry.get("proposal");
            if (partner.toString().equals(String.valueOf(entry.get("partnerCityId")))
                    && "SISTER_CITY".equals(proposal.get("kind"))) {
                return (String) proposal.get("id");
            }
        }
        return null;
    }
}
