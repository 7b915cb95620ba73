package org.shouwang.rules;

import java.util.Objects;
import java.util.function.Consumer;
import org.shouwang.model.Alert;
import org.shouwang.model.AlertCleared;

/**
 * Receives what the rules conclude, on the thread that fed the event or moved the clock. {@code episode}
 * names the condition per device (the rule, or {@code METER_ALARM/LEAK}); the journal keeps it so a
 * restart can reopen the episode.
 */
public interface RuleSink {

    void raised(Alert alert, String episode);

    void cleared(AlertCleared cleared, String episode);

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
