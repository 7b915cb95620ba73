package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.shouwang.db.Jdbc;
import org.shouwang.db.Notification;
import org.shouwang.db.NotificationChannel;
import org.shouwang.db.NotificationStore;
import org.shouwang.model.Addresses;
import org.shouwang.model.IncidentChange;
import org.shouwang.model.IncidentState;
import org.shouwang.model.Json;
import org.shouwang.model.Incident;
import org.shouwang.model.Rule;

/**
 * The console in headless Chromium, as street staff use it: sign in, watch a new critical incident appear
 * in the queue without reloading (with the alarm), acknowledge it in one click (by keyboard alone on the
 * desktop), open it, see the elder, the care team to call, the water chart and the timeline, resolve it
 * with an outcome and a service record. Once on a desktop and once on a 360 px phone; screenshots go to target/screenshots/.
 */
class ConsoleBrowserIT {

    private static ConsoleHarness console;

    @BeforeAll
    static void start() {
        console = new ConsoleHarness();
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void streetStaffSeeANewIncidentLiveAcknowledgeAndResolveItOnADesktop() throws Exception {
        walkThrough(1280, 900, false, "desktop");
    }

    @Test
    void streetStaffDoTheSameOnA360PixelPhoneWithoutSidewaysScrolling() throws Exception {
        walkThrough(360, 780, true, "phone");
    }

    private void walkThrough(int width, int height, boolean phone, String name) throws Exception {
        long elderId = elderWithWaterUse();
        ChromeDriver driver = Browser.open(width, height, phone);
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
            driver.get("http://127.0.0.1:" + console.port + "/");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user"))).sendKeys("street");
            assertThat(driver.findElement(By.id("nav")).isDisplayed()).as("menu before sign-in").isFalse();
            assertThat(driver.findElement(By.id("alarm")).isDisplayed()).as("alarm before any incident").isFalse();
            driver.findElement(By.id("login-password")).sendKeys(ConsoleHarness.PASSWORD);
            driver.findElement(By.id("login-submit")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-state"), "实时更新中"));
            assertThat(driver.findElement(By.id("who-name")).getText()).contains("陈值班", "平江街道");
            // A marker that a reload would wipe out: the incident must arrive without one.
            driver.executeScript("window.__noReload = true;");

            Incident incident = console.raise(elderId, Rule.BUTTON_PRESSED);

            By row = By.cssSelector("#rows tr[data-id='" + incident.id() + "']");
            WebElement appeared = wait.until(ExpectedConditions.visibilityOfElementLocated(row));
            assertThat(appeared.getText()).contains("一键呼叫", "张桂英", "紧急");
            assertThat(driver.executeScript("return window.__noReload === true;"))
                    .as("the page was not reloaded to show the new incident").isEqualTo(true);
            page(incident, elderId);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(row, "王阿姨（邻里/志愿者） 短信：已送达"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("alarm")));
            assertThat(driver.findElement(By.id("alarm")).getText()).contains("新的紧急事件");
            Browser.screenshot(driver, "queue-" + name);

            WebElement ack = driver.findElement(By.cssSelector("[data-key='ack-" + incident.id() + "']"));
            if (phone) {
                ack.click();
            } else {
                acknowledgeByKeyboard(driver, ack);
            }
            wait.until(ExpectedConditions.invisibilityOfElementLocated(row));
            assertThat(driver.executeScript("return window.__noReload === true;"))
                    .as("acknowledging does not reload the page").isEqualTo(true);
            wait.until(d -> console.incidents.find(incident.id()).orElseThrow().state().wire().equals("acknowledged"));

            driver.get("http://127.0.0.1:" + console.port + "/#/incident/" + incident.id());
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".state"), "处置中：陈值班"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("svg.chart rect.bar")));
            assertThat(driver.findElements(By.cssSelector("a.tel[href^='tel:']"))).isNotEmpty();
            assertThat(driver.findElement(By.cssSelector(".facts-list")).getText()).contains("********");

            new Select(driver.findElement(By.cssSelector("select[name=outcome]"))).selectByVisibleText("老人安全");
            driver.findElement(By.cssSelector("input[name=note][placeholder^='服务记录']")).sendKeys("已上门，老人平安");
            driver.findElement(By.xpath("//button[text()='办结']")).click();

            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".state"), "已办结：老人安全"));
            String timeline = driver.findElement(By.cssSelector("ol.timeline")).getText();
            assertThat(timeline).contains("告警触发", "确认接手", "办结", "服务记录", "已上门，老人平安");
            Browser.screenshot(driver, "incident-" + name);

            if (phone) {
                Object overflow = driver.executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertThat(((Number) overflow).intValue()).as("sideways scrolling on a 360 px phone").isLessThanOrEqualTo(0);
            }
        } finally {
            driver.quit();
        }
    }

    /**
     * Keyboard only: Tab from the top of the page until the 确认接手 button has the focus, then Enter.
     * Proves the button is reachable in tab order and works without a pointer.
     */
    private static void acknowledgeByKeyboard(ChromeDriver driver, WebElement ack) {
        driver.executeScript("if (document.activeElement) document.activeElement.blur(); window.scrollTo(0, 0);");
        Actions keys = new Actions(driver);
        for (int tabs = 0; tabs < 150 && !ack.equals(driver.switchTo().activeElement()); tabs++) {
            keys.sendKeys(Keys.TAB).perform();
        }
        assertThat(driver.switchTo().activeElement()).as("确认接手 reached with the Tab key").isEqualTo(ack);
        assertThat(ack.getText()).isEqualTo("确认接手");
        keys.sendKeys(Keys.ENTER).perform();
    }

    /** The notifier's part, done by hand: an SMS to the neighbour, delivered, announced as "paged". */
    private static void page(Incident incident, long elderId) {
        NotificationStore outbox = new NotificationStore(console.db.dataSource());
        long contactId = console.registry.contacts(elderId).get(0).id();
        Notification sms = outbox.enqueue(incident.id(), contactId, NotificationChannel.SMS, "+8613900000000",
                "【守望】测试", "browser-" + incident.id()).notification();
        outbox.markSent(sms.id(), "SM" + incident.id(), Instant.now());
        outbox.recordDelivery(sms.id(), "SM" + incident.id(), "delivered", Instant.now(), previous -> true);
        console.vertx.eventBus().publish(Addresses.INCIDENT_CHANGED, Json.write(new IncidentChange(incident.id(),
                elderId, IncidentState.OPEN, "paged")));
    }

    /** An elder of the street user's scope with a care contact, a meter and a week of water use. */
    private static long elderWithWaterUse() {
        long elderId = console.newElder();
        console.post("/api/elders/" + elderId + "/contacts", new io.vertx.core.json.JsonObject()
                .put("role", "NEIGHBOUR_VOLUNTEER").put("name", "王阿姨").put("phone", console.phone()));
        String meter = "wm-browser-" + console.next();
        console.registry.addDevice(meter, org.shouwang.model.DeviceKind.WATER_METER, elderId);
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(7));
        new Jdbc(console.db.dataSource()).update("INSERT INTO water_use (device_id, start_ts, end_ts, liters, msg_id)"
                + " SELECT ?, ?::timestamptz + h * interval '1 hour', ?::timestamptz + (h + 1) * interval '1 hour',"
                + " CASE WHEN extract(hour FROM ?::timestamptz + h * interval '1 hour') BETWEEN 23 AND 24"
                + " OR extract(hour FROM ?::timestamptz + h * interval '1 hour') BETWEEN 0 AND 10"
                + " THEN 4 + (h % 5) * 2.5 ELSE 0 END, 'seed-' || h FROM generate_series(0, 167) AS h",
                meter, start, start, start, start);
        return elderId;
    }
}
