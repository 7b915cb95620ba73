package org.shouwang.notifier;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * The night, when plans marked quiet send nothing to people's phones: from {@code from} to {@code to}
 * local time (the window may cross midnight, as 22:00-07:00 does).
 */
public record QuietHours(LocalTime from, LocalTime to, ZoneId zone) {

    /** 22:00-07:00 in Suzhou. */
    public static final QuietHours DEFAULT = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0),
            ZoneId.of("Asia/Shanghai"));

    public QuietHours {
        Objects.requireNonNull(from, "quietHours.from");
        Objects.requireNonNull(to, "quietHours.to");
        Objects.requireNonNull(zone, "quietHours.zone");
        if (from.equals(to)) {
            throw new IllegalArgumentException("quiet hours must not start and end at the same time");
        }
    }

    public boolean contains(Instant at) {
        return contains(at.atZone(zone).toLocalTime());
    }

    /** True when the local time of day {@code t} falls in the quiet hours. */
    public boolean contains(LocalTime t) {
        return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
    }

    /** When the quiet hours around {@code at} end; {@code at} itself when it is not in them. */
    public Instant endAfter(Instant at) {
        if (!contains(at)) {
            return at;
        }
        ZonedDateTime local = at.atZone(zone);
        ZonedDateTime end = local.with(to).withSecond(0).withNano(0);
        if (!end.isAfter(local)) {
            end = end.plusDays(1);
        }
        return end.toInstant();
    }
}
