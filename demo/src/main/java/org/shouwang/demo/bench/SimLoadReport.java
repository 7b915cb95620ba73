package org.shouwang.demo.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code shouwang sim load} published, as its last stdout line {@code sim-load: published=… failed=…
 * elapsed_ms=… meters=…}, so that {@code shouwang bench}, which runs it as a process of its own, can read it.
 * Before the first reading it prints {@link #STARTED}.
 */
public record SimLoadReport(long published, long failed, Duration elapsed, int meters) {

    /** Printed once every meter is connected, just before the first reading. */
    public static final String STARTED = "sim-load: started";

    private static final Pattern LINE = Pattern.compile(
            "sim-load: published=(\\d+) failed=(\\d+) elapsed_ms=(\\d+) meters=(\\d+)(?: .*)?");

    public double perSecond() {
        return elapsed.isZero() ? 0 : published * 1000.0 / elapsed.toMillis();
    }

    public String line() {
        return String.format(Locale.ROOT, "sim-load: published=%d failed=%d elapsed_ms=%d meters=%d per_s=%.0f",
                published, failed, elapsed.toMillis(), meters, perSecond());
    }

    /** True for the line announcing that the readings begin. */
    public static boolean isStarted(String line) {
        return line.startsWith(STARTED);
    }

    /** The report a {@link #line()} holds, or null for any other line. */
    public static SimLoadReport parse(String line) {
        Matcher m = LINE.matcher(line.strip());
        if (!m.matches()) {
            return null;
        }
        return new SimLoadReport(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                Duration.ofMillis(Long.parseLong(m.group(3))), Integer.parseInt(m.group(4)));
    }
}
