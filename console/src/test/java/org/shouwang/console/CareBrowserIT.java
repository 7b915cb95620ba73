package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.console.CareTestData.contact;
import static org.shouwang.console.CareTestData.keyElder;
import static org.shouwang.console.CareTestData.member;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.shouwang.db.Jdbc;

/**
 * 今日关爱任务 on a 360 px phone in headless Chromium: a community worker whose week with an elder stands at 1 of
 * 2 contacts records the second one at the door in three taps (上门, the 健康 chip, 保存), without the page
 * reloading, and the elder's week turns 已完成 in place. Screenshots go to target/screenshots/.
 */
class CareBrowserIT {

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
    void aCommunityWorkerRecordsAVisitFromTodaysTasksInThreeTapsWithoutAReload() throws Exception {
        long elderId = keyElder(console, ConsoleHarness.COMMUNITY, "王秀英");
        member(console, elderId, "NEIGHBOUR_VOLUNTEER", "王阿姨");
        assertThat(console.worker.post("/api/elders/" + elderId + "/care-records", contact("PHONE")
                .put("requestKey", "earlier-call")).statusCode()).as("the week's first contact").isEqualTo(201);

        ChromeDriver driver = Browser.open(360, 780, true);
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
            // The care list re-renders as data arrives: an element found in one poll may be gone by the next read.
            wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
            driver.get("http://127.0.0.1:" + console.port + "/#/care");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user"))).sendKeys("worker");
            driver.findElement(By.id("login-password")).sendKeys(ConsoleHarness.PASSWORD);
            driver.findElement(By.id("login-submit")).click();
            By week = By.cssSelector("li.care-elder[data-elder='" + elderId + "'] li.duty[data-role='COMMUNITY_WORKER']"
                    + "[data-period='WEEK']:not([data-state='OVERDUE'])");
            // Waits that find the element anew each time: the list re-renders as data arrives (a held one goes stale).
            wait.until(ExpectedConditions.textToBePresentInElementLocated(week, "1/2"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(week, "待完成"));
            // A marker that a reload would wipe out: recording must happen in place.
            driver.executeScript("window.__noReload = true;");

            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("li.care-elder[data-elder='" + elderId
                    + "'] button[data-kind='VISIT']"))).click();                                              // tap 1
            WebElement sheet = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".sheet")));
            sheet.findElement(By.cssSelector("button[data-need='HEALTH']")).click();                      // tap 2
            Browser.screenshot(driver, "care-sheet-phone");
            sheet.findElement(By.cssSelector("button[data-action='save']")).click();                      // tap 3

            wait.until(ExpectedConditions.attributeToBe(week, "data-state", "MET"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(week, "2/2"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(week, "已完成"));
            assertThat(driver.findElements(By.cssSelector(".sheet"))).as("the sheet closed").isEmpty();
            assertThat(driver.executeScript("return window.__noReload === true;"))
                    .as("the page was not reloaded").isEqualTo(true);
            assertThat(driver.getCurrentUrl()).endsWith("#/care");
            List<String> written = new Jdbc(console.db.dataSource()).list("SELECT kind || ' ' || role || ' '"
                    + " || array_to_string(needs, ',') FROM care_record WHERE elder_id = ? ORDER BY id", rs -> rs.getString(1),
                    elderId);
            assertThat(written).containsExactly("PHONE COMMUNITY_WORKER ", "VISIT COMMUNITY_WORKER HEALTH");
            Object overflow = driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) overflow).intValue()).as("sideways scrolling on a 360 px phone").isLessThanOrEqualTo(0);
            Browser.screenshot(driver, "care-tasks-phone");

            driver.get("http://127.0.0.1:" + console.port + "/#/elder/" + elderId);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("ol.care-timeline"), "关爱联系：上门"));
            assertThat(driver.findElement(By.cssSelector("ol.care-timeline")).getText()).contains("关爱联系：电话", "健康");
            Browser.screenshot(driver, "care-elder-phone");
        } finally {
            driver.quit();
        }
    }

    @Test
    void streetStaffSeeTheWeeksComplianceTrendAndOverdueListOnTheSupervisionPage() throws Exception {
        long elderId = keyElder(console, ConsoleHarness.OTHER_COMMUNITY, "李桂兰");
        member(console, elderId, "NEIGHBOUR_VOLUNTEER", "赵大伯");

        ChromeDriver driver = Browser.open(1280, 900, false);
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
            wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
            driver.get("http://127.0.0.1:" + console.port + "/#/supervision");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user"))).sendKeys("street");
            driver.findElement(By.id("login-password")).sendKeys(ConsoleHarness.PASSWORD);
            driver.findElement(By.id("login-submit")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("compliance-total"), "完成率"));
            assertThat(driver.findElements(By.cssSelector("svg.chart.trend"))).hasSize(1);
            assertThat(driver.findElement(By.id("overdue")).getText()).contains("李桂兰", "赵大伯");
            assertThat(driver.findElement(By.id("unsigned")).getText()).contains("李桂兰");
            assertThat(driver.findElement(By.id("response-times")).getText()).contains("报警→确认 中位数");
            assertThat(driver.findElements(By.cssSelector("a[href^='/api/compliance/report?street=']"))).hasSize(1);
            Browser.screenshot(driver, "care-supervision-desktop");
        } finally {
            driver.quit();
        }
    }
}
