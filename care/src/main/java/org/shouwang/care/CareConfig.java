package org.shouwang.care;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;
import org.shouwang.model.ResidentId;
import org.shouwang.notifier.QuietHours;
import org.shouwang.notifier.RetryPolicy;

/**
 * When the care rounds ({@link CareRounds}) remind, report and send. Configuration keys (app, section {@code care}):
 * {@code enabled} ({@link #enabled}, default true), {@code reminderAt} ({@link #reminderAt}, {@code HH:mm},
 * default {@value #DEFAULT_REMINDER_AT}), {@code digestAt} ({@link #digestAt}, default {@value #DEFAULT_DIGEST_AT}),
 * {@code quietFrom}/{@code quietTo} ({@link #quietHours}, default 22:00-07:00), {@code tick} ({@link #tick},
 * ISO-8601, default {@code PT1M}). All times are local to Asia/Shanghai.
 *
 * @param enabled     false: the verticle deploys and does nothing (no reminders, digests, cases or care SMS)
 * @param reminderAt  from this time on, the day's duty reminders are written and sent; never inside the quiet hours
 * @param digestAt    from this time on, the morning digest goes out and the two-days-overdue cases are opened
 * @param quietHours  no care SMS leaves in this window (a due one waits until it ends, or lapses at the day's end)
 * @param tick        how often the rounds run; reminders are at most this late
 * @param retry       how often a care SMS that failed for a passing reason (5xx, no connection) is tried again;
 *                    its {@link RetryPolicy#giveUpAfter()} counts from when the message was written
 */
public record CareConfig(boolean enabled, LocalTime reminderAt, LocalTime digestAt, QuietHours quietHours,
                         Duration tick, RetryPolicy retry) {

    public static final String DEFAULT_REMINDER_AT = "09:00";
    public static final String DEFAULT_DIGEST_AT = "08:00";
    public static final Duration DEFAULT_TICK = Duration.ofMinutes(1);
    /** Five tries 1, 2, 4, 8 minutes apart, none later than three hours after the message was written. */
    public static final RetryPolicy DEFAULT_RETRY = new RetryPolicy(5, Duration.ofMinutes(1), Duration.ofMinutes(15),
            Duration.ofHours(3));

    public CareConfig {
        Objects.requireNonNull(reminderAt, "care.reminderAt");
        Objects.requireNonNull(digestAt, "care.digestAt");
        Objects.requireNonNull(quietHours, "care.quietHours");
        Objects.requireNonNull(retry, "care.retry");
        if (!quietHours.zone().equals(ResidentId.ZONE)) {
            throw new IllegalArgumentException("care.quietHours must be in " + ResidentId.ZONE + ", as the duty"
                    + " calendar is, not " + quietHours.zone());
        }
        if (quietHours.contains(reminderAt)) {
            throw new IllegalArgumentException("care.reminderAt " + reminderAt + " is inside the quiet hours "
                    + quietHours.from() + "-" + quietHours.to() + ": no reminder may go out then");
        }
        if (quietHours.contains(digestAt)) {
            throw new IllegalArgumentException("care.digestAt " + digestAt + " is inside the quiet hours "
                    + quietHours.from() + "-" + quietHours.to());
        }
        if (tick == null || tick.compareTo(Duration.ofSeconds(1)) < 0 || tick.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("care.tick must be between PT1S and PT1H, was " + tick);
        }
    }

    /** Enabled, reminders at 09:00, digest at 08:00, quiet 22:00-07:00, a tick a minute. */
    public static CareConfig defaults() {
        return new CareConfig(true, LocalTime.parse(DEFAULT_REMINDER_AT), LocalTime.parse(DEFAULT_DIGEST_AT),
                QuietHours.DEFAULT, DEFAULT_TICK, DEFAULT_RETRY);
    }

    public CareConfig withReminderAt(LocalTime at) {
        return new CareConfig(enabled, at, digestAt, quietHours, tick, retry);
    }

    public CareConfig withDigestAt(LocalTime at) {
        return new CareConfig(enabled, reminderAt, at, quietHours, tick, retry);
    }

    public CareConfig withQuietHours(LocalTime from, LocalTime to) {
        return new CareConfig(enabled, reminderAt, digestAt, new QuietHours(from, to, ResidentId.ZONE), tick, retry);
    }

    public CareConfig withRetry(RetryPolicy policy) {
        return new CareConfig(enabled, reminderAt, digestAt, quietHours, tick, policy);
    }

    public CareConfig withEnabled(boolean on) {
        return new CareConfig(on, reminderAt, digestAt, quietHours, tick, retry);
    }
}
