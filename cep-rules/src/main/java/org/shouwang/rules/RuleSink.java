package org.shouwang.rules;

import java.util.Objects;
import java.util.function.Consumer;
import org.shouwang.model.Alert;
import org.shouwang.model.AlertCleared;
import org.shouwang.model.WatchRestart;

/**
 * Receives what the rules conclude, on the thread that fed the event or moved the clock. {@code episode}
 * names the condition per device (the rule, or {@code METER_ALARM/LEAK}); the journal keeps it so a
 * restart can reopen the episode.
 */
public interface RuleSink {

    void raised(Alert alert, String episode);

    void cleared(AlertCleared cleared, String episode);

    /** A rule's watch restarted for a device (kept so a restart counts from the same instant); ignored by default. */
    default void watchRestarted(WatchRestart restart) {
    }

    /** A sink for alerts alone, clears ignored. */
    static RuleSink alerts(Consumer<Alert> alerts) {
        Objects.requireNonNull(alerts, "alerts");
        return new RuleSink() {
            @Override
            public void raised(Alert alert, String episode) {
                alerts.accept(alert);
            }

            @Override
            public void cleared(AlertCleared cleared, String episode) {
                // not wanted
            }
        };
    }
}
