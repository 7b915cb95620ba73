package org.shouwang.model;

import java.time.Instant;

/** Water used in one metering interval, judged by the interval's own time, not by arrival. */
public record WaterInterval(Instant start, Instant end, double liters) {
}
