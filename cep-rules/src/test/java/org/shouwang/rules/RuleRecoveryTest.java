package org.shouwang.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.rules.EngineHarness.T0;
import static org.shouwang.rules.EngineHarness.at;
import static org.shouwang.rules.EngineHarness.h;
import static org.shouwang.rules.EngineHarness.interval;
import static org.shouwang.rules.EngineHarness.min;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shouwang.model.Alert;
import org.shouwang.model.AlertCleared;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.Rule;
import org.shouwang.model.Telemetry;
import org.shouwang.model.WaterInterval;
import org.shouwang.model.WatchRestart;
import org.shouwang.model.IncidentResolution;

/**
 * A restart rebuilds rule state from what was stored (here in memory; {@code RuleRestartIT} does it on
 * PostgreSQL): nothing pending is forgotten, nothing raised is raised again.
 */
class RuleRecoveryTest {

    private static final String METER = "meter-1";
    private static final String BUTTON = "button-1";

    private final MemoryRuleStore store = new MemoryRuleStore();
    private final RecoveringRules rules = new RecoveringRules(store);
    private final List<Alert> published = rules.published;
    private final List<AlertCleared> clearsPublished = rules.cleared;
    private RuleEngine engine;
    private int seq;

    @AfterEach
    void stop() {
        rules.close();
    }

