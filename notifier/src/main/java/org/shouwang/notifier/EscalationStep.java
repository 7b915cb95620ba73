package org.shouwang.notifier;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.shouwang.db.NotificationChannel;

/**
 * One step of an escalation plan: how long after the previous step it runs (after the alert, for the
 * first), whom it pages and by which channels. Within each role the first contact (by priority) with a
 * phone is paged; the next one only if that page fails, so a wrong number never silences a role.
 *
 * @param delay time since the previous step (since the incident opened, for the first step)
 * @param to    the roles (or the elder) to page, in order
 * @param via   the channels each of them is paged by (SMS, VOICE)
 */
public record EscalationStep(Duration delay, List<Audience> to, List<NotificationChannel> via) {

    /** Longer than this is a typo (PT5H for PT5M), not an escalation. */
    static final Duration MAX_DELAY = Duration.ofDays(2);

    public EscalationStep {
        if (delay == null || delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("escalation step delay must be between PT0S and " + MAX_DELAY
                    + ", was " + delay);
        }
        to = distinct("to", to);
        via = distinct("via", via);
    }

    public static EscalationStep of(Duration delay, List<Audience> to, NotificationChannel... via) {
        return new EscalationStep(delay, to, List.of(via));
    }

    /** True when the step pages only the elder: a well-check, whose silence is not "nobody reached". */
    public boolean elderOnly() {
        return to.size() == 1 && to.get(0) == Audience.ELDER;
    }

    private static <T> List<T> distinct(String field, List<T> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("escalation step '" + field + "' must name at least one entry");
        }
        if (values.stream().anyMatch(Objects::isNull) || new HashSet<>(values).size() != values.size()) {
            throw new IllegalArgumentException("escalation step '" + field + "' has an empty or repeated entry: "
                    + values);
        }
        return List.copyOf(values);
    }
}
