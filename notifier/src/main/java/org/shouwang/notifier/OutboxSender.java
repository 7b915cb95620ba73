package org.shouwang.notifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.shouwang.db.IncidentStore;
import org.shouwang.db.Notification;
import org.shouwang.db.NotificationChannel;
import org.shouwang.db.NotificationStore;
import org.shouwang.db.RegistryStore;
import org.shouwang.model.CareContact;
import org.shouwang.model.Incident;
import org.shouwang.model.IncidentState;
import org.shouwang.model.Rule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox's due pages through their channel, one attempt each and all of a batch at once (each
 * with the channel's own request deadline, so one slow provider answer holds up no other page), and books
 * the outcome on the row and the timeline. A passing failure (5xx, no connection) waits in the row for its
 * backoff ({@code next_attempt_at}), so no thread sleeps and a restart keeps the schedule; a timeout
 * (maybe sent) is tried once more at most; a permanent failure, a spent retry budget or the retry deadline
 * ({@link RetryPolicy#giveUpAfter()}) fails the page and tells the {@link Escalator} to page the next
 * person. Pages are claimed for a lease first: alert handling, the timer and another instance never send
 * one page together.
 */
final class OutboxSender {

    /** Longer than any one send (the request timeout is at most 5 minutes) so a slow send keeps its page. */
    static final Duration CLAIM_LEASE = Duration.ofMinutes(6);
    private static final int BATCH = 50;
    /** Pages in flight at once; more wait for a free sender, each for at most one request deadline. */
    static final int PARALLEL_SENDS = 8;
    private static final AtomicInteger SENDER_THREADS = new AtomicInteger();
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);

    private final NotificationStore outbox;
    private final IncidentStore incidents;
    private final RegistryStore registry;
    private final Map<NotificationChannel, Channel> channels;
    private final RetryPolicy retry;
    private final Clock clock;
    private final Timeline timeline;
    private final Escalator escalator;
    private final ExecutorService senders;
    private final OutageJournal journal;
    private final NotifierMetrics metrics;

    /** How a page stands with the pages sent from memory during a database outage. */
    private enum Outage {
        /** Not sent during an outage: its latency is timed when the provider takes it. */
        NONE,
        /** Sent during the outage and booked as sent now. */
        BOOKED,
        /** Its outage copy went out (and was timed); this one follows it up with the incident code. */
        FOLLOW_UP
    }

    OutboxSender(NotificationStore outbox, IncidentStore incidents, RegistryStore registry,
                 Map<NotificationChannel, Channel> channels, RetryPolicy retry, Clock clock, Timeline timeline,
                 Escalator escalator, OutageJournal journal, NotifierMetrics metrics) {
        this.journal = journal;
        this.metrics = metrics;
        this.outbox = outbox;
        this.incidents = incidents;
        this.registry = registry;
        this.channels = Map.copyOf(channels);
        this.retry = retry;
        this.clock = clock;
        this.timeline = timeline;
        this.escalator = escalator;
        // Daemon threads, idle unless paging: a stopped notifier leaves nothing that keeps the JVM up.
        this.senders = Executors.newFixedThreadPool(PARALLEL_SENDS, r -> {
            Thread t = new Thread(r, "shouwang-page-sender-" + SENDER_THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Sends every page that is due now, including the ones failures add meanwhile; returns how many went out. */
    int sendDue() {
        int sent = 0;
        List<Notification> batch;
        while (!(batch = outbox.claimDue(clock.instant(), CLAIM_LEASE, BATCH)).isEmpty()) {
            Map<Long, Incident> open = new HashMap<>();
            Map<Long, Map<Long, CareContact>> teams = new HashMap<>();
            List<CompletableFuture<Boolean>> sending = new ArrayList<>();
            for (Notification n : batch) {
                Incident incident = open.computeIfAbsent(n.incidentId(), id -> incidents.find(id).orElse(null));
                String who = Who.of(n, incident == null ? Map.of() : teams.computeIfAbsent(incident.elderId(),
                        elder -> Who.byId(registry.contacts(elder))));
                if (incident == null || incident.state() != IncidentState.OPEN && !goesOutAnyway(n)) {
                    withdraw(n, who);
                } else {
                    Outage outage = sentDuringOutage(n, incident, who);
                    if (outage == Outage.BOOKED) {
                        sent++;
                    } else {
                        Instant alertAt = outage == Outage.NONE && firstRound(n) ? incident.openedAt() : null;
                        sending.add(CompletableFuture.supplyAsync(() -> attempt(n, who, alertAt), senders));
                    }
                }
            }
            sent += joined(sending);
        }
        return sent;
    }

    /** Waits for every send of the batch (each ends within its request deadline); the first failure is rethrown. */
    private static int joined(List<CompletableFuture<Boolean>> sending) {
        CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        int sent = 0;
        for (CompletableFuture<Boolean> f : sending) {
            try {
                sent += f.join() ? 1 : 0;
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        return sent;
    }

    /**
     * A digest hangs on an incident only because the outbox wants one; a further press's text is news for
     * the one who took the case (the press landed before any resolution): both go out whatever the state.
     */
    private static boolean goesOutAnyway(Notification n) {
        return DigestScheduler.isDigest(n) || PressAgain.isNews(n);
    }

    /**
     * A first-round page that {@link OutagePager} already sent from memory while the database was down: the call
     * is booked as sent and not placed again (true). The outage SMS carried no incident code, so the SMS is
     * still sent, as the promised follow-up with the code and how to take the case (false).
     */
    private Outage sentDuringOutage(Notification n, Incident incident, String who) {
        if (journal == null || incident.rule() != Rule.BUTTON_PRESSED || !firstRound(n)) {
            return Outage.NONE;
        }
        Optional<OutageJournal.Entry> entry;
        try {
            entry = journal.claimForOutbox(incidents.alertIds(n.incidentId()), n.contactId(), n.channel());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outage.NONE;
        }
        if (entry.isEmpty()) {
            return Outage.NONE;
        }
        OutageJournal.Entry e = entry.get();
        // The person was reached when the copy from memory went out: that is the page's latency.
        metrics.pageLatency(Duration.between(incident.openedAt(), e.sentAt()));
        if (n.channel() == NotificationChannel.VOICE) {
            outbox.markSent(n.id(), e.providerSid(), e.sentAt());
            timeline.noteQuietly(n.incidentId(), Timeline.PAGED_DURING_OUTAGE, "数据库中断期间已由应急通道电话通知："
                    + who + "，不再重复拨打");
            return Outage.BOOKED;
        }
        timeline.noteQuietly(n.incidentId(), Timeline.PAGED_DURING_OUTAGE, "数据库中断期间已由应急通道短信通知："
                + who + "；现补发带事件编号的短信");
        return Outage.FOLLOW_UP;
    }

    /** A page of the first run of the first step: sent at once after the alert, so its latency is the alert's. */
    private static boolean firstRound(Notification n) {
        return n.step() != null && n.step() == 0 && n.round() != null && n.round() == 0;
    }

    /** Nobody needs a page of an incident someone took or closed meanwhile. */
    private void withdraw(Notification n, String who) {
        if (outbox.markCancelled(n.id(), "incident no longer open")) {
            timeline.noteQuietly(n.incidentId(), Timeline.PAGE_CANCELLED, Timeline.channel(n.channel()) + "取消："
                    + who + "（事件已有人接手或已结束）");
        }
    }

    /** @param alertAt when the alert behind a first-round page was raised, to time it; null not to */
    private boolean attempt(Notification n, String who, Instant alertAt) {
        Instant attemptedAt = clock.instant();
        Delivery d;
        try {
            d = send(n);
        } catch (ChannelException e) {
            failed(n, who, e, attemptedAt);
            return false;
        }
        Instant sentAt = clock.instant();
        if (alertAt != null) {
            metrics.pageLatency(Duration.between(alertAt, sentAt));
        }
        if (outbox.markSent(n.id(), d.providerSid(), sentAt)) {
            timeline.noteQuietly(n.incidentId(), Timeline.PAGE_SENT, Timeline.channel(n.channel()) + "已发送"
                    + (d.provider() == null ? "" : "（经" + d.provider() + "）") + "：" + who + attemptNote(n));
        }
        LOG.info("page sent [incident: {}, notification: {}, contact: {}, channel: {}, sid: {}]", n.incidentId(),
                n.id(), n.contactId(), n.channel(), d.providerSid());
        return true;
    }

    private Delivery send(Notification n) throws ChannelException {
        Channel channel = channels.get(n.channel());
        if (channel == null) {
            throw new ChannelException(ChannelException.Kind.PERMANENT, "no channel for " + n.channel(), null, null,
                    null);
        }
        try {
            return channel.send(Page.of(n));
        } catch (RuntimeException e) {
            // A channel bug must not keep the other pages from going out; it will not heal by retrying.
            LOG.error("channel failed unexpectedly [incident: {}, notification: {}]", n.incidentId(), n.id(), e);
            throw new ChannelException(ChannelException.Kind.PERMANENT, e.getClass().getSimpleName(), null, null,
                    null);
        }
    }

    /**
     * Retries a passing failure while the budget and the deadline allow; a page that already went
     * unanswered once is not tried again (it may have reached the person twice by then): the next person
     * is paged instead, which costs one more text rather than leaving the elder waiting.
     */
    private void failed(Notification n, String who, ChannelException e, Instant attemptedAt) {
        int attempt = n.attempts() + 1;
        Instant first = n.firstAttemptAt() == null ? attemptedAt : n.firstAttemptAt();
        Instant notBefore = clock.instant().plus(retry.backoffBefore(attempt + 1));
        boolean beforeDeadline = !notBefore.isAfter(first.plus(retry.giveUpAfter()));
        boolean retried = !e.isPermanent() && attempt < retry.maxAttempts() && beforeDeadline && !n.uncertain();
        if (e.isUncertain()) {
            timeline.noteQuietly(n.incidentId(), Timeline.PAGE_UNCERTAIN, Timeline.channel(n.channel()) + "结果不明："
                    + who + "（服务商未在时限内应答，可能已发出；" + (retried ? "再试一次）" : "不再重试）"));
        }
        if (retried) {
            outbox.recordFailure(n.id(), e.getMessage(), attemptedAt, e.isUncertain(), notBefore);
            LOG.info("page will be retried [incident: {}, notification: {}, attempt: {}, kind: {}, status: {},"
                    + " code: {}]", n.incidentId(), n.id(), attempt, e.kind(), e.httpStatus(), e.providerCode());
            return;
        }
        if (!outbox.recordFailure(n.id(), e.getMessage(), attemptedAt, e.isUncertain(), null)) {
            return;
        }
        String why = e.isPermanent() ? "被拒绝，不再重试"
                : e.isUncertain() || n.uncertain() ? "结果不明，不再重试，改为通知下一位"
                : !beforeDeadline ? "重试" + attempt + "次仍失败，已到" + retry.giveUpAfter().toSeconds() + "秒时限"
                : "重试" + attempt + "次仍失败";
        timeline.noteQuietly(n.incidentId(), Timeline.PAGE_FAILED, Timeline.channel(n.channel()) + "发送失败：" + who
                + "（" + why + reason(e) + "）");
        LOG.warn("page failed [incident: {}, notification: {}, contact: {}, kind: {}, status: {}, code: {}]",
                n.incidentId(), n.id(), n.contactId(), e.kind(), e.httpStatus(), e.providerCode());
        escalator.pageFailed(n.id());
    }

    private static String attemptNote(Notification n) {
        return n.attempts() == 0 ? "" : "（第" + (n.attempts() + 1) + "次尝试）";
    }

    private static String reason(ChannelException e) {
        if (e.httpStatus() == null) {
            return "，无应答";
        }
        return "，HTTP " + e.httpStatus() + (e.providerCode() == null ? "" : "，错误码 " + e.providerCode());
    }
}
