package org.shouwang.model;

import java.time.Duration;

/**
 * How often a device is expected to upload, and after how many missed uploads it counts as silent. A meter behind
 * a carrier platform uploads every 6-24 h; judged by the MQTT meters' hourly cadence it would look silent all day.
 */
public record UploadCadence(Duration interval, int missedUploads) {

    public UploadCadence {
        if (interval == null || interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("an upload interval must be positive");
        }
        if (missedUploads < 1) {
            throw new IllegalArgumentException("missedUploads must be at least 1, was " + missedUploads);
        }
    }

    /** Nothing heard for this long: silent. */
    public Duration silentAfter() {
        return interval.multipliedBy(missedUploads);
    }
}
