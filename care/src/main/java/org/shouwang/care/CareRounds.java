package org.shouwang.care;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Objects;
import org.shouwang.model.ResidentId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The care module's daily round, run by {@link CareVerticle} every tick (tests call {@link #tick()} with the clock
 * moved by hand): from {@link CareConfig#digestAt()} the morning digest and the two-days-overdue cases, from
 * {@link CareConfig#reminderAt()} the day's reminders, each once a day and never in the quiet hours; then whatever
 * the care outbox has due. Each part's trouble is logged and tried again next tick, without holding up the others;
 * the outbox keys, not this class's memory, are what keep a restart or a second instance from sending twice.
 */
public final class CareRounds {

    /** What one tick did. */
    public record Tick(int reminders, int digests, int cases, int sent) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(CareRounds.class);

    private final CareConfig config;
    private final Reminders reminders;
    private final CareDigest digest;
    private final OverdueCases cases;
    private final CareOutbox outbox;
    private final Clock clock;
    private volatile LocalDate remindersDone;
    private volatile LocalDate digestDone;
    private volatile LocalDate casesDone;

    public CareRounds(CareConfig config, Reminders reminders, CareDigest digest, OverdueCases cases, CareOutbox outbox,
                      Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.reminders = Objects.requireNonNull(reminders, "reminders");
        this.digest = Objects.requireNonNull(digest, "digest");
        this.cases = Objects.requireNonNull(cases, "cases");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Runs what is due now. Not for several threads at once ({@link CareVerticle} runs one tick at a time). */
    public Tick tick() {
        Instant now = clock.instant();
        ZonedDateTime local = now.atZone(ResidentId.ZONE);
        LocalDate today = local.toLocalDate();
        boolean awake = !config.quietHours().contains(now);
        int digests = 0;
        int opened = 0;
        int written = 0;
        if (awake && !today.equals(digestDone) && !local.toLocalTime().isBefore(config.digestAt())) {
            Integer n = guarded("care digest", () -> digest.write(today, now));
            digestDone = n == null ? digestDone : today;
            digests = n == null ? 0 : n;
        }
        if (awake && !today.equals(casesDone) && !local.toLocalTime().isBefore(config.digestAt())) {
            Integer n = guarded("overdue cases", () -> cases.raise(today, now));
            casesDone = n == null ? casesDone : today;
            opened = n == null ? 0 : n;
        }
        if (awake && !today.equals(remindersDone) && !local.toLocalTime().isBefore(config.reminderAt())) {
            Integer n = guarded("duty reminders", () -> reminders.write(today, now));
            remindersDone = n == null ? remindersDone : today;
            written = n == null ? 0 : n;
        }
        Integer sent = guarded("care outbox", outbox::sendDue);
        return new Tick(written, digests, opened, sent == null ? 0 : sent);
    }

    private interface Part {
        int run();
    }

    private static Integer guarded(String what, Part part) {
        try {
            return part.run();
        } catch (RuntimeException e) {
            LOG.error("{} failed, trying again next tick", what, e);
            return null;
        }
    }
}
