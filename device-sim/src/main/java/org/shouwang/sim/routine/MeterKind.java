package org.shouwang.sim.routine;

import java.time.Duration;

/**
 * How a meter meters and uploads: a quarter-hour meter sends each 15-minute interval as it ends, an hourly one each
 * hour's interval, and a once-a-day NB-IoT meter wakes once a day and uploads the day's 96 quarter-hour intervals.
 *
 * @param interval       the length of one metering interval
 * @param uploadEvery    how often the meter wakes and uploads what it metered since the last upload
 * @param reportInterval what a site sets as the meter's {@code meterReportInterval} (DEVICE_SILENT after three);
 *                       null: the district default (an hour) fits
 */
public enum MeterKind {
    QUARTER_HOURLY(Duration.ofMinutes(15), Duration.ofMinutes(15), null),
    HOURLY(Duration.ofHours(1), Duration.ofHours(1), null),
    DAILY(Duration.ofMinutes(15), Duration.ofDays(1), Duration.ofDays(1));

    private final Duration interval;
    private final Duration uploadEvery;
    private final Duration reportInterval;

    MeterKind(Duration interval, Duration uploadEvery, Duration reportInterval) {
        this.interval = interval;
        this.uploadEvery = uploadEvery;
        this.reportInterval = reportInterval;
    }

    public Duration interval() {
        return interval;
    }

    public Duration uploadEvery() {
        return uploadEvery;
    }

    public Duration reportInterval() {
        return reportInterval;
    }

    /** Intervals one regular upload carries: 1, 1 or 96. */
    public int intervalsPerUpload() {
        return (int) (uploadEvery.toMillis() / interval.toMillis());
    }
}
