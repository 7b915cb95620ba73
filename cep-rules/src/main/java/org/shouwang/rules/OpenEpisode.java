package org.shouwang.rules;

import java.time.Instant;
import org.shouwang.model.Rule;

/** An episode the rules raised and whose condition has not ended yet: one alert id per device and episode. */
public record OpenEpisode(String deviceId, String episode, Rule rule, String alertId, Instant raisedAt) {
}
