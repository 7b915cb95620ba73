package org.shouwang.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Random;

/**
 * How much water an elder living alone uses at each hour of the day: a morning peak (washing, breakfast),
 * a smaller one at noon, an evening peak (cooking, bathing) and a little at night. About 100 litres a
 * day; the same random source gives the same use, so a seed makes a run repeatable.
 */
public final class UsageProfile {

    /** Litres per hour at each local hour, before the random day-to-day variation. */
    private static final double[] LITERS_PER_HOUR = {
        0.5, 0.3, 0.3, 0.3, 0.5, 1.5,      // 00-05: a night-time toilet flush now and then
        9.0, 12.0, 8.0, 3.0, 2.0, 4.0,     // 06-11: morning peak
        5.0, 2.0, 1.5, 1.5, 2.0, 4.0,      // 12-17: lunch, a quiet afternoon
        9.0, 11.0, 8.0, 3.0, 1.5, 0.8      // 18-23: evening peak
    };

    private final double dailyScale;

    /** {@code dailyScale} 1.0 is the typical home; 0 is a home where nobody draws water. */
    public UsageProfile(double dailyScale) {
        if (dailyScale < 0) {
            throw new IllegalArgumentException("dailyScale must not be negative");
        }
        this.dailyScale = dailyScale;
    }

    public static UsageProfile typical() {
        return new UsageProfile(1.0);
    }

    /** The expected litres between two instants, without randomness. */
    public double expectedLiters(Instant start, Instant end) {
        double liters = 0;
        Instant t = start;
        while (t.isBefore(end)) {
            ZonedDateTime local = t.atZone(DevicePayloads.DEVICE_ZONE);
            Instant hourEnd = local.withMinute(0).withSecond(0).withNano(0).plusHours(1).toInstant();
            Instant stepEnd = hourEnd.isBefore(end) ? hourEnd : end;
            double hours = Duration.between(t, stepEnd).toMillis() / 3_600_000.0;
            liters += LITERS_PER_HOUR[local.getHour()] * hours;
            t = stepEnd;
        }
        return liters * dailyScale;
    }

    /** Litres actually used in the interval: the expectation varied by ±50 %, drawn from {@code random}. */
    public double liters(Instant start, Instant end, Random random) {
        return expectedLiters(start, end) * (0.5 + random.nextDouble());
    }

    /** Flow at a given instant: a tap is running with a probability that follows the hourly use. */
    public double flowLpm(Instant at, Random random) {
        double perHour = LITERS_PER_HOUR[at.atZone(DevicePayloads.DEVICE_ZONE).getHour()] * dailyScale;
        // A running tap gives ~6 L/min, so the share of a minute it runs is perHour / 360.
        boolean running = random.nextDouble() < perHour / 360.0;
        return running ? 4.0 + random.nextDouble() * 4.0 : 0.0;
    }
}
