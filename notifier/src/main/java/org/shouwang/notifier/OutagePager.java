package org.shouwang.notifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.shouwang.db.NotificationChannel;
import org.shouwang.model.Alert;
import org.shouwang.model.ElderProfile;
import org.shouwang.model.ResidentId;
import org.shouwang.model.Rule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pages a button press while the database is down (issue 9.10): from a copy of every call button's care team
 * kept in memory, it sends the first step of the press's escalation plan at once, journalling each page to
 * local disk first ({@link OutageJournal}). When the database is back the notifier's normal path opens the
 * incident and {@link OutboxSender} books these calls as already sent (the SMS is followed by the one with the
 * incident code), so nobody is called twice and the escalation goes on from there. Only presses: every other rule can wait for the database.
 */
public final class OutagePager {

    /** How often the in-memory copy of the care teams is refreshed while the database answers. */
    static final Duration REFRESH_EVERY = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(OutagePager.class);

    private final Function<LocalDate, Map<String, ElderProfile>> loadProfiles;
    private final EscalationPlans plans;
    private final Map<NotificationChannel, Channel> channels;
    private final OutageJournal journal;
    private final Clock clock;
    private final ExecutorService senders = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "shouwang-outage-pager");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService coordinators = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "shouwang-outage-press");
        t.setDaemon(true);
        return t;
    });
    /** How long one page from memory is retried on passing failures. */
    static final Duration SEND_DEADLINE = Duration.ofSeconds(30);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private volatile Map<String, ElderProfile> profiles = Map.of();
    private volatile Instant refreshedAt;

    public OutagePager(Function<LocalDate, Map<String, ElderProfile>> loadProfiles, EscalationPlans plans,
                       Map<NotificationChannel, Channel> channels, OutageJournal journal, Clock clock) {
        this.loadProfiles = loadProfiles;
        this.plans = plans;
        this.channels = Map.copyOf(channels);
        this.journal = journal;
        this.clock = clock;
    }

    public OutageJournal journal() {
        return journal;
    }

    /** Refreshes the copy of the care teams when it is older than {@link #REFRESH_EVERY}; blocking. */
    public void refreshIfStale() {
        Instant now = clock.instant();
        if (refreshedAt != null && now.isBefore(refreshedAt.plus(REFRESH_EVERY))) {
            return;
        }
        refresh();
    }

    /** Reloads the care teams now; keeps the old copy when the database does not answer. */
    public void refresh() {
        try {
            profiles = Map.copyOf(loadProfiles.apply(LocalDate.now(clock.withZone(ResidentId.ZONE))));
            refreshedAt = clock.instant();
            LOG.debug("care teams copied for paging without the database [buttons: {}]", profiles.size());
        } catch (RuntimeException e) {
            LOG.warn("care teams not refreshed, keeping the copy [buttons: {}, reason: {}]", profiles.size(),
                    e.getClass().getSimpleName());
        }
    }

    /**
     * Pages the first step of a press's plan from memory, each person and channel once whatever happens twice;
     * returns the pages handed to a provider by this call. Blocking; call it from a worker thread.
     */
    public int page(Alert alert) {
        if (alert.rule() != Rule.BUTTON_PRESSED) {
            return 0;
        }
        ElderProfile profile = profiles.get(alert.deviceId());
        if (profile == null) {
            LOG.error("press while the database is down, and its button is not in the copy of care teams: nobody"
                    + " paged until the database is back [alert: {}, device: {}]", alert.alertId(), alert.deviceId());
            return 0;
        }
        EscalationStep first = plans.planFor(profile.elder().street(), alert.rule(), alert.rule().severity()).plan()
                .step(0);
        StepPlanner.Round round = StepPlanner.plan(first, profile.elder(), profile.careTeam());
        List<CompletableFuture<Boolean>> sending = new ArrayList<>();
        for (StepPlanner.Target t : round.targets()) {
            for (NotificationChannel via : first.via()) {
                if (channels.containsKey(via)) {
                    sending.add(CompletableFuture.supplyAsync(() -> send(alert, profile, t, via), senders));
                }
            }
        }
        int sent = (int) sending.stream().map(CompletableFuture::join).filter(Boolean::booleanValue).count();
        LOG.warn("press paged from memory, the database is down [alert: {}, elder: {}, pages: {}]", alert.alertId(),
                profile.elder().id(), sent);
        return sent;
    }

    /**
     * Sends one page, retrying a passing failure (5xx, no connection) with backoff for up to {@link #SEND_DEADLINE}:
     * while the database is down nothing else will send it. A timeout may have sent it: not retried.
     */
    private boolean send(Alert alert, ElderProfile profile, StepPlanner.Target t, NotificationChannel via) {
        OutageJournal.Entry entry = new OutageJournal.Entry(alert.alertId(), profile.elder().id(), t.contactId(), via,
                null, clock.instant());
        if (!journal.claim(entry)) {
            return false; // sent already, or the outbox has it
        }
        String body = via == NotificationChannel.VOICE ? VoiceText.pageDuringOutage(profile.elder(), profile)
                : SmsText.pageDuringOutage(profile.elder(), profile);
        Page page = new Page(0, 0, t.contactId(), t.audience(), via, t.phone(), body,
                PageTemplates.outage(profile.elder(), profile));
        long deadline = System.nanoTime() + SEND_DEADLINE.toNanos();
        long backoff = FIRST_BACKOFF.toMillis();
        while (true) {
            try {
                Delivery d = channels.get(via).send(page);
                journal.delivered(new OutageJournal.Entry(entry.alertId(), entry.elderId(), entry.contactId(), via,
                        d.providerSid(), entry.sentAt()));
                return true;
            } catch (ChannelException e) {
                if (e.isUncertain()) {
                    journal.uncertain(entry); // it may have gone out: kept as sent, so nobody gets it twice
                    return false;
                }
                if (e.isPermanent() || System.nanoTime() + backoff * 1_000_000 > deadline) {
                    journal.failed(entry);
                    LOG.warn("page from memory not sent [alert: {}, channel: {}, failure: {}]", alert.alertId(), via,
                            e.kind());
                    return false;
                }
            } catch (RuntimeException e) {
                journal.failed(entry);
                LOG.warn("page from memory failed [alert: {}, channel: {}, error: {}]", alert.alertId(), via,
                        e.getClass().getSimpleName());
                return false;
            }
            try {
                Thread.sleep(backoff); // a worker of the pager's own, not an event loop
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                journal.failed(entry);
                return false;
            }
            backoff = Math.min(backoff * 2, 8_000);
        }
    }

    /** Pages on the pager's own threads, so work stuck on the database elsewhere never holds a press back. */
    public CompletableFuture<Integer> pageAsync(Alert alert) {
        return CompletableFuture.supplyAsync(() -> page(alert), coordinators);
    }
}
