package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.console.RoutineTestData.NOW;
import static org.shouwang.console.RoutineTestData.TODAY;
import static org.shouwang.console.RoutineTestData.regularHome;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.shouwang.db.Jdbc;
import org.shouwang.model.DaySlots;
import org.shouwang.model.Rule;
import org.shouwang.testkit.TestClock;

/**
 * 用水习惯 on the elder's page (老人档案) in headless Chromium, on a desktop and on a 360 px phone: the learned day
 * drawn (typical and today's bars, the limit line, the gap), its text alternative, the sentence under it, and for a
 * home that missed its morning the explanation in red and its open 用水习惯异常 incident. The console's clock is at 10:10 of the day
 * {@link RoutineTestData} writes. Screenshots go to target/screenshots/.
 */
class RoutineBrowserIT {

    private static ConsoleHarness console;
    private static long regular;
    private static long missedMorning;
    private static long learning;
    private static long restarted;

    @BeforeAll
    static void start() {
        console = new ConsoleHarness(new TestClock(NOW));
        regular = console.newElder();
        regularHome(console, regular, 14, true);
        missedMorning = console.newElder();
        regularHome(console, missedMorning, 14, false);
        console.raise(missedMorning, Rule.ROUTINE_BREAK);
        learning = console.newElder();
        regularHome(console, learning, 6, true);
        restarted = console.newElder();
        String meter = regularHome(console, restarted, 14, false);
        // Staff resolved its ROUTINE_BREAK as 老人安全 at 08:30: the watch counts from there.
        new Jdbc(console.db.dataSource()).update("INSERT INTO rule_watch (device_id, rule, at, reason)"
                + " VALUES (?, 'ROUTINE_BREAK', ?, 'RESOLVED')", meter, TODAY.atTime(8, 30).atZone(DaySlots.ZONE).toInstant());
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void streetStaffSeeTheLearnedDayWithTodayAndTheGapOnADesktop() throws Exception {
        walkThrough(1280, 900, false, "desktop");
    }

    @Test
    void theSameFitsA360PixelPhoneWithoutSidewaysScrolling() throws Exception {
        walkThrough(360, 780, true, "phone");
    }

    private void walkThrough(int width, int height, boolean phone, String name) throws Exception {
        ChromeDriver driver = Browser.open(width, height, phone);
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
            driver.get("http://127.0.0.1:" + console.port + "/#/elder/" + regular);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user"))).sendKeys("street");
            driver.findElement(By.id("login-password")).sendKeys(ConsoleHarness.PASSWORD);
            driver.findElement(By.id("login-submit")).click();

            WebElement chart = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#routine svg.chart.routine")));
            assertThat(driver.findElement(By.cssSelector("#routine h3")).getText()).isEqualTo("用水习惯");
            assertThat(chart.getAttribute("role")).isEqualTo("img");
            assertThat(chart.getAttribute("aria-label")).contains("用水习惯图", "7时", "今日已用水 5.0 升",
                    "当前已 2小时45分 未用水");
            assertThat(chart.findElements(By.cssSelector("rect.typical"))).hasSize(4);
            assertThat(chart.findElements(By.cssSelector("rect.today"))).hasSize(1);
            assertThat(chart.findElements(By.cssSelector("polyline.limit"))).hasSize(1);
            assertThat(chart.findElements(By.cssSelector("polyline.gap:not(.over)"))).hasSize(1);
            WebElement sentence = driver.findElement(By.id("routine-sentence"));
            assertThat(sentence.isDisplayed()).isTrue();
            assertThat(sentence.getText()).isEqualTo("通常 7:15 前开始用水；此刻距上次用水 2小时45分，习惯上限 5小时");
            assertThat(driver.findElement(By.cssSelector("#routine .routine-settings")).getText())
                    .contains("用水习惯灵敏度 1", "0 = 关闭", "习惯规则最短时长 3小时");
            assertThat(driver.findElements(By.id("routine-explanation"))).isEmpty();
            noSidewaysScrolling(driver, phone);
            Browser.screenshot(driver, "routine-" + name);

            driver.get("http://127.0.0.1:" + console.port + "/#/elder/" + missedMorning);
            WebElement why = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("routine-explanation")));
            assertThat(why.getText()).isEqualTo("通常7:15前用水，今天至10:00仍无用水");
            assertThat(why.getCssValue("color")).as("in red").isEqualTo("rgba(180, 35, 24, 1)");
            assertThat(driver.findElements(By.cssSelector("#routine polyline.gap.over"))).hasSize(1);
            assertThat(driver.findElement(By.id("page")).getText()).as("the open incident by its rule's name")
                    .contains("用水习惯异常");
            assertThat(driver.findElement(By.id("routine-sentence")).getText())
                    .contains("距上次用水 11小时45分，习惯上限 5小时");
            noSidewaysScrolling(driver, phone);
            Browser.screenshot(driver, "routine-over-" + name);

            driver.get("http://127.0.0.1:" + console.port + "/#/elder/" + learning);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("routine-sentence"),
                    "正在学习用水习惯（已学习 6 天，需 10 天）"));
            assertThat(driver.findElements(By.cssSelector("#routine polyline.limit"))).as("no limit before it is armed")
                    .isEmpty();

            driver.get("http://127.0.0.1:" + console.port + "/#/elder/" + restarted);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("routine-sentence"),
                    "通常 7:15 前开始用水；此刻自 8:30 起重新计时，已 1小时30分，习惯上限 5小时"));
            assertThat(driver.findElements(By.id("routine-explanation"))).isEmpty();
        } finally {
            driver.quit();
        }
    }

    private static void noSidewaysScrolling(ChromeDriver driver, boolean phone) {
        if (!phone) {
            return;
        }
        Object overflow = driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue()).as("sideways scrolling on a 360 px phone").isLessThanOrEqualTo(0);
        Object chartWidth = driver.executeScript(
                "return document.querySelector('#routine svg.chart').getBoundingClientRect().right;");
        assertThat(((Number) chartWidth).doubleValue()).as("the chart within the screen").isLessThanOrEqualTo(360);
    }
}
