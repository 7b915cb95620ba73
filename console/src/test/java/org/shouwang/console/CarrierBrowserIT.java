package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.shouwang.db.CarrierStore;
import org.shouwang.db.Jdbc;
import org.shouwang.model.CarrierPlatform;
import org.shouwang.model.DeviceKind;

/**
 * 未登记设备 on 设备维护 (issue 14) in headless Chromium: a CTWing meter that pushed twice is listed with its count, is
 * bound to a registered meter with the button, leaves the list, and the meter's row shows 下次上传预计. Screenshot in
 * target/screenshots/.
 */
class CarrierBrowserIT {

    private static final String IDENTITY = "15000002862592051650001";
    private static ConsoleHarness console;
    private static String meter;

    @BeforeAll
    static void start() {
        console = new ConsoleHarness();
        CarrierStore carrier = console.stores.carrier();
        for (String key : new String[] {"a", "b"}) {
            carrier.accept(CarrierPlatform.CTWING, IDENTITY + "/" + key, "{}");
            long id = carrier.pending(100).stream().filter(r -> r.dedupKey().equals(IDENTITY + "/" + key)).findFirst()
                    .orElseThrow().id();
            carrier.markUnbound(id, CarrierPlatform.CTWING, IDENTITY, "15000002", "862592051650001");
        }
        long elderId = console.newElder();
        meter = "nb-browser-" + console.next();
        console.registry.addDevice(meter, DeviceKind.WATER_METER, elderId);
        new Jdbc(console.db.dataSource()).update("UPDATE device SET last_seen_at = ? WHERE device_id = ?",
                Instant.now().minus(Duration.ofHours(2)), meter);
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    @Test
    void anUnboundCarrierMeterIsBoundFromTheMaintenancePageAndItsNextUploadShows() throws Exception {
        ChromeDriver driver = Browser.open(1280, 900, false);
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
            driver.get("http://127.0.0.1:" + console.port + "/#/devices");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user"))).sendKeys("street");
            driver.findElement(By.id("login-password")).sendKeys(ConsoleHarness.PASSWORD);
            driver.findElement(By.id("login-submit")).click();

            By entry = By.cssSelector("#carrier-unbound li[data-carrier-device='" + IDENTITY + "']");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(entry, "未登记设备，已收到 2 次，最近"));
            assertThat(driver.findElement(entry).getText()).contains("中国电信 CTWing", "862592051650001");
            Browser.screenshot(driver, "carrier-unbound");
            WebElement form = driver.findElement(entry);
            form.findElement(By.name("deviceId")).sendKeys(meter);
            form.findElement(By.cssSelector("select[name=decoder] option[value=properties]")).click();
            form.findElement(By.name("uploadIntervalHours")).sendKeys("24");
            form.findElement(By.cssSelector("button[type=submit]")).click();

            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "已绑定到 " + meter));
            wait.until(ExpectedConditions.invisibilityOfElementLocated(entry));
            driver.findElement(By.cssSelector("#view input[type=checkbox]")).click(); // every device, not only problems
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("view"), "（每 24 小时）"));
            Browser.screenshot(driver, "carrier-bound");
        } finally {
            driver.quit();
        }
    }
}
