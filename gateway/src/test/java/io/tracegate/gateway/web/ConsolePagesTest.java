package io.tracegate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.capture.CaptureTest;
import io.tracegate.gateway.security.Role;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Every console page driven in headless Debian Chromium over a seeded scenario (a lot shipped in parts to two
 * partners, the rest in stock), checking the data each page shows; a screenshot of each page is kept in
 * {@code target/console-screenshots}. Also: the login, role-aware navigation, and CSRF on the session's changes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsolePagesTest extends CaptureTest {

    static final String PARTNER_1 = "urn:epc:id:sgln:0614141.00001.0";
    static final String PARTNER_2 = "urn:epc:id:sgln:0614142.00002.0";
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    WebDriver browser;
    String lot;
    List<String> units = new ArrayList<>();
    String pallet;

    @BeforeAll
    void seedAndStartTheBrowser() throws Exception {
        lot = unique("CON");
        for (int i = 0; i < 8; i++) {
            units.add(sgtin("con"));
        }
        String caseA = caseSgtin("conA");
        pallet = sscc();
        assertSucceeded(capture(
                objectEvent("ADD").epcs(units).bizStep("commissioning").disposition("active").at(SITE)
                        .lot(lot, LocalDate.now().plusDays(100).toString()),
                objectEvent("ADD").epcs(caseA).bizStep("commissioning").disposition("active").at(SITE),
                pack(caseA, units.subList(0, 3).toArray(String[]::new)), pack(pallet, caseA),
                objectEvent("OBSERVE").epcs(pallet).bizStep("shipping").disposition("in_transit").readPoint(SITE)
                        .from(SITE).to(PARTNER_1, "urn:epc:id:sgln:0614141.00001.1").purchaseOrder("PO-C1"),
                objectEvent("OBSERVE").epcs(units.get(3), units.get(4)).bizStep("shipping").disposition("in_transit")
                        .readPoint(SITE).from(SITE).to(PARTNER_2, "urn:epc:id:sgln:0614142.00002.1")
                        .purchaseOrder("PO-C2")));
        Path chromium = Path.of("/usr/bin/chromium");
        Path driver = Path.of("/usr/bin/chromedriver");
        assertThat(Files.isExecutable(chromium) && Files.isExecutable(driver))
                .as("Debian's chromium and chromium-driver are needed: apt-get install -y chromium chromium-driver")
                .isTrue();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build(),
                options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stopTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private WebElement await(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() ? null : found.get(0);
        });
    }

    private void awaitText(By by, String text) {
        try {
            // a page redraws its tables: an element read while it is replaced is read again
            new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                    .until(d -> d.findElements(by).stream().anyMatch(e -> e.getText().contains(text)));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no '" + text + "' in " + by + " of " + browser.getCurrentUrl() + ": "
                    + text(By.tagName("body")), e);
        }
    }

    /** An element's text, read again when the page redrew it meanwhile. */
    private String text(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(by).getText());
    }

    /** The texts of the elements found, read again when the page redrew them meanwhile. */
    private List<String> texts(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(by).stream().map(WebElement::getText).toList());
    }

    private void screenshot(String name) throws Exception {
        Files.write(SCREENSHOTS.resolve(name + ".png"),
                ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private void logIn(String key) {
        browser.get(url("/console/"));
        WebElement input = await(By.id("login-key"));
        input.clear();
        input.sendKeys(key);
        browser.findElement(By.id("login-button")).click();
    }

    private void logOut() {
        await(By.id("logout")).click();
        await(By.id("login-key"));
    }

    @Test
    void everyPageShowsTheScenario() throws Exception {
        logIn("not-a-key-" + "x".repeat(40));
        awaitText(By.id("login-error"), "unknown or revoked");
        screenshot("login");
        logIn(complianceKey());

        // dashboard: counts, the chart, events per day
        awaitText(By.id("who"), "COMPLIANCE");
        await(By.cssSelector("#events-chart canvas"));
        long events = Long.parseLong(text(By.cssSelector("#card-events .number")).replace(",", ""));
        assertThat(events).as("the six events of the scenario at least").isGreaterThanOrEqualTo(6);
        assertThat(browser.findElements(By.cssSelector("#events-per-day tbody tr"))).isNotEmpty();
        assertThat(texts(By.cssSelector("#frame-nav a")))
                .containsExactly("Dashboard", "Trace", "Recall", "Expiry", "Investigations", "Exceptions",
                        "Partner messages", "Exports", "Audit", "Verify a pack");
        screenshot("dashboard");

        // trace: a unit in a case on a pallet; timeline with the inherited shipping, hierarchy as a tree
        browser.get(url("/console/trace.html?q=" + units.get(0)));
        awaitText(By.id("timeline"), "shipping");
        assertThat(text(By.id("trace-state"))).contains("in_transit", lot);
        assertThat(text(By.id("hierarchy"))).contains(units.get(0));
        browser.get(url("/console/trace.html?q=" + pallet));
        awaitText(By.id("hierarchy"), units.get(2));
        screenshot("trace");

        // recall: partners and counts, what is in stock
        browser.get(url("/console/trace.html?q=" + lot)); // a lot found by the search goes to its recall
        awaitText(By.id("partners"), PARTNER_1);
        assertThat(text(By.id("partners"))).contains(PARTNER_1 + " 3", PARTNER_2 + " 2");
        assertThat(text(By.cssSelector("#recall-in-stock .number"))).isEqualTo("3");
        assertThat(text(By.id("shipments"))).contains("PO-C1", "PO-C2");
        screenshot("recall");

        // expiry
        browser.get(url("/console/expiry.html"));
        await(By.id("lots"));
        new Select(browser.findElement(By.id("within"))).selectByValue("180");
        awaitText(By.id("lots"), lot);
        assertThat(text(By.id("lots"))).contains(lot + " " + LocalDate.now().plusDays(100)
                + " 100");
        screenshot("expiry");

        // investigations: opened from the page (a change: CSRF token sent by the page)
        browser.get(url("/console/investigations.html"));
        await(By.id("investigation-list"));
        browser.findElement(By.id("reason")).sendKeys("seal broken on return");
        browser.findElement(By.id("epcs")).sendKeys(units.get(7));
        browser.findElement(By.cssSelector("#open-form button")).click();
        awaitText(By.id("open-message"), "quarantined");
        awaitText(By.id("investigation-list"), "seal broken on return");
        screenshot("investigations");

        // exceptions and partner messages: read from the shipments and exchange capabilities (a gateway without
        // them says so on these pages instead of failing)
        browser.get(url("/console/exceptions.html"));
        awaitText(By.id("exception-summary"), "open exception(s)");
        assertThat(text(By.tagName("h1"))).isEqualTo("Exceptions");
        screenshot("exceptions");
        browser.get(url("/console/messages.html"));
        awaitText(By.cssSelector("#message-list thead"), "Message-ID");
        assertThat(browser.findElements(By.id("not-configured"))).isEmpty();
        screenshot("messages");
        browser.get(url("/console/"));
        awaitText(By.cssSelector("#card-exceptions"), "Open exceptions");
        assertThat(text(By.cssSelector("#card-exceptions .number"))).matches("[\\d,]+");

        // exports: requested, progress, download link
        browser.get(url("/console/exports.html"));
        await(By.id("export-list"));
        browser.findElement(By.id("export-lot")).sendKeys(lot);
        browser.findElement(By.cssSelector("#export-form button")).click();
        awaitText(By.id("export-message"), "requested");
        await(By.cssSelector("#export-list a.download"));
        assertThat(text(By.id("export-list"))).contains(lot, "done");
        screenshot("exports");

        // audit: the latest records and "verify chain"
        browser.get(url("/console/audit.html"));
        awaitText(By.id("audit-records"), "investigation.opened");
        browser.findElement(By.id("verify-chain")).click();
        awaitText(By.id("verdict"), "The chain holds");
        screenshot("audit");

        // the pharmacist's page in the same frame: same header, navigation and session
        browser.get(url("/console/verify"));
        awaitText(By.id("who"), "COMPLIANCE");
        assertThat(text(By.cssSelector("#frame-nav a[aria-current=page]")))
                .isEqualTo("Verify a pack");
        assertThat(browser.findElements(By.cssSelector("#frame-nav a"))).hasSize(10);
        assertThat(browser.findElement(By.id("scan")).isDisplayed()).isTrue();
        screenshot("verify");
        logOut();

        // a key without a compliance role sees no compliance page: only the pharmacist's
        logIn(createKey(unique("pharmacist"), Role.PHARMACIST));
        awaitText(By.id("content"), "may not use this page");
        assertThat(texts(By.cssSelector("#frame-nav a")))
                .containsExactly("Verify a pack");
        screenshot("no-access");
        logOut();
    }

    /** A browser's cookie jar, kept by hand: each response's Set-Cookie values, sent back as Cookie. */
    private final java.util.Map<String, String> cookies = new java.util.LinkedHashMap<>();

    private HttpResponse<String> browse(HttpRequest.Builder request) throws Exception {
        if (!cookies.isEmpty()) {
            request.header("Cookie", String.join("; ", cookies.entrySet().stream()
                    .map(c -> c.getKey() + "=" + c.getValue()).toList()));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String cookie : response.headers().allValues("Set-Cookie")) {
            String pair = cookie.split(";", 2)[0];
            cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return response;
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aSessionsChangesNeedItsCsrfToken() throws Exception {
        HttpResponse<String> session = browse(HttpRequest.newBuilder(URI.create(url("/console/session"))));
        String header = json(session, "$.csrfHeader");
        String token = json(session, "$.csrfToken");
        String key = "{\"key\":\"" + complianceKey() + "\"}";
        HttpResponse<String> noToken = browse(HttpRequest.newBuilder(URI.create(url("/console/login")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(key)));
        assertThat(noToken.statusCode()).isEqualTo(403);
        HttpResponse<String> login = browse(HttpRequest.newBuilder(URI.create(url("/console/login")))
                .header("Content-Type", "application/json").header(header, token)
                .POST(HttpRequest.BodyPublishers.ofString(key)));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .contains("JSESSIONID", "HttpOnly", "SameSite=Strict"));
        String body = "{\"reason\":\"csrf\",\"epcs\":[\"" + units.get(6) + "\"]}";
        HttpResponse<String> forged = browse(HttpRequest.newBuilder(URI.create(url("/investigations")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(forged.statusCode()).isEqualTo(403);
        HttpResponse<String> read = browse(HttpRequest.newBuilder(URI.create(url("/reports/dashboard"))));
        assertThat(read.statusCode()).as("the session reads the API").isEqualTo(200);
        HttpResponse<String> made = browse(HttpRequest.newBuilder(URI.create(url("/investigations")))
                .header("Content-Type", "application/json").header(header, token)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        assertThat(browse(HttpRequest.newBuilder(URI.create(url("/investigations/" + json(made, "$.id")
                + "/close"))).header("Content-Type", "application/json").header(header, token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"outcome\":\"cleared\",\"conclusion\":\"test\"}")))
                .statusCode()).isEqualTo(200);
        HttpResponse<String> logout = browse(HttpRequest.newBuilder(URI.create(url("/console/logout")))
                .header(header, token).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(browse(HttpRequest.newBuilder(URI.create(url("/reports/dashboard")))).statusCode())
                .as("logged out").isEqualTo(401);
    }
}
