package io.tracegate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracegate.gateway.browser.Browser;
import io.tracegate.gateway.security.Role;
import io.tracegate.gateway.verify.DataMatrixPhotos;
import io.tracegate.gateway.verify.VerifyTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The pharmacist's page in headless Chromium at a phone's size: log in with a key, scan with a keyboard wedge (the
 * scan typed, then Enter) into the box that keeps the focus, read the verdict, take a photo, see this login's scans.
 * A screenshot of each state is kept in {@code target/screenshots/verify-page/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifyPageTest extends VerifyTest {

    private static final String LOT = "PG1";

    private Browser browser;
    private WebDriver page;

    @BeforeAll
    void openChromium() {
        browser = Browser.open("verify-page", Browser.PHONE);
        page = browser.driver();
    }

    @AfterAll
    void closeIt() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void scanVerdictHistoryAndPhoto(@TempDir Path dir) throws Exception {
        String genuine = serial(commissioned(LOT, "2031-01-31"));
        String other = serial(commissioned(LOT, "2031-01-31"));
        String name = unique("pharmacy");
        String key = createKey(name, Role.PHARMACIST);

        page.get("http://localhost:" + port + "/console/verify");
        WebElement keyBox = browser.await(d -> visible(d, By.id("login-key")));
        assertThat(page.findElement(By.id("content")).isDisplayed()).isFalse();
        browser.screenshot("1-login");

        keyBox.sendKeys(key, Keys.ENTER);
        browser.await(d -> d.findElement(By.id("who")).getText().contains(name));
        assertThat(page.findElement(By.id("who")).getText()).contains("PHARMACIST");
        assertThat(page.findElements(By.cssSelector("#frame-nav a[aria-current=page]"))).singleElement()
                .satisfies(link -> assertThat(link.getText()).isEqualTo("Verify a pack"));
        assertThat(focused()).isEqualTo("scan");
        browser.screenshot("2-ready");

        // a keyboard wedge types into whatever has the focus, then Enter
        page.switchTo().activeElement().sendKeys("]d201" + GTIN + "17310131" + "10" + LOT + "{GS}21" + genuine,
                Keys.ENTER);
        verdict("green", "Genuine: the manufacturer confirms this pack");
        assertThat(page.findElement(By.id("identifier")).getText()).contains(genuine, LOT, "2031-01-31");
        assertThat(history()).hasSize(1);
        assertThat(focused()).isEqualTo("scan");
        assertThat(page.findElement(By.id("scan")).getAttribute("value")).isEmpty();
        browser.screenshot("3-genuine");

        page.switchTo().activeElement().sendKeys("]d201" + GTIN + "17310131" + "10" + "WRONG" + "{GS}21" + other,
                Keys.ENTER);
        verdict("red", "Lot does not match: the pack says WRONG, the manufacturer says " + LOT);
        browser.await(d -> history().size() == 2);
        browser.screenshot("4-lot-mismatch");

        page.switchTo().activeElement().sendKeys("]d201" + GTIN + "17310131" + "10" + LOT + "{GS}21" + unique("N")
                .replace("-", "") + "77994R", Keys.ENTER);
        verdict("amber", "Scan again, or check the scanner's GS setting");
        browser.await(d -> history().size() == 3);
        browser.screenshot("5-scan-again");

        Path photo = dir.resolve("pack.png");
        Files.write(photo, DataMatrixPhotos.photo("01" + GTIN + "17310131" + "10" + LOT + "\u001D21" + genuine, 240,
                800, 600, 12, "png"));
        page.findElement(By.id("photo")).sendKeys(photo.toAbsolutePath().toString());
        browser.await(d -> history().size() == 4);
        verdict("green", "Genuine: the manufacturer confirms this pack");
        browser.screenshot("6-photo");

        List<String> answers = history().stream().map(row -> row.findElements(By.tagName("td")).get(3).getText())
                .toList();
        assertThat(answers).containsExactly("Verified", "Not verified: No_match_GTIN_Serial", "Not verified:"
                + " No_match_GTIN_Serial_Lot", "Verified");

        // the login is the console's session (the same for every console page); logging out hides the page
        page.navigate().refresh();
        browser.await(d -> d.findElement(By.id("who")).getText().contains(name));
        browser.await(d -> history().size() == 4);
        page.findElement(By.id("logout")).click();
        browser.await(d -> visible(d, By.id("login-key")));
        assertThat(page.findElement(By.id("content")).isDisplayed()).isFalse();
        browser.screenshot("7-logged-out");
    }

    @Test
    void aWrongKeyIsRefusedOnThePage() {
        page.get("http://localhost:" + port + "/console/verify");
        browser.await(d -> visible(d, By.id("login-key"))).sendKeys("tg_not-a-key", Keys.ENTER);

        WebElement error = browser.await(d -> visible(d, By.id("login-error")));

        assertThat(error.getText()).contains("unknown or revoked");
        assertThat(page.findElement(By.id("content")).isDisplayed()).isFalse();
    }

    private void verdict(String colour, String sentence) {
        browser.await(d -> {
            WebElement verdict = d.findElement(By.id("verdict"));
            return verdict.isDisplayed() && colour.equals(verdict.getAttribute("data-verdict"))
                    && sentence.equals(d.findElement(By.id("sentence")).getText());
        });
        // a big verdict: the sentence is at least 20 CSS pixels high
        assertThat(page.findElement(By.id("sentence")).getCssValue("font-size")).matches("(2\\d|[3-9]\\d)(\\.\\d+)?px");
    }

    private List<WebElement> history() {
        return page.findElements(By.cssSelector("#history tbody tr"));
    }

    private String focused() {
        return page.switchTo().activeElement().getAttribute("id");
    }

    private static WebElement visible(WebDriver d, By by) {
        List<WebElement> found = d.findElements(by);
        return !found.isEmpty() && found.get(0).isDisplayed() ? found.get(0) : null;
    }
}