    @Test
    void aPendingNoWaterUseStillFiresAtItsTimeAfterARestartAndNothingFiresTwice() {
        // GIVEN an elder who used water at T0 and then nothing, a press at T0+2h and a low battery at T0+5h
        start(at(h(-1)));
        report(h(0), 90, interval(min(-15), h(0), 20));
        for (int hour = 1; hour <= 20; hour++) {
            report(h(hour), hour >= 5 ? 15 : 90);
            if (hour == 2) {
                press(h(2), "p1");
            }
        }
        assertThat(published).extracting(Alert::rule).containsExactly(Rule.BUTTON_PRESSED, Rule.LOW_BATTERY);

        // WHEN the platform stops at T0+20h and starts again
        restart(at(h(20)));
        assertThat(published).hasSize(2);

        // THEN the silence since T0 is raised at T0+24h, as if there had been no restart, and only it
        for (int hour = 21; hour <= 23; hour++) {
            report(h(hour), 15);
        }
        engine.advanceTo(at(h(24)).minusSeconds(60));
        assertThat(published).hasSize(2);
        report(h(24), 15);
        assertThat(published).extracting(Alert::rule, Alert::at).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Rule.BUTTON_PRESSED, at(h(2))),
                org.assertj.core.groups.Tuple.tuple(Rule.LOW_BATTERY, at(h(5))),
                org.assertj.core.groups.Tuple.tuple(Rule.NO_WATER_USE, at(h(24))));
        assertThat(published.get(2).alertId()).isEqualTo("NO_WATER_USE:meter-1:" + T0.toEpochMilli());
    }

    @Test
    void aDeadlineThatFellWhileTheRulesWereDownIsRaisedAtStart() {
        start(at(h(-1)));
        report(h(0), 90, interval(min(-15), h(0), 20));
        reportHourly(1, 20);
        engine.close();
        engine = null;

        // ingest kept storing while the rules were down (a failover)
        for (int hour = 21; hour <= 26; hour++) {
            store(reading(h(hour), 90));
        }
        restart(at(h(26.5)));

        // Found from the meter's digest: raised at its last arrival (the replay of every reading said h24)
        assertThat(published).singleElement().satisfies(alert -> {
            assertThat(alert.alertId()).isEqualTo("NO_WATER_USE:meter-1:" + T0.toEpochMilli());
            assertThat(alert.at()).isEqualTo(at(h(26)));
        });
        assertThat(store.journal).containsKey(published.get(0).alertId());
    }

    @Test
    void aPressStoredButNeverJudgedIsRaisedAtStartAndOneAlreadyRaisedIsNot() {
        start(at(h(-1)));
        press(h(1), "p1");
        // a crash between ingest's commit and the rules: stored, never judged
        store.events.add(TestRecords.button(BUTTON, "p2", at(h(2)), DeviceEvent.Action.PRESS));
        engine.close();
        engine = null;

        restart(at(h(3)));

        assertThat(published).extracting(Alert::alertId)
                .containsExactly("BUTTON_PRESSED:button-1:p1", "BUTTON_PRESSED:button-1:p2");
    }

    @Test
    void anEpisodeRaisedBeforeTheReplayedPeriodStaysOpenUnderItsIdAndClearsWhenItEnds() {
        // GIVEN a meter silent for four days, its DEVICE_SILENT raised on day one (before the 3-day lookback)
        start(at(h(-1)));
        report(h(0), 90);
        engine.advanceTo(at(h(4)));
        assertThat(published).extracting(Alert::rule).containsExactly(Rule.DEVICE_SILENT);
        String alertId = published.get(0).alertId();

        // WHEN the platform restarts on day four
        restart(at(h(96)));

        // THEN nothing is raised again, and the meter's return clears the old alert by its id
        assertThat(published).hasSize(1);
        report(h(97), 90, interval(h(96.75), h(97), 15));
        assertThat(clearsPublished).extracting(AlertCleared::alertId).containsExactly(alertId);
    }

    @Test
    void aClearThatWasNeverPublishedIsPublishedAtStart() {
        start(at(h(-1)));
        report(h(0), 90);
        engine.advanceTo(at(h(4)));
        assertThat(published).hasSize(1);
        engine.close();
        engine = null;
        // the meter came back while the rules were down
        store(reading(h(5), 90));

        restart(at(h(6)));

        assertThat(clearsPublished).extracting(AlertCleared::alertId).containsExactly(published.get(0).alertId());
        assertThat(store.journal.get(published.get(0).alertId()).clearedAt()).isEqualTo(at(h(5)));
    }

    @Test
    void aFlowRunningForNinetyMinutesAtTheRestartIsRaisedThirtyMinutesLaterUnderItsStart() {
        // GIVEN water running since T0+10h (20 L every 15 min), the rules restarted at T0+11.5h
        start(at(h(-1)));
        reportHourly(0, 9);
        for (int q = 41; q <= 46; q++) {
            quarter(q, 20);
        }
        assertThat(published).isEmpty();
        restart(at(h(11.5)));
        assertThat(published).isEmpty();

        // WHEN it keeps running THEN CONTINUOUS_FLOW comes at T0+12h, named by T0+10h, and clears when it stops
        quarter(47, 20);
        assertThat(published).isEmpty();
        quarter(48, 20);
        assertThat(published).singleElement().satisfies(alert -> {
            assertThat(alert.rule()).isEqualTo(Rule.CONTINUOUS_FLOW);
            assertThat(alert.at()).isEqualTo(at(h(12)));
            assertThat(alert.alertId()).isEqualTo("CONTINUOUS_FLOW:meter-1:" + at(h(10)).toEpochMilli());
        });
        quarter(49, 0.5);
        assertThat(clearsPublished).extracting(AlertCleared::alertId).containsExactly(published.get(0).alertId());
    }

    @Test
    void aFlowThatStoppedWhileTheRulesWereDownIsClearedAtStartAndAHighDayStaysOpen() {
        // GIVEN a leak all day (40 L every 15 min from T0+1h): CONTINUOUS_FLOW, then HIGH_USE, both journaled
        start(at(h(-1)));
        for (int q = 5; q <= 60; q++) {
            quarter(q, 40);
        }
        assertThat(published).extracting(Alert::rule).containsExactly(Rule.CONTINUOUS_FLOW, Rule.HIGH_USE);
        engine.close();
        engine = null;

        // WHEN the leak was fixed while the rules were down
        store(reading(h(15.5), 90, interval(h(15.25), h(15.5), 1)));
        restart(at(h(15.75)));

        // THEN the stopped flow is cleared at start, the high day is not raised again and stays open
        assertThat(clearsPublished).extracting(AlertCleared::rule).containsExactly(Rule.CONTINUOUS_FLOW);
        assertThat(published).hasSize(2);
        assertThat(engine.openEpisodes()).extracting(OpenEpisode::alertId).containsExactly(published.get(1).alertId());
    }

    @Test
    void anElderSafeResolutionSurvivesARestartSoTheFallIsStillPaged() {
        // GIVEN NO_WATER_USE at T0+24h, resolved as elder safe at T0+26h, the rules told of it
        start(at(h(-1)));
        report(h(0), 90, interval(min(-15), h(0), 20));
        reportHourly(1, 26);
        engine.incidentResolved(List.of(published.get(0).alertId()), at(h(26)));
        reportHourly(27, 30);

        // WHEN the platform restarts at T0+30h and the elder still uses no water
        restart(at(h(30)));
        reportHourly(31, 49);
        assertThat(published).hasSize(1);
        reportHourly(50, 50);

        // THEN the old episode stays closed and the watch from the resolution raises at T0+50h
        assertThat(published).extracting(Alert::alertId).containsExactly("NO_WATER_USE:meter-1:" + T0.toEpochMilli(),
                "NO_WATER_USE:meter-1:" + at(h(26)).toEpochMilli());
        assertThat(store.watches).extracting(WatchRestart::reason).containsExactly(WatchRestart.Reason.RESOLVED);
    }

    @Test
    void aResolutionTheRulesNeverHeardOfIsTakenFromTheIncidentAtRestart() {
        // GIVEN NO_WATER_USE at T0+24h; its incident resolved at T0+26h while the rules were down
        start(at(h(-1)));
        report(h(0), 90, interval(min(-15), h(0), 20));
        reportHourly(1, 26);
        String first = published.get(0).alertId();
        engine.close();
        engine = null;
        store.resolutions.put(1L, new IncidentResolution(at(h(26)), List.of(first)));
        for (int hour = 27; hour <= 30; hour++) {
            store(reading(h(hour), 90));
        }

        // WHEN the rules start again
        restart(at(h(30.5)));

        // THEN the episode is closed (journal too) and the watch counts from the resolution
        assertThat(clearsPublished).extracting(AlertCleared::alertId).containsExactly(first);
        assertThat(store.journal.get(first).clearedAt()).isEqualTo(at(h(26)));
        assertThat(store.watches).extracting(WatchRestart::at).containsExactly(at(h(26)));
        reportHourly(31, 50);
        assertThat(published).extracting(Alert::alertId).containsExactly(first,
                "NO_WATER_USE:meter-1:" + at(h(26)).toEpochMilli());
    }

    @ParameterizedTest(name = "restart at T0+{0}h")
    @ValueSource(doubles = {5, 11.5, 30, 47.25, 60, 69.5})
    void aRestartAnywhereInAMixedThreeDaysChangesNoAlertNorClear(double restartHour) {
        // GIVEN three days of a meter every 15 minutes: morning use, a 3-hour run, a 22-hour leak (HIGH_USE),
        // a battery that drops, then a day without water (NO_WATER_USE) and the meter falling silent
        List<String> straight = mixedDays(-1);
        assertThat(straight).extracting(line -> line.substring(0, line.indexOf(' ', 6))).contains(
                "raise CONTINUOUS_FLOW", "raise HIGH_USE", "raise LOW_BATTERY", "raise NO_WATER_USE",
                "clear CONTINUOUS_FLOW", "clear HIGH_USE");

        // WHEN the same days run with one restart THEN exactly the same alerts and clears come, at the same times
        published.clear();
        clearsPublished.clear();
        store.telemetry.clear();
        store.journal.clear();
        lastEnd = null;
        engine.close();
        assertThat(mixedDays(restartHour)).isEqualTo(straight);
    }

    /** The mixed days with a restart before the reading at {@code restartHour} (none if negative). */
    private List<String> mixedDays(double restartHour) {
        start(at(h(-1)));
        for (int q = 0; q <= 72 * 4; q++) {
            if (restartHour >= 0 && q == (int) Math.round(restartHour * 4)) {
                restart(at(Duration.ofMinutes(q * 15L)));
            }
            double hour = q / 4.0;
            // (an interval counts for the hour it ends in; Shanghai days start at T0+16h, T0+40h, ...)
            double liters = hour > 48 ? 0
                    : hour > 17 && hour <= 39 ? 40
                    : hour > 10 && hour <= 13 ? 20
                    : (hour % 24) > 7 && (hour % 24) <= 8 ? 5 : 0;
            report(Duration.ofMinutes(q * 15L), hour >= 30 ? 15 : 90,
                    liters == 0 ? new WaterInterval[0] : new WaterInterval[] {interval(min(q * 15L - 15), min(q * 15L), liters)});
        }
        engine.advanceTo(at(h(80)));
        List<String> log = new ArrayList<>();
        published.forEach(a -> log.add("raise " + a.rule() + " " + a.alertId() + " " + a.at()));
        clearsPublished.forEach(c -> log.add("clear " + c.rule() + " " + c.alertId() + " " + c.at()));
        return log;
    }

    // ---- a tiny RulesVerticle: recover, publish, then live ------------------------------------------

    private void start(Instant now) {
        engine = rules.start(now);
    }

    private void restart(Instant now) {
        engine = rules.restart(now);
    }

    private void report(Duration offset, int battery, WaterInterval... intervals) {
        Telemetry t = reading(offset, battery, intervals);
        store(t);
        engine.advanceTo(t.receivedAt());
        engine.onTelemetry(t);
    }

    /** The reading at the end of quarter-hour {@code q} with one interval of {@code liters}. */
    private void quarter(int q, double liters) {
        report(min(q * 15L), 90, interval(min(q * 15L - 15), min(q * 15L), liters));
    }

    private void reportHourly(int fromHour, int toHour) {
        for (int hour = fromHour; hour <= toHour; hour++) {
            report(h(hour), 90);
        }
    }

    private void press(Duration offset, String msgId) {
        DeviceEvent e = TestRecords.button(BUTTON, msgId, at(offset), DeviceEvent.Action.PRESS);
        store.events.add(e);
        engine.advanceTo(at(offset));
        engine.onEvent(e);
    }

    /**
     * A reading at T0 + offset carrying {@code intervals}, preceded by a dry interval from the last one's end (the
     * meter sends every interval; without any given, the reading says nothing was used since the last).
     */
    private Telemetry reading(Duration offset, int battery, WaterInterval... intervals) {
        List<WaterInterval> sent = new java.util.ArrayList<>(List.of(intervals));
        java.time.Instant first = sent.stream().map(WaterInterval::start).min(java.time.Instant::compareTo).orElse(at(offset));
        if (lastEnd != null && lastEnd.isBefore(first)) {
            sent.add(0, new WaterInterval(lastEnd, first, 0));
        } else if (lastEnd == null && sent.isEmpty()) {
            sent.add(new WaterInterval(at(offset).minus(Duration.ofHours(1)), at(offset), 0));
        }
        sent.forEach(i -> lastEnd = lastEnd == null || i.end().isAfter(lastEnd) ? i.end() : lastEnd);
        return new Telemetry(METER, "m" + (++seq), at(offset), at(offset), 1000.0, sent, 0.0, battery, -80);
    }

    private java.time.Instant lastEnd;

    private void store(Telemetry t) {
        store.telemetry.add(t);
    }
}
