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
import org.shouwang.model.Alert;
import org.shouwang.model.AlertCleared;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.Rule;
import org.shouwang.model.RuleJournalEntry;
import org.shouwang.model.Telemetry;
import org.shouwang.model.WaterInterval;

/**
 * A restart rebuilds rule state from what was stored (here in memory; {@code RuleRestartIT} does it on
 * PostgreSQL): nothing pending is forgotten, nothing raised is raised again.
 */
class RuleRecoveryTest {

    private static final String METER = "meter-1";
    private static final String BUTTON = "button-1";

    private final MemoryRuleStore store = new MemoryRuleStore();
    private final List<Alert> published = new ArrayList<>();
    private final List<AlertCleared> clearsPublished = new ArrayList<>();
    private RuleEngine engine;
    private int seq;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
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

        assertThat(published).singleElement().satisfies(alert -> {
            assertThat(alert.alertId()).isEqualTo("NO_WATER_USE:meter-1:" + T0.toEpochMilli());
            assertThat(alert.at()).isEqualTo(at(h(24)));
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

    // ---- a tiny RulesVerticle: recover, publish, then live ------------------------------------------

    private void start(Instant now) {
        RuleRecovery.Recovered r = RuleRecovery.recover(RuleSettings.DEFAULTS, store.context(now),
                store.history(now.minus(RuleSettings.DEFAULTS.recoveryLookback()), now), now);
        engine = r.engine();
        for (RuleRecovery.Outcome o : r.toPublish()) {
            if (o.raised() != null) {
                live.raised(o.raised(), o.episode());
            } else {
                live.cleared(o.cleared(), o.episode());
            }
        }
        r.gate().open(live);
    }

    private void restart(Instant now) {
        if (engine != null) {
            engine.close();
        }
        start(now);
    }

    private final RuleSink live = new RuleSink() {
        @Override
        public void raised(Alert alert, String episode) {
            published.add(alert);
            store.record(RuleJournalEntry.raised(alert, episode));
        }

        @Override
        public void cleared(AlertCleared cleared, String episode) {
            clearsPublished.add(cleared);
            store.record(RuleJournalEntry.cleared(cleared, episode));
        }
    };

    private void report(Duration offset, int battery, WaterInterval... intervals) {
        Telemetry t = reading(offset, battery, intervals);
        store(t);
        engine.advanceTo(t.receivedAt());
        engine.onTelemetry(t);
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

    private Telemetry reading(Duration offset, int battery, WaterInterval... intervals) {
        return new Telemetry(METER, "m" + (++seq), at(offset), at(offset), 1000.0, List.of(intervals), 0.0, battery, -80);
    }

    private void store(Telemetry t) {
        store.telemetry.add(t);
    }
}
