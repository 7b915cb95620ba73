package org.shouwang.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.rules.EngineHarness.T0;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.shouwang.model.DeviceEvent;

/** A press paged while the rules recover is the very alert {@code button-pressed.epl} raises for it. */
class PressAlertsTest {

    @Test
    void pressAndLongPressGiveTheEnginesAlertAndACancelNone() {
        try (EngineHarness rules = new EngineHarness()) {
            DeviceEvent press = TestRecords.button("button-1", "p1", T0.minusSeconds(5), DeviceEvent.Action.PRESS);
            DeviceEvent longPress = new DeviceEvent("button-1", "p2", null, T0, DeviceEvent.Kind.BUTTON,
                    DeviceEvent.Action.LONG_PRESS, null, 90);
            DeviceEvent cancel = TestRecords.button("button-1", "p3", T0, DeviceEvent.Action.CANCEL);
            Instant now = T0.plusSeconds(1);
            rules.engine.advanceTo(now);
            rules.engine.onEvent(press);
            rules.engine.onEvent(longPress);
            rules.engine.onEvent(cancel);

            assertThat(rules.alerts).containsExactly(PressAlerts.of(press, now).orElseThrow(),
                    PressAlerts.of(longPress, now).orElseThrow());
            assertThat(PressAlerts.of(cancel, now)).isEmpty();
            assertThat(PressAlerts.of(TestRecords.alarm("meter-1", "a1", T0, DeviceEvent.AlarmCode.LEAK), now)).isEmpty();
        }
    }
}
