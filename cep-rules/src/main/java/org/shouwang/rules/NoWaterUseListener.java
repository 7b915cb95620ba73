package org.shouwang.rules;

import com.espertech.esper.common.client.EventBean;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPStatement;
import com.espertech.esper.runtime.client.UpdateListener;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;
import org.shouwang.model.Alert;
import org.shouwang.model.Rule;

/** Turns the output of the {@code no-water-use} statement into NO_WATER_USE alerts, one per episode. */
final class NoWaterUseListener implements UpdateListener {

    private final RuleSettings settings;
    private final Consumer<Alert> sink;

    NoWaterUseListener(RuleSettings settings, Consumer<Alert> sink) {
        this.settings = settings;
        this.sink = sink;
    }

    /**
     * The id names the episode by the start of its window, so the same silence is one alert however
     * often the rules are replayed, and a later silence (after water was used again) is a new one.
     */
    static String alertId(String deviceId, Instant episodeStart) {
        return Rule.NO_WATER_USE + ":" + deviceId + ":" + episodeStart.toEpochMilli();
    }

    @Override
    public void update(EventBean[] newEvents, EventBean[] oldEvents, EPStatement statement, EPRuntime runtime) {
        if (newEvents == null) {
            return;
        }
        for (EventBean event : newEvents) {
            String deviceId = (String) event.get("deviceId");
            Instant episodeStart = Instant.ofEpochMilli((Long) event.get("episodeStart"));
            double liters = (Double) event.get("liters");
            Instant at = Instant.ofEpochMilli((Long) event.get("raisedAt"));
            String detail = String.format(Locale.ROOT, "%.1f L used since %s (under %.1f L in %s)",
                    liters, episodeStart, settings.noWaterMinLiters(), settings.noWaterWindow());
            sink.accept(new Alert(alertId(deviceId, episodeStart), Rule.NO_WATER_USE, deviceId, at, detail));
        }
    }
}
