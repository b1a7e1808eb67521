package org.citybridge.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A headless Chromium driven through WebDriver: Debian's {@code chromium} and {@code chromium-driver}
 * ({@code .ci/run} installs them), never a browser downloaded by a tool. One person per browser: each has
 * its own empty profile, so two officers never share a session. Screenshots go to
 * {@code target/screenshots/}.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static final String CHROMIUM = System.getProperty("citybridge.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("citybridge.chromedriver", "/usr/bin/chromedriver");

    private final WebDriver driver;
    private final Path profile;
    private final String language;

    private Browser(WebDriver driver, Path profile, String language) {
        this.driver = driver;
        this.profile = profile;
        this.language = language;
    }

    /** A browser of {@code width} CSS pixels (phones: 390), preferring {@code language}. */
    static Browser open(int width, String language) {
        try {
            Path profile = Files.createTempDirectory("citybridge-chromium");
            ChromeOptions options = new ChromeOptions()
                    .setBinary(CHROMIUM)
                    .addArguments(
                            "--headless=new",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-dev-shm-usage",
                            // the machine's network is closed: no background calls home
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--disable-quic",
                            "--no-first-run",
                            "--lang=" + language,
                            "--user-data-dir=" + profile)
                    .setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                    .usingAnyFreePort()
                    .build();
            WebDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(new Dimension(width, 1000));
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            return new Browser(driver, profile, language);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void go(String url) {
        driver.get(url);
    }

    WebDriver driver() {
        return driver;
    }

    String url() {
        return driver.getCurrentUrl();
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    WebElement one(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** An element that need not be visible (a form's hidden field), once the page has it. */
    WebElement present(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    /** Clicks what leads to another page, and waits until that page has replaced this one. */
    void follow(String css) {
        follow(one(css));
    }

    void follow(WebElement link) {
        leaveBy(link::click);
    }

    /**
     * As a person without a mouse: from the top of the page, the Tab key until {@code css} has the focus (the
     * first stop must be the link that skips to the content), then Enter; waits for the page it leads to.
     */
    void followByKeyboard(String css) {
        WebElement target = one(css);
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript("if (document.activeElement) document.activeElement.blur(); window.scrollTo(0, 0);");
        Actions keys = new Actions(driver);
        keys.sendKeys(Keys.TAB).perform();
        assertThat(driver.switchTo().activeElement().getAttribute("class"))
                .as("the first Tab stop")
                .contains("skip");
        for (int stops = 1; !driver.switchTo().activeElement().equals(target); stops++) {
            assertThat(stops).as("Tab stops before " + css).isLessThan(300);
            keys.sendKeys(Keys.TAB).perform();
        }
        leaveBy(() -> keys.sendKeys(Keys.ENTER).perform());
    }

    private void leaveBy(Runnable action) {
        // The old page is marked in its window object, which a new document does not inherit. Asking an old
        // element whether it is stale races with the navigation: Chromium may answer with an inspector error
        // ("node does not belong to the document") instead of a stale reference.
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript("window.citybridgeLeft = true");
        action.run();
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .ignoring(WebDriverException.class)
                .until(d -> Boolean.TRUE.equals(js.executeScript(
                        "return window.citybridgeLeft === undefined && document.readyState === 'complete'")));
        one("main");
    }

    /** Signs in on Keycloak's page, where the portal's sign-in link leads, and waits to be back on the portal. */
    void signIn(String username, String password, String portalUrl) {
        one("#sign-in").click();
        one("#username");
        // Keycloak's page speaks the portal page's language (the portal's language follows the browser's)
        assertThat(one("html").getAttribute("lang")).startsWith(language.substring(0, 2));
        one("#username").sendKeys(username);
        one("#password").sendKeys(password);
        one("#kc-login").click();
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> d.getCurrentUrl().startsWith(portalUrl)
                        && !d.findElements(By.cssSelector(".who")).isEmpty());
    }

    /** Saves what the window shows as {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves the window scrolled to the element {@code css}. */
    Path screenshot(String name, String css) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView(true)", one(css));
        return screenshot(name);
    }

    /**
     * Runs axe-core (Deque's engine, from its Maven artefact) on the page against WCAG 2.1 A and AA, and fails
     * naming every violation: labels, contrast, landmarks, language.
     */
    void assertAccessible() {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(AXE.source);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> violations =
                (List<Map<String, Object>>) js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                        + ".then(r => done(r.violations.map(v => ({id: v.id, help: v.help,"
                        + " nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary).slice(0, 5)}))))"
                        + ".catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));");
        assertThat(violations)
                .as("accessibility violations on " + driver.getCurrentUrl())
                .isEmpty();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            E2E.clearData(profile);
        }
    }

    /** axe.min.js, read once. */
    private static final class AXE {
        static final String source = read();

        private AXE() {}

        private static String read() {
            try (InputStream in = Browser.class.getResourceAsStream("/axe.min.js")) {
                if (in == null) {
                    throw new IllegalStateException("axe.min.js is not on the test classpath");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
