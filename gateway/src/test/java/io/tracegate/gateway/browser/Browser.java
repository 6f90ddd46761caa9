package io.tracegate.gateway.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, for the console's page tests: the browser and the
 * driver are the distribution's ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}, installed by the build
 * when missing, see {@code src/test/browser/install-chromium.sh}); both paths are given, so Selenium Manager never
 * looks for, let alone downloads, a browser. Screenshots go to {@code target/screenshots/<suite>/}.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** A phone's screen (CSS pixels): the pages must be usable there. */
    public static final Dimension PHONE = new Dimension(412, 915);

    private final ChromeDriver driver;
    private final Path profile;
    private final Path screenshots;

    private Browser(ChromeDriver driver, Path profile, Path screenshots) {
        this.driver = driver;
        this.profile = profile;
        this.screenshots = screenshots;
    }

    /** Starts Chromium with a new empty profile, the window the size of {@code window}. */
    public static Browser open(String suite, Dimension window) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException(CHROMIUM + " and " + CHROMEDRIVER + " are needed for the page tests:"
                    + " the build installs them (src/test/browser/install-chromium.sh), or run 'apt-get install"
                    + " chromium chromium-driver' as root");
        }
        try {
            Path profile = Files.createTempDirectory("tracegate-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            // the flags known to work on the build machines: no sandbox as root, and no background connections,
            // which the closed network refuses
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                    "--window-size=" + window.getWidth() + "," + window.getHeight());
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            Path screenshots = Path.of("target", "screenshots", suite);
            Files.createDirectories(screenshots);
            return new Browser(driver, profile, screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Waits up to 10 s for the condition to give a non-null, non-false value, and returns it. */
    public <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).until(condition::apply);
    }

    /** Saves what the page shows now as {@code target/screenshots/<suite>/<name>.png}; returns the file. */
    public Path screenshot(String name) {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        try {
            return Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary profile left behind is harmless
        }
    }
}
