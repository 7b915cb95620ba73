package org.shouwang.db;

import java.time.Duration;

/**
 * How fast people answered the people-facing incidents opened in a period (telecare centres' own measure):
 * from the alert to the first acknowledgement, and from that acknowledgement to a responder at the door.
 * Medians and 90th percentiles are interpolated (PostgreSQL {@code percentile_cont}); null when nothing counted.
 *
 * @param incidents    people-facing incidents opened in the period (not TECHNICAL, not a missed-contact case)
 * @param acknowledged of those, how many were acknowledged
 * @param arrived      of those, how many had a responder record arrival at the door
 */
public record ResponseFigures(int incidents, int acknowledged, Duration acknowledgeMedian, Duration acknowledgeP90,
                              int arrived, Duration arrivalMedian, Duration arrivalP90) {
}
