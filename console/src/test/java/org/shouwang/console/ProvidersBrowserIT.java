package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.shouwang.notifier.ChannelException;

/**
 * 通知服务商 on 设备维护 (issue 13) in headless Chromium: street staff see Twilio working and Alibaba Cloud down after a
 * failed attempt, with why; an elder's care team says which provider reaches each number. Screenshots in
 * target/screenshots/.
 */
class ProvidersBrowserIT {

    private static ConsoleHarness console;

    @BeforeAll
    static void start() {
        console = new ConsoleHarness();
        console.twilioHealth.succeeded();
        console.aliyunHealth.failed(new ChannelException(ChannelException.Kind.RETRIABLE, "aliyun 503", 503, null, null));
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    @Test
    void streetStaffSeeWhichProviderFailsOnTheMaintenancePage() throws Exception {
        ChromeDriver driver = Browser.open(1280, 900, false);
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
            driver.get("http://127.0.0.1:" + console.port + "/#/devices");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user"))).sendKeys("street");
            driver.findElement(By.id("login-password")).sendKeys(ConsoleHarness.PASSWORD);
            driver.findElement(By.id("login-submit")).click();

            By aliyun = By.cssSelector("#providers tr[data-provider='aliyun']");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(aliyun, "发送失败，请检查"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(aliyun, "HTTP 503"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("#providers tr[data-provider='twilio']"), "正常"));
            Browser.screenshot(driver, "providers-desktop");
        } finally {
            driver.quit();
        }
    }

    @Test
    void theElderPageSaysWhichProviderReachesEachContact() throws Exception {
        long elderId = console.newElder();
        console.post("/api/elders/" + elderId + "/contacts", new io.vertx.core.json.JsonObject()
                .put("role", "FAMILY_CONTACT").put("name", "张女儿").put("phone", "13800001111"));
        ChromeDriver driver = Browser.open(1280, 900, false);
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
            driver.get("http://127.0.0.1:" + console.port + "/#/elder/" + elderId);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user"))).sendKeys("street");
            driver.findElement(By.id("login-password")).sendKeys(ConsoleHarness.PASSWORD);
            driver.findElement(By.id("login-submit")).click();

            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".team .provider"), "经阿里云"));
            Browser.screenshot(driver, "contact-provider");
        } finally {
            driver.quit();
        }
    }
}
