package org.shouwang.notifier;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.shouwang.db.IncidentStore;
import org.shouwang.db.Notification;
import org.shouwang.db.NotificationChannel;
import org.shouwang.db.NotificationStatus;
import org.shouwang.db.NotificationStore;
import org.shouwang.model.IncidentState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends outbox pages through their channel and books the outcome: the outbox row (sent, failed) and a
 * timeline entry people can read. Every page gets its first try at once; pages that failed for a
 * passing reason are tried again in rounds with backoff; a permanent failure moves on. Within this
 * process a page is sent by one caller at a time (alert handling and restart recovery may overlap).
 */
final class PageDispatcher {

    /** A page to send, with how the timeline names its recipient (role and name, never the number). */
    record Outgoing(Notification notification, String who) {
    }

    private enum Result { SENT, RETRY, DONE }

    static final String ACTOR = "system";
    private static final Logger LOG = LoggerFactory.getLogger(PageDispatcher.class);

    private final NotificationStore outbox;
    private final IncidentStore incidents;
    private final Map<NotificationChannel, Channel> channels;
    private final RetryPolicy retry;
    private final Clock clock;
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

    PageDispatcher(NotificationStore outbox, IncidentStore incidents, Map<NotificationChannel, Channel> channels,
                   RetryPolicy retry, Clock clock) {
        this.outbox = outbox;
        this.incidents = incidents;
        this.channels = Map.copyOf(channels);
        this.retry = retry;
        this.clock = clock;
    }

    /** Sends the pages that are still pending; returns how many the provider accepted. */
    int dispatch(List<Outgoing> pages) {
        List<Outgoing> due = claim(pages);
        List<Long> claimed = due.stream().map(o -> o.notification().id()).toList();
        int sent = 0;
        try {
            for (int attempt = 1; !due.isEmpty(); attempt++) {
                pause(retry.backoffBefore(attempt));
                List<Outgoing> again = new ArrayList<>();
                for (Outgoing o : dropIfTaken(due)) {
                    Result r = attempt(o, attempt >= retry.maxAttempts());
                    if (r == Result.SENT) {
                        sent++;
                    } else if (r == Result.RETRY) {
                        again.add(o);
                    }
                }
                due = again;
            }
        } finally {
            claimed.forEach(inFlight::remove);
        }
        return sent;
    }

    /** Keeps the pages this caller may send: still pending in the outbox and not in another caller's hands. */
    private List<Outgoing> claim(List<Outgoing> pages) {
        List<Outgoing> mine = new ArrayList<>();
        try {
            for (Outgoing o : pages) {
                long id = o.notification().id();
                if (!inFlight.add(id)) {
                    continue;
                }
                mine.add(o);
                // Re-read: the caller's copy may predate another caller's send (restart recovery lists early).
                if (!outbox.find(id).map(n -> n.status() == NotificationStatus.PENDING).orElse(false)) {
                    mine.remove(o);
                    inFlight.remove(id);
                }
            }
            return mine;
        } catch (RuntimeException e) {
            mine.forEach(o -> inFlight.remove(o.notification().id()));
            throw e;
        }
    }

    /** Withdraws pages whose incident someone has taken or closed meanwhile: nobody needs them now. */
    private List<Outgoing> dropIfTaken(List<Outgoing> due) {
        Map<Long, Boolean> open = new HashMap<>();
        List<Outgoing> still = new ArrayList<>();
        for (Outgoing o : due) {
            long incidentId = o.notification().incidentId();
            if (open.computeIfAbsent(incidentId, this::stillOpen)) {
                still.add(o);
            } else {
                book(o.notification(), () -> {
                    if (outbox.markCancelled(o.notification().id(), "incident no longer open")) {
                        timeline(o, "PAGE_CANCELLED", label(o) + "取消：" + o.who() + "（事件已有人接手或已结束）");
                    }
                });
            }
        }
        return still;
    }

    private boolean stillOpen(long incidentId) {
        try {
            return incidents.find(incidentId).map(i -> i.state() == IncidentState.OPEN).orElse(false);
        } catch (RuntimeException e) {
            // Unsure whether anyone took it: paging once too often beats staying silent.
            LOG.warn("incident state unknown, paging anyway [incident: {}]", incidentId, e);
            return true;
        }
    }

    private Result attempt(Outgoing o, boolean lastTry) {
        Notification n = o.notification();
        Delivery d;
        try {
            d = send(n);
        } catch (ChannelException e) {
            return failed(o, e, lastTry);
        }
        book(n, () -> {
            outbox.markSent(n.id(), d.providerSid(), clock.instant());
            timeline(o, "PAGE_SENT", label(o) + "已发送：" + o.who());
        });
        LOG.info("page sent [incident: {}, notification: {}, contact: {}, channel: {}, sid: {}]", n.incidentId(),
                n.id(), n.contactId(), n.channel(), d.providerSid());
        return Result.SENT;
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

    private Result failed(Outgoing o, ChannelException e, boolean lastTry) {
        Notification n = o.notification();
        boolean giveUp = e.isPermanent() || lastTry;
        book(n, () -> outbox.markFailed(n.id(), e.getMessage(), giveUp));
        if (!giveUp) {
            LOG.info("page will be retried [incident: {}, notification: {}, status: {}, code: {}]", n.incidentId(),
                    n.id(), e.httpStatus(), e.providerCode());
            return Result.RETRY;
        }
        String why = e.isPermanent() ? "被拒绝，不再重试" : "多次重试仍失败";
        book(n, () -> timeline(o, "PAGE_FAILED", label(o) + "发送失败：" + o.who() + "（" + why + reason(e) + "）"));
        LOG.warn("page failed [incident: {}, notification: {}, contact: {}, kind: {}, status: {}, code: {}]",
                n.incidentId(), n.id(), n.contactId(), e.kind(), e.httpStatus(), e.providerCode());
        return Result.DONE;
    }

    /**
     * Books an outcome. Sending beats bookkeeping: if the database fails here the other pages still go
     * out; a sent page left PENDING is sent again after a restart (at least once, never lost).
     */
    private static void book(Notification n, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("page outcome not recorded [incident: {}, notification: {}]", n.incidentId(), n.id(), e);
        }
    }

    private static String reason(ChannelException e) {
        if (e.httpStatus() == null) {
            return "，无应答";
        }
        return "，HTTP " + e.httpStatus() + (e.providerCode() == null ? "" : "，错误码 " + e.providerCode());
    }

    private static String label(Outgoing o) {
        return o.notification().channel() == NotificationChannel.VOICE ? "电话" : "短信";
    }

    private void timeline(Outgoing o, String kind, String detail) {
        incidents.addTimeline(o.notification().incidentId(), clock.instant(), kind, ACTOR, detail);
    }

    private static void pause(Duration wait) {
        if (wait.isZero()) {
            return;
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            // Shutting down: stop waiting; the pages stay pending and a restart resumes them.
            Thread.currentThread().interrupt();
            throw new IllegalStateException("page dispatch interrupted", e);
        }
    }
}
