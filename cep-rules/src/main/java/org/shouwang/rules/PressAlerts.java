package org.shouwang.rules;

import java.time.Instant;
import java.util.Optional;
import org.shouwang.model.Alert;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.Rule;

/**
 * What {@code button-pressed.epl} concludes from a press, without the engine: the rules page presses
 * with it while their state is still being rebuilt after a start (compiling and recovering take seconds;
 * a press needs no history). The engine is fed the press afterwards for the rest (last heard, battery)
 * and its repeat of the same alert is not published again.
 */
final class PressAlerts {

    /** The episode name the journal keeps for a press, as in {@code button-pressed.epl}. */
    static final String EPISODE = "BUTTON_PRESSED";

    private PressAlerts() {
    }

    /** The alert for a press or long press at {@code at}; a cancel or a meter alarm gives none. */
    static Optional<Alert> of(DeviceEvent e, Instant at) {
        if (e.kind() != DeviceEvent.Kind.BUTTON || e.action() == null || e.action() == DeviceEvent.Action.CANCEL) {
            return Optional.empty();
        }
        return Optional.of(new Alert("BUTTON_PRESSED:" + e.deviceId() + ':' + e.msgId(), Rule.BUTTON_PRESSED,
                e.deviceId(), at, AlertTexts.button(e.action().name(), e.ts() == null ? null : e.ts().toEpochMilli())));
    }
}
