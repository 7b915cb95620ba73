package org.shouwang.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.shouwang.rules.TestRecords.button;
import static org.shouwang.rules.TestRecords.reading;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shouwang.model.Alert;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.DeviceEvent.Action;
import org.shouwang.model.Rule;

/** The rules of {@code rules.epl} on a rule clock driven by hand, so days pass in milliseconds. */
class RuleEngineTest {

    private static final Instant T0 = Instant.parse("2025-01-06T00:00:00Z");
    private static final String METER = "meter-1";
    private static final String BUTTON = "button-1";

    private final List<Alert> alerts = new ArrayList<>();
    private RuleEngine engine;
    private int msgSeq;

    @AfterEach
    void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    // ---- BUTTON_PRESSED --------------------------------------------------------------------------

    @Test
    void pressRaisesButtonPressedAtOnceWithIdFromDeviceAndMessage() {
        start(RuleSettings.DEFAULTS);
        engine.advanceTo(T0.plusSeconds(5));

        engine.onEvent(button(BUTTON, "msg-42", T0, Action.PRESS));

        assertThat(alerts).containsExactly(new Alert(
                "BUTTON_PRESSED:button-1:msg-42", Rule.BUTTON_PRESSED, BUTTON, T0.plusSeconds(5), "button press"));
    }

