package org.shouwang.care;

import java.util.Objects;

/** How often a role must contact an elder: {@code contacts} per calendar day or per calendar week (Mon-Sun). */
public record Frequency(int contacts, Period period) {

    /** A duty's period: a calendar day, or a week from Monday to Sunday, both in Asia/Shanghai. */
    public enum Period { DAY, WEEK }

    public Frequency {
        Objects.requireNonNull(period, "period");
        if (contacts < 1 || contacts > 14) {
            throw new IllegalArgumentException("a duty needs 1 to 14 contacts per period, not " + contacts);
        }
    }

    public static Frequency daily(int contacts) {
        return new Frequency(contacts, Period.DAY);
    }

    public static Frequency weekly(int contacts) {
        return new Frequency(contacts, Period.WEEK);
    }

    /** "每天1次", "每周2次": how the console and reminders say it. */
    public String label() {
        return (period == Period.DAY ? "每天" : "每周") + contacts + "次";
    }
}
