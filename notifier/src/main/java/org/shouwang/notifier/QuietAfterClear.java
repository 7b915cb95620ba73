package org.shouwang.notifier;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.shouwang.model.Rule;

/**
 * How long after its condition cleared a returning alert of a flapping rule waits before it pages again
 * (issue 12, "NO_WATER_USE flaps"). A re-raise that attaches to the still-open incident within {@code period}
 * of the clearing resumes the escalation due at the period's end, not at once: paging is deferred, never
 * dropped, and a further clear, an acknowledgement or a resolution meanwhile sends nothing.
 *
 * <p>Only re-raises onto an open incident are held back. A re-raise after staff resolved the incident opens a
 * new one and pages at once, and needs no quiet period: resolving re-arms the rule from the resolution, so
 * NO_WATER_USE can fire again only a full window later (24 h, 12 h in extreme weather) and ROUTINE_BREAK not
 * before its floor (3 h), both longer than the default period.
 *
 * @param period how long after the clearing a re-raise pages nobody ({@code PT0S} to {@value #MAX_HOURS} h;
 *               {@code PT0S} = resume at once, as rules outside the list do)
 * @param rules  the rules held back; others resume at once
 */
public record QuietAfterClear(Duration period, Set<Rule> rules) {

    /** A longer hold would keep a real emergency behind a flapping one for half a day. */
    static final long MAX_HOURS = 12;
    public static final QuietAfterClear DEFAULT = new QuietAfterClear(Duration.ofHours(2),
            EnumSet.of(Rule.NO_WATER_USE, Rule.ROUTINE_BREAK));

    /** A missing half keeps its default, so {@code {period: PT1H}} alone is enough. */
    public QuietAfterClear {
        period = period == null ? DEFAULT.period() : period;
        rules = rules == null ? DEFAULT.rules() : Set.copyOf(rules);
        if (period.isNegative() || period.compareTo(Duration.ofHours(MAX_HOURS)) > 0) {
            throw new IllegalArgumentException("quietAfterClear.period must be between PT0S and PT" + MAX_HOURS
                    + "H, was " + period);
        }
    }

    /**
     * When a re-raise of {@code rule}, whose escalation its clearing stopped at {@code clearedAt}, may page
     * again: the end of the quiet period, or {@code clearedAt} itself for a rule not held back.
     */
    Instant pagingFrom(Rule rule, Instant clearedAt) {
        return rules.contains(rule) ? clearedAt.plus(period) : clearedAt;
    }
}
