package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.console.RoutineTestData.DATA_UNTIL;
import static org.shouwang.console.RoutineTestData.NOW;
import static org.shouwang.console.RoutineTestData.TODAY;
import static org.shouwang.console.RoutineTestData.regularHome;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.db.AccountRole;
import org.shouwang.db.Jdbc;
import org.shouwang.model.DaySlots;
import org.shouwang.model.Rule;
import org.shouwang.testkit.TestClock;

/**
 * {@code GET /api/elders/{id}/routine} over real PostgreSQL, the meters' readings written through TelemetryStore
 * (see {@link RoutineTestData} for the day and the limits worked out by hand), the console's clock at 10:10.
 */
class RoutineApiIT {

    private static ConsoleHarness console;

    @BeforeAll
    static void start() {
        console = new ConsoleHarness(new TestClock(NOW));
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void aRegularHomeIsArmedWithTheLimitsItsOwnDaysGiveAndTodaysGapUnderIt() {
        long elderId = console.newElder();
        String meter = regularHome(console, elderId, 14, true);

        JsonObject r = routine(elderId);

        assertThat(r.getString("meterId")).isEqualTo(meter);
        assertThat(r.getBoolean("enabled")).isTrue();
        assertThat(r.getBoolean("armed")).isTrue();
        assertThat(r.getInteger("learnedDays")).isEqualTo(14);
        assertThat(r.getInteger("daysNeeded")).isEqualTo(10);
        assertThat(r.getString("usualFirstUse")).isEqualTo("07:15");
        JsonArray limits = r.getJsonArray("limits");
        assertThat(limits).hasSize(96);
        assertThat(limits.getInteger(39)).as("09:45-10:00, by hand").isEqualTo(300);
        assertThat(limits.getInteger(40)).as("10:00-10:15, by hand").isEqualTo(318);
        assertThat(r.getJsonArray("typicalGaps")).hasSize(96);
        JsonArray typical = r.getJsonArray("typicalByHour");
        assertThat(typical).hasSize(24);
        assertThat(List.of(typical.getDouble(7), typical.getDouble(12), typical.getDouble(18), typical.getDouble(22)))
                .containsOnly(5.0);
        assertThat(typical.getDouble(3)).isZero();
        JsonArray today = r.getJsonArray("today");
        assertThat(today).hasSize(24);
        assertThat(today.getDouble(7)).isEqualTo(5.0);
        assertThat(today.getDouble(0)).isZero();
        assertThat(today.getDouble(10)).as("the hour under way, nothing yet").isZero();
        assertThat(today.getValue(11)).as("an hour to come").isNull();

        JsonObject gap = r.getJsonObject("gap");
        Instant lastUse = TODAY.atTime(7, 15).atZone(DaySlots.ZONE).toInstant();
        assertThat(Instant.parse(gap.getString("since"))).isEqualTo(lastUse);
        assertThat(Instant.parse(gap.getString("until"))).as("as far as the data reaches").isEqualTo(DATA_UNTIL);
        assertThat(gap.getLong("minutes")).isEqualTo(165);
        assertThat(gap.getLong("limitMinutes")).isEqualTo(300);
        assertThat(gap.getBoolean("over")).isFalse();
        assertThat(r.getValue("explanation")).isNull();
    }

    @Test
    void aMorningWithoutTheUsualFirstUseIsOverTheLimitExplainedAsTheAlertSaysItAndAResolutionRestartsTheCount() {
        long elderId = console.newElder();
        String meter = regularHome(console, elderId, 14, false);

        JsonObject gap = routine(elderId).getJsonObject("gap");
        assertThat(Instant.parse(gap.getString("since"))).as("after last night's use")
                .isEqualTo(TODAY.minusDays(1).atTime(22, 15).atZone(DaySlots.ZONE).toInstant());
        assertThat(gap.getLong("minutes")).isEqualTo(11 * 60 + 45);
        assertThat(gap.getBoolean("over")).isTrue();
        assertThat(routine(elderId).getString("explanation")).isEqualTo("通常7:15前用水，今天至10:00仍无用水");

        // Staff resolved a ROUTINE_BREAK as 老人安全 at 08:30: the rules count from there (rule_watch).
        Instant resolved = TODAY.atTime(8, 30).atZone(DaySlots.ZONE).toInstant();
        new Jdbc(console.db.dataSource()).update("INSERT INTO rule_watch (device_id, rule, at, reason)"
                + " VALUES (?, 'ROUTINE_BREAK', ?, 'RESOLVED')", meter, resolved);
        JsonObject after = routine(elderId);
        assertThat(Instant.parse(after.getJsonObject("gap").getString("since"))).isEqualTo(resolved);
        assertThat(after.getJsonObject("gap").getLong("minutes")).isEqualTo(90);
        assertThat(after.getJsonObject("gap").getBoolean("over")).isFalse();
        assertThat(after.getValue("explanation")).isNull();
    }

    @Test
    void theQueueNamesTheLearnedRuleInChinese() {
        long elderId = console.newElder();
        long id = console.raise(elderId, Rule.ROUTINE_BREAK).id();
        JsonObject row = console.get("/api/incidents").bodyAsJsonArray().stream().map(JsonObject.class::cast)
                .filter(i -> i.getLong("id") == id).findFirst().orElseThrow();
        assertThat(row.getString("rule")).isEqualTo("ROUTINE_BREAK");
        assertThat(row.getString("ruleLabel")).isEqualTo("用水习惯异常");
    }

    @Test
    void absencesExtremeWeatherAndSensitivityZeroAreHonouredAsTheRulesHonourThem() {
        long elderId = console.newElder();
        regularHome(console, elderId, 14, false);

        assertThat(console.street.post("/api/elders/" + elderId + "/absences", new JsonObject()
                .put("from", "2026-06-10T08:00:00+08:00").put("to", "2026-06-11T20:00:00+08:00")
                .put("reason", "探亲")).statusCode()).isEqualTo(201);
        assertThat(routine(elderId).getInteger("learnedDays")).as("the two days away are not learned").isEqualTo(12);

        assertThat(console.street.post("/api/weather", new JsonObject().put("street", ConsoleHarness.STREET)
                .put("on", true)).statusCode()).isEqualTo(201);
        try {
            JsonObject tight = routine(elderId);
            assertThat(tight.getJsonObject("settings").getBoolean("extremeWeather")).isTrue();
            assertThat(tight.getJsonObject("settings").getDouble("sensitivity")).isEqualTo(1.5);
            assertThat(tight.getJsonArray("limits").getInteger(39)).as("a margin of 75 / 1.5").isEqualTo(275);
        } finally {
            console.street.post("/api/weather", new JsonObject().put("street", ConsoleHarness.STREET).put("on", false));
        }

        assertThat(console.district.put("/api/rules/thresholds?elderId=" + elderId,
                new JsonObject().put("routineSensitivity", 0.0)).statusCode()).isEqualTo(200);
        JsonObject off = routine(elderId);
        assertThat(off.getBoolean("enabled")).isFalse();
        assertThat(off.getJsonObject("settings").getDouble("routineSensitivity")).isZero();
        assertThat(off.getJsonObject("gap").getBoolean("over")).as("off: never over").isFalse();
        assertThat(off.getValue("explanation")).isNull();
    }

    @Test
    void aHomeStillLearningSaysHowManyDaysItHasAndAnElderWithoutAMeterHasNone() {
        long learning = console.newElder();
        regularHome(console, learning, 6, true);
        JsonObject r = routine(learning);
        assertThat(r.getBoolean("armed")).isFalse();
        assertThat(r.getInteger("learnedDays")).isEqualTo(6);
        assertThat(r.getJsonObject("gap").getBoolean("over")).isFalse();

        JsonObject none = routine(console.newElder());
        assertThat(none.getValue("meterId")).isNull();
        assertThat(none.getBoolean("armed")).isFalse();
        assertThat(none.getValue("gap")).isNull();
    }

    @Test
    void anotherStreetsStaffAndAnotherCommunitysWorkerAreRefusedAndEveryViewIsAudited() {
        long elderId = console.newElder();
        regularHome(console, elderId, 14, true);
        ConsoleAccounts.createIfAbsent(console.accounts, "canglang", "周值班", AccountRole.STREET, "沧浪街道", List.of(),
                ConsoleHarness.PASSWORD, "t");
        StaffClient otherStreet = console.login("canglang");

        for (StaffClient stranger : List.of(otherStreet, console.other)) {
            HttpResponse<Buffer> refused = stranger.get("/api/elders/" + elderId + "/routine");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.bodyAsString()).doesNotContain("wm-routine", "张桂英");
        }
        HttpResponse<Buffer> shown = console.worker.get("/api/elders/" + elderId + "/routine");
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.bodyAsString()).as("no personal data").doesNotContain("张桂英", "大儒巷12号", "3205081942");
        assertThat(console.district.get("/api/elders/" + elderId + "/routine").statusCode()).isEqualTo(200);
        assertThat(console.worker.get("/api/elders/999999/routine").statusCode()).isEqualTo(404);

        List<String> audited = new Jdbc(console.db.dataSource()).list("SELECT actor || ' ' || action || ' '"
                + " || target_kind || ' ' || target_id FROM audit_log WHERE elder_id = ? AND action = 'VIEW_ROUTINE'"
                + " ORDER BY id", rs -> rs.getString(1), elderId);
        assertThat(audited).containsExactly("李社工 VIEW_ROUTINE elder " + elderId, "区值班 VIEW_ROUTINE elder " + elderId);
    }

    private static JsonObject routine(long elderId) {
        HttpResponse<Buffer> r = console.street.get("/api/elders/" + elderId + "/routine");
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        return r.bodyAsJsonObject();
    }
}