    @Test
    void longPressRaisesButtonPressedToo() {
        start(RuleSettings.DEFAULTS);

        engine.onEvent(button(BUTTON, "msg-7", T0, Action.LONG_PRESS));

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.rule()).isEqualTo(Rule.BUTTON_PRESSED);
            assertThat(alert.alertId()).isEqualTo("BUTTON_PRESSED:button-1:msg-7");
            assertThat(alert.detail()).isEqualTo("button long press");
        });
    }

    @Test
    void cancelRaisesNothingNowOrLater() {
        start(RuleSettings.DEFAULTS);

        engine.onEvent(button(BUTTON, "msg-8", T0, Action.CANCEL));
        engine.advanceTo(T0.plus(Duration.ofDays(3)));

        assertThat(alerts).isEmpty();
    }

    @Test
    void redeliveredPressYieldsTheSameAlertIdSoTheNotifierCanDropIt() {
        start(RuleSettings.DEFAULTS);

        engine.onEvent(button(BUTTON, "msg-9", T0, Action.PRESS));
        engine.advanceTo(T0.plusSeconds(30));
        engine.onEvent(button(BUTTON, "msg-9", T0, Action.PRESS));

        assertThat(alerts).extracting(Alert::alertId)
                .containsExactly("BUTTON_PRESSED:button-1:msg-9", "BUTTON_PRESSED:button-1:msg-9");
    }

    @Test
    void meterAlarmEventsRaiseNothingInThisSlice() {
        start(RuleSettings.DEFAULTS);

        engine.onEvent(new DeviceEvent(METER, "msg-1", T0, T0, DeviceEvent.Kind.METER_ALARM, null,
                DeviceEvent.AlarmCode.LEAK, 80));

        assertThat(alerts).isEmpty();
    }

    // ---- NO_WATER_USE ----------------------------------------------------------------------------

    @Test
    void noWaterUseFiresExactlyOneWindowAfterTheLastUseAndNotAMinuteEarlier() {
        // GIVEN a meter that used 15 L at T0+2h and keeps reporting hourly without use
        start(RuleSettings.DEFAULTS);
        report(METER, hours(0), 0);
        report(METER, hours(2), 15);
        reportHourly(METER, hours(3), hours(25));

        // WHEN the clock reaches one minute before 24 h after that use
        engine.advanceTo(T0.plus(hours(26)).minus(Duration.ofMinutes(1)));
        // THEN nothing yet
        assertThat(alerts).isEmpty();

        // WHEN it reaches 24 h after that use
        engine.advanceTo(T0.plus(hours(26)));
        // THEN one alert for the episode that began with that use
        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.rule()).isEqualTo(Rule.NO_WATER_USE);
            assertThat(alert.deviceId()).isEqualTo(METER);
            assertThat(alert.at()).isEqualTo(T0.plus(hours(26)));
            assertThat(alert.alertId()).isEqualTo("NO_WATER_USE:meter-1:" + T0.plus(hours(2)).toEpochMilli());
            assertThat(alert.detail()).contains("0.0 L used since " + T0.plus(hours(2)), "PT24H");
        });
    }

    @Test
    void noWaterUseFiresOncePerEpisodeWhileTheMeterKeepsReportingWithoutUse() {
        start(RuleSettings.DEFAULTS);
        report(METER, hours(0), 0);

        reportHourly(METER, hours(1), hours(96));

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.at()).isEqualTo(T0.plus(hours(24)));
            assertThat(alert.alertId()).isEqualTo("NO_WATER_USE:meter-1:" + T0.toEpochMilli());
        });
    }

    @Test
    void aClockJumpOfThreeDaysFiresTheAlertAtItsOwnTimeAndOnlyOnce() {
        start(RuleSettings.DEFAULTS);
        report(METER, hours(0), 0);

        engine.advanceTo(T0.plus(hours(72)));

        assertThat(alerts).extracting(Alert::at).containsExactly(T0.plus(hours(24)));
    }

    @Test
    void waterUsedAgainEndsTheEpisodeAndANewSilenceIsANewEpisode() {
        start(RuleSettings.DEFAULTS);
        report(METER, hours(0), 0);
        engine.advanceTo(T0.plus(hours(24)));
        assertThat(alerts).hasSize(1);

        report(METER, hours(30), 12);
        engine.advanceTo(T0.plus(hours(54)).minusSeconds(1));
        assertThat(alerts).hasSize(1);

        engine.advanceTo(T0.plus(hours(54)));
        assertThat(alerts).extracting(Alert::alertId).containsExactly(
                "NO_WATER_USE:meter-1:" + T0.toEpochMilli(),
                "NO_WATER_USE:meter-1:" + T0.plus(hours(30)).toEpochMilli());
    }

    @Test
    void noAlertWhileTheMinimumIsUsedWithinEveryWindow() {
        start(RuleSettings.DEFAULTS);
        report(METER, hours(0), 0);

        // Exactly the threshold counts as use (the rule is "under 10 L").
        for (int h = 20; h <= 120; h += 20) {
            reportHourly(METER, hours(h - 19), hours(h - 1));
            report(METER, hours(h), 10.0);
        }
        engine.advanceTo(T0.plus(hours(140)).minusSeconds(1));

        assertThat(alerts).isEmpty();
    }

    @Test
    void smallUsesAddingUpToTheMinimumWithinTheWindowCountAsUse() {
        start(RuleSettings.DEFAULTS);
        report(METER, hours(0), 0);
        report(METER, hours(1), 3);
        report(METER, hours(10), 4);
        report(METER, hours(20), 5);

        // Without the 12 L adding up, the alert would have fired at T0+24h.
        engine.advanceTo(T0.plus(hours(44)).minusSeconds(1));
        assertThat(alerts).isEmpty();

        engine.advanceTo(T0.plus(hours(44)));
        assertThat(alerts).extracting(Alert::alertId)
                .containsExactly("NO_WATER_USE:meter-1:" + T0.plus(hours(20)).toEpochMilli());
    }

    @Test
    void aOneLitreDripDoesNotRestartTheWindow() {
        start(RuleSettings.DEFAULTS);
        report(METER, hours(0), 10);
        report(METER, hours(23), 1);

        engine.advanceTo(T0.plus(hours(24)));

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.at()).isEqualTo(T0.plus(hours(24)));
            assertThat(alert.alertId()).isEqualTo("NO_WATER_USE:meter-1:" + T0.toEpochMilli());
            assertThat(alert.detail()).startsWith("1.0 L used since");
        });
    }

    @Test
    void withinAnEpisodeUsesInDifferentWindowsDoNotAddUpToEndIt() {
        // GIVEN an episode alerted at T0+24h; its window then rolls over at T0+48h and T0+72h
        start(RuleSettings.DEFAULTS);
        report(METER, hours(0), 0);
        engine.advanceTo(T0.plus(hours(24)));

        // WHEN 6 L are used in one window and 6 L in the next
        report(METER, hours(30), 6);
        report(METER, hours(60), 6);
        engine.advanceTo(T0.plus(hours(120)));

        // THEN the episode did not end: had 12 L re-armed the rule at T0+60h, T0+84h would alert again
        assertThat(alerts).extracting(Alert::at).containsExactly(T0.plus(hours(24)));
    }

    @Test
    void aTwelveHourWindowFiresAfterTwelveHours() {
        start(RuleSettings.DEFAULTS.withNoWaterWindow(Duration.ofHours(12)));
        report(METER, hours(0), 0);

        engine.advanceTo(T0.plus(hours(12)).minusSeconds(1));
        assertThat(alerts).isEmpty();

        engine.advanceTo(T0.plus(hours(12)));
        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.rule()).isEqualTo(Rule.NO_WATER_USE);
            assertThat(alert.detail()).contains("PT12H");
        });
    }

    @Test
    void metersAreJudgedIndependently() {
        start(RuleSettings.DEFAULTS);
        report("meter-a", hours(0), 0);
        report("meter-b", hours(0), 0);
        report("meter-a", hours(12), 10);

        engine.advanceTo(T0.plus(hours(24)));

        assertThat(alerts).extracting(Alert::deviceId).containsExactly("meter-b");
    }

    @Test
    void aMeterThatNeverReportedRaisesNothing() {
        start(RuleSettings.DEFAULTS);
        engine.onEvent(button(BUTTON, "msg-1", T0, Action.CANCEL));

        engine.advanceTo(T0.plus(Duration.ofDays(5)));

        assertThat(alerts).isEmpty();
    }

    // ---- clock and lifecycle ---------------------------------------------------------------------

    @Test
    void theRuleClockStartsAtTheGivenInstantAndNeverMovesBackwards() {
        start(RuleSettings.DEFAULTS);
        assertThat(engine.now()).isEqualTo(T0);

        engine.advanceTo(T0.plus(hours(1)));
        engine.advanceTo(T0);

        assertThat(engine.now()).isEqualTo(T0.plus(hours(1)));
    }

    @Test
    void closeIsIdempotentAndAClosedEngineRefusesEvents() {
        start(RuleSettings.DEFAULTS);

        engine.close();
        engine.close();

        assertThatThrownBy(() -> engine.onEvent(button(BUTTON, "msg-1", T0, Action.PRESS)))
                .isInstanceOf(IllegalStateException.class);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private void start(RuleSettings settings) {
        engine = new RuleEngine(settings, T0, alerts::add);
    }

    /** Moves the rule clock to T0 + offset and feeds a reading that used {@code liters} there. */
    private void report(String deviceId, Duration offset, double liters) {
        Instant at = T0.plus(offset);
        engine.advanceTo(at);
        engine.onTelemetry(reading(deviceId, "msg-" + (++msgSeq), at, liters));
    }

    /** A meter that keeps reporting, without use, every hour from {@code first} to {@code last}. */
    private void reportHourly(String deviceId, Duration first, Duration last) {
        for (Duration offset = first; offset.compareTo(last) <= 0; offset = offset.plusHours(1)) {
            report(deviceId, offset, 0);
        }
    }

    private static Duration hours(long hours) {
        return Duration.ofHours(hours);
    }
}
