package org.shouwang.rules;

import java.time.Duration;
import java.util.Locale;

/**
 * Whether the rule clock keeps moving, for readiness. The clock moves every {@code rules.tick} while the rules
 * run; standing still for a few ticks means timer-driven rules (no water used, a device gone silent) raise
 * nothing: the platform clock stopped or stepped back, or the rules' thread is held up. While state is rebuilt
 * at start the clock does not move either, so a recovery that takes longer than the same limit says so too.
 */
public final class RuleClockHealth {

    /** Slack on top of three ticks: a garbage-collection pause or a slow slice of readings is not a stall. */
    static final Duration MARGIN = Duration.ofSeconds(5);

    private RuleClockHealth() {
    }

    /** How long the clock may stand before the rules count as stalled: three ticks and {@link #MARGIN}. */
    public static Duration limit(Duration tick) {
        return tick.multipliedBy(3).plus(MARGIN);
    }

    /**
     * Null when the clock moved recently enough; otherwise why not, for the operator.
     *
     * @param live     the rules judge live (their state is rebuilt)
     * @param standing real time since the clock last moved (since start while recovering)
     */
    public static String problem(boolean live, Duration standing, Duration tick) {
        Duration limit = limit(tick);
        if (standing.compareTo(limit) <= 0) {
            return null;
        }
        if (!live) {
            return "规则状态恢复中，已 " + seconds(standing) + " 秒（期间仅一键呼叫即时处理）";
        }
        return "规则时钟已 " + seconds(standing) + " 秒未推进（上限 " + seconds(limit)
                + " 秒）：无用水、设备离线等规则不会报警";
    }

    /** Seconds to a tenth, so a short tick's limit (5.6 s) does not read as the time it was passed by (5 s). */
    static String seconds(Duration d) {
        String s = String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
