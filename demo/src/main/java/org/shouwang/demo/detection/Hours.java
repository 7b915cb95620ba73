package org.shouwang.demo.detection;

import java.time.Duration;
import java.util.List;

/** Median, 90th percentile (nearest rank) and maximum of some delays, in hours; NaN when there are none. */
public record Hours(int count, double median, double p90, double max) {

    static Hours of(List<Duration> delays) {
        double[] h = delays.stream().mapToDouble(d -> d.toMillis() / 3_600_000.0).sorted().toArray();
        int n = h.length;
        if (n == 0) {
            return new Hours(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double median = n % 2 == 1 ? h[n / 2] : (h[n / 2 - 1] + h[n / 2]) / 2;
        return new Hours(n, median, h[(int) Math.ceil(0.9 * n) - 1], h[n - 1]);
    }
}
