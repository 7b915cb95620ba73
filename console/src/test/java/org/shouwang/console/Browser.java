package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium through its own chromedriver, with a fresh profile and no network of its
 * own: Selenium Manager is never asked to download anything. Missing Chromium fails the test, with the
 * command that installs it, instead of skipping it.
 */
final class Browser {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Browser() {
    }

    /** A desktop browser window of the given size, or a phone of that width when {@code phone}. */
    static ChromeDriver open(int width, int height, boolean phone) throws IOException {
        assertThat(new File(CHROMIUM)).as("Chromium is needed for the browser tests: apt-get install -y chromium chromium-driver")
                .exists();
        assertThat(new File(CHROMEDRIVER)).as("chromedriver is needed for the browser tests: apt-get install -y chromium-driver")
                .exists();
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        Path profile = Files.createTempDirectory("shouwang-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--no-first-run", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--lang=zh-CN", "--window-size=" + width + "," + height,
                "--autoplay-policy=no-user-gesture-required");
        if (phone) {
            options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                    Map.of("width", width, "height", height, "pixelRatio", 2.0, "touch", true)));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }

    /**
     * Saves the whole page (not only the visible part) as {@code target/screenshots/<name>.png}, through
     * chromedriver's own DevTools passthrough; falls back to the viewport if that is refused.
     */
    static Path screenshot(ChromeDriver driver, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path target = SCREENSHOTS.resolve(name + ".png");
        try {
            Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            @SuppressWarnings("unchecked")
            Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0,
                            "width", ((Number) size.get("width")).doubleValue(),
                            "height", ((Number) size.get("height")).doubleValue(), "scale", 1)));
            Files.write(target, Base64.getDecoder().decode((String) shot.get("data")));
        } catch (RuntimeException e) {
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
