package org.shouwang.demo.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures {@code shouwang bench} stands by, and its last line: press → first provider request percentiles
 * (nearest rank) with their count, readings durable and offered per second in the load window, the raw
 * broker's rate in the same run and the ratio of durable ingest to it.
 */
public record BenchSummary(double p50Ms, double p95Ms, double p99Ms, double maxMs, int n, double durablePerS,
                           double offeredPerS, double rawPerS) {

    static final String PREFIX = "bench: press_to_page_ms ";
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");
    private static final List<String> KEYS = List.of("p50", "p95", "p99", "max", "n", "durable_per_s",
            "offered_per_s", "raw_per_s", "ratio");

    /** Summarises press latencies in milliseconds (any order) with the ingest figures; no press gives NaN. */
    public static BenchSummary of(List<Double> latenciesMs, double durablePerS, double offeredPerS, double rawPerS) {
        List<Double> sorted = new ArrayList<>(latenciesMs);
        Collections.sort(sorted);
        return new BenchSummary(percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1), sorted.size(), durablePerS,
                offeredPerS, rawPerS);
    }

    /** Nearest-rank percentile of sorted values: the smallest value with at least p % of them at or below it. */
    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1));
    }

    /** Durable ingest over the raw broker's rate; NaN without a baseline. */
    public double ratio() {
        return rawPerS > 0 ? durablePerS / rawPerS : Double.NaN;
    }

    /** {@code bench: press_to_page_ms p50=… p95=… p99=… max=… n=… durable_per_s=… offered_per_s=… raw_per_s=… ratio=…}. */
    public String line() {
        return String.format(Locale.ROOT, PREFIX + "p50=%.1f p95=%.1f p99=%.1f max=%.1f n=%d durable_per_s=%.0f"
                        + " offered_per_s=%.0f raw_per_s=%.0f ratio=%.2f",
                p50Ms, p95Ms, p99Ms, maxMs, n, durablePerS, offeredPerS, rawPerS, ratio());
    }

    /** Reads back a {@link #line()}; refuses a line that lacks any of its fields. */
    public static BenchSummary parse(String line) {
        if (!line.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a bench summary line: " + line);
        }
        Map<String, String> fields = new HashMap<>();
        Matcher m = FIELD.matcher(line.substring(PREFIX.length()));
        while (m.find()) {
            fields.put(m.group(1), m.group(2));
        }
        for (String key : KEYS) {
            if (!fields.containsKey(key)) {
                throw new IllegalArgumentException("bench summary line without " + key + ": " + line);
            }
        }
        return new BenchSummary(num(fields, "p50"), num(fields, "p95"), num(fields, "p99"), num(fields, "max"),
                Integer.parseInt(fields.get("n")), num(fields, "durable_per_s"), num(fields, "offered_per_s"),
                num(fields, "raw_per_s"));
    }

    private static double num(Map<String, String> fields, String key) {
        return Double.parseDouble(fields.get(key));
    }
}
