package org.shouwang.care;

import java.time.Clock;
import java.util.Objects;
import org.shouwang.db.Stores;
import org.shouwang.notifier.Notifier;
import org.shouwang.notifier.SmsReplyHandler;

/**
 * The care module's "nobody forgets" parts, wired once over the platform's stores and the notifier: reminders,
 * the morning digest, the two-days-overdue cases, the care SMS outbox, and the reply handler. The composition
 * root deploys {@link #verticle()} and gives {@link #replies()} to
 * {@link Notifier#webhookVerticle(org.shouwang.notifier.WebhookConfig, String, java.util.List)}.
 */
public final class Care {

    private final CareRounds rounds;
    private final CareReplies replies;
    private final CareConfig config;
    private final Duties duties;
    private final CareRecords records;

    private Care(CareRounds rounds, CareReplies replies, CareConfig config, Duties duties, CareRecords records) {
        this.rounds = rounds;
        this.replies = replies;
        this.config = config;
        this.duties = duties;
        this.records = records;
    }

    /**
     * @param notifier sends the texts ({@link Notifier#texts()}) and raises the cases ({@link Notifier#service()})
     * @param clock    the platform clock (a hand-driven one in tests)
     */
    public static Care create(Stores stores, Notifier notifier, CareConfig config, Clock clock) {
        Objects.requireNonNull(config, "config");
        Duties duties = new Duties(stores.registry(), stores.care(), stores.absences(), stores.weather());
        CareRecords records = new CareRecords(stores.care(), stores.registry(), stores.audit(), clock);
        CareOutbox outbox = new CareOutbox(stores.careMessages(), notifier.texts(), config.retry(),
                config.quietHours(), clock);
        CareRounds rounds = new CareRounds(config, new Reminders(duties, stores.careMessages()),
                new CareDigest(duties, stores.registry(), stores.careMessages()),
                new OverdueCases(duties, notifier.service()), outbox, clock);
        return new Care(rounds, new CareReplies(stores.careMessages(), stores.registry(), records, clock), config,
                duties, records);
    }

    /** The duties the rounds judge by, for the console to answer with the same. */
    public Duties duties() {
        return duties;
    }

    /** The one writer of care records, shared by SMS replies and the console. */
    public CareRecords records() {
        return records;
    }

    /** The daily round; {@link CareVerticle} ticks it, tests call {@link CareRounds#tick()} by hand. */
    public CareRounds rounds() {
        return rounds;
    }

    /** Reminder replies ("0", "01" …), for the notifier's SMS webhook. */
    public SmsReplyHandler replies() {
        return replies;
    }

    /** Ticks the round as {@link CareConfig#tick()} says. */
    public CareVerticle verticle() {
        return new CareVerticle(rounds, config);
    }
}
