package org.shouwang.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.rules.EngineHarness.at;
import static org.shouwang.rules.EngineHarness.h;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shouwang.model.Alert;
import org.shouwang.model.AlertCleared;
import org.shouwang.model.DeviceEvent.AlarmCode;
import org.shouwang.model.Rule;

/** LOW_BATTERY and METER_ALARM, the technical rules that go to maintenance. */
class TechnicalRulesTest {

    private static final String METER = "meter-1";
    private final EngineHarness rules = new EngineHarness();

    @AfterEach
    void close() {
        rules.close();
    }

    @Test
    void lowBatteryFiresOnTheFirstReadingUnderTwentyPercentOnceAndClearsWhenReplaced() {
        int[] levels = {22, 21, 20, 19, 18, 17, 25, 29, 95};
        for (int i = 0; i < levels.length; i++) {
            rules.report(METER, h(i), levels[i]);
        }

        assertThat(rules.alerts).singleElement().satisfies(alert -> {
            assertThat(alert.rule()).isEqualTo(Rule.LOW_BATTERY);
            assertThat(alert.at()).isEqualTo(at(h(3)));
            assertThat(alert.alertId()).isEqualTo("LOW_BATTERY:meter-1:" + at(h(3)).toEpochMilli());
            assertThat(alert.detail()).isEqualTo("电量 19%，低于 20%");
        });
        assertThat(rules.clears).singleElement().satisfies(clear -> {
            assertThat(clear.at()).isEqualTo(at(h(8)));
            assertThat(clear.detail()).contains("95%");
        });
    }

    @Test
    void aLateOlderBatteryReadingDoesNotUndoANewerOne() {
        rules.report(METER, h(0), 90);
        rules.report(METER, h(1), 15);
        rules.batch(METER, h(0.5), h(2), List.of());

        // The late message carried battery 90 from T0+0.5h: older than the 15 % reading, so no clear
        assertThat(rules.alerts(Rule.LOW_BATTERY)).hasSize(1);
        assertThat(rules.clears(Rule.LOW_BATTERY)).isEmpty();
    }

    @Test
    void aButtonsLowBatteryIsSeenOnItsPresses() {
        rules.clockTo(h(1));
        rules.engine.onEvent(new org.shouwang.model.DeviceEvent("button-1", "p1", at(h(1)), at(h(1)),
                org.shouwang.model.DeviceEvent.Kind.BUTTON, org.shouwang.model.DeviceEvent.Action.CANCEL, null, 12));

        assertThat(rules.alerts).extracting(Alert::rule).containsExactly(Rule.LOW_BATTERY);
    }

    @Test
    void aMeterAlarmRaisesOncePerCodeAndClearsAfterADayWithoutRepeat() {
        alarm(h(1), "a1", AlarmCode.LEAK);
        alarm(h(5), "a2", AlarmCode.LEAK);
        alarm(h(6), "a3", AlarmCode.TAMPER);

        assertThat(rules.alerts(Rule.METER_ALARM)).extracting(Alert::alertId)
                .containsExactly("METER_ALARM:meter-1:a1", "METER_ALARM:meter-1:a3");
        assertThat(rules.alerts(Rule.METER_ALARM).get(0).detail()).isEqualTo("水表报告漏水");

        rules.clockTo(h(29).minusSeconds(1));
        assertThat(rules.clears(Rule.METER_ALARM)).isEmpty();
        rules.clockTo(h(29));
        assertThat(rules.clears(Rule.METER_ALARM)).extracting(AlertCleared::alertId)
                .containsExactly("METER_ALARM:meter-1:a1");
        rules.clockTo(h(30));
        assertThat(rules.clears(Rule.METER_ALARM)).extracting(AlertCleared::alertId)
                .containsExactly("METER_ALARM:meter-1:a1", "METER_ALARM:meter-1:a3");

        alarm(h(31), "a4", AlarmCode.LEAK);
        assertThat(rules.alerts(Rule.METER_ALARM)).extracting(Alert::alertId).endsWith("METER_ALARM:meter-1:a4");
    }

    @Test
    void aRedeliveredPressGivesTheSameAlertIdSoTheNotifierCanDropIt() {
        rules.press("button-1", h(0), "p9");
        rules.press("button-1", h(0.01), "p9");
        rules.press("button-1", h(1), "p10");

        assertThat(rules.alerts).extracting(Alert::alertId)
                .containsExactly("BUTTON_PRESSED:button-1:p9", "BUTTON_PRESSED:button-1:p9", "BUTTON_PRESSED:button-1:p10");
        assertThat(rules.alerts).allSatisfy(a -> assertThat(a.detail()).startsWith("按下呼叫按钮"));
    }

    @Test
    void aCancelRaisesNothingALongPressDoes() {
        rules.clockTo(h(1));
        rules.engine.onEvent(TestRecords.button("button-1", "c1", at(h(1)), org.shouwang.model.DeviceEvent.Action.CANCEL));
        rules.engine.onEvent(TestRecords.button("button-1", "l1", at(h(1)), org.shouwang.model.DeviceEvent.Action.LONG_PRESS));
        rules.clockTo(h(72));

        assertThat(rules.alerts).singleElement().satisfies(a -> {
            assertThat(a.alertId()).isEqualTo("BUTTON_PRESSED:button-1:l1");
            assertThat(a.at()).isEqualTo(at(h(1)));
            assertThat(a.detail()).startsWith("长按呼叫按钮");
        });
    }

    private void alarm(java.time.Duration offset, String msgId, AlarmCode code) {
        rules.clockTo(offset);
        rules.engine.onEvent(TestRecords.alarm(METER, msgId, at(offset), code));
    }
}
