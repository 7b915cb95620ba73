package org.shouwang.notifier;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code escalation} section of the configuration: the notifier's own defaults and bounds, validated once
 * here (the configuration binds to this record as it is).
 *
 * @param plansFile        empty: the built-in plans; else a YAML file whose plans replace those it names
 * @param tick             how often due steps, repeats and retries run ({@value #MIN_TICK_MS} ms to 1 min)
 * @param pageDeadline     how long one person's page is retried before the next person of the role is paged
 * @param outageJournal    local file journalling presses paged from memory while the database is down
 * @param digestAt         local time (Asia/Shanghai, {@code HH:mm}) of the daily maintenance digest
 * @param digestRecipients maintenance desk phones, comma-separated; empty = the digest is only logged
 */
public record EscalationOptions(String plansFile, Duration tick, Duration pageDeadline, String outageJournal,
                                String digestAt, String digestRecipients) {

    static final long MIN_TICK_MS = 10;
    public static final String DEFAULT_OUTAGE_JOURNAL = "var/outage-pages.jsonl";
    public static final EscalationOptions DEFAULTS = new EscalationOptions("", NotifierVerticle.DEFAULT_TICK,
            RetryPolicy.DEFAULT_GIVE_UP_AFTER, DEFAULT_OUTAGE_JOURNAL, DigestConfig.DEFAULT_AT, "");

    public EscalationOptions {
        plansFile = plansFile == null ? "" : plansFile.strip();
        if (tick == null || tick.toMillis() < MIN_TICK_MS || tick.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("escalation.tick must be between 10 ms and 1 minute, was " + tick);
        }
        if (pageDeadline == null || pageDeadline.isNegative() || pageDeadline.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("escalation.pageDeadline must be between PT0S and PT10M, was "
                    + pageDeadline);
        }
        if (outageJournal == null || outageJournal.isBlank()) {
            throw new IllegalArgumentException(
                    "escalation.outageJournal must be a file path: presses are paged from memory through it");
        }
        DigestConfig.of(digestAt, digestRecipients);
    }

    /** The daily maintenance digest: when, and to whom. */
    public DigestConfig digest() {
        return DigestConfig.of(digestAt, digestRecipients);
    }

    /** Retries as {@link RetryPolicy#DEFAULT}, giving up on one person after {@link #pageDeadline}. */
    public RetryPolicy retry() {
        return RetryPolicy.DEFAULT.withGiveUpAfter(pageDeadline);
    }

    public Path outageJournalPath() {
        return Path.of(outageJournal);
    }

    /** The plans: the built-in ones, or those of {@link #plansFile} over them. */
    public EscalationPlans plans() {
        return plansFile.isEmpty() ? EscalationPlans.defaults() : EscalationPlans.load(Path.of(plansFile));
    }
}
