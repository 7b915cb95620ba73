package org.shouwang.care;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.shouwang.db.CareMessage;
import org.shouwang.db.CareMessageStore;
import org.shouwang.model.ResidentId;
import org.shouwang.notifier.ChannelException;
import org.shouwang.notifier.Delivery;
import org.shouwang.notifier.QuietHours;
import org.shouwang.notifier.RetryPolicy;
import org.shouwang.notifier.PageTemplates;
import org.shouwang.notifier.TextMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the care outbox's due SMS through the notifier's {@link TextMessages}, one attempt each, and books the
 * outcome on the row: accepted → SENT; refused for good (a 4xx: invalid number, unsubscribed) → FAILED; a passing
 * failure (5xx, throttled, no answer) waits for its backoff in the row ({@link RetryPolicy}) and is tried again,
 * until the attempts or the deadline run out → FAILED. Nothing leaves in the quiet hours: a due message waits for
 * their end, and one still unsent when its day is over lapses (FAILED): yesterday's reminder would only mislead.
 * Messages are claimed for a lease first, so two ticks or instances never send one twice. Blocking.
 */
public final class CareOutbox {

    /** Longer than any one send (Twilio's request timeout is at most 5 minutes). */
    static final Duration CLAIM_LEASE = Duration.ofMinutes(6);
    static final String LAPSED = "lapsed: not sent on its day";
    private static final int BATCH = 50;
    private static final Logger LOG = LoggerFactory.getLogger(CareOutbox.class);

    private final CareMessageStore messages;
    private final TextMessages texts;
    private final RetryPolicy retry;
    private final QuietHours quiet;
    private final Clock clock;

    public CareOutbox(CareMessageStore messages, TextMessages texts, RetryPolicy retry, QuietHours quiet, Clock clock) {
        this.messages = messages;
        this.texts = texts;
        this.retry = retry;
        this.quiet = quiet;
        this.clock = clock;
    }

    /** Sends what is due now; returns how many the provider accepted. */
    public int sendDue() {
        int sent = 0;
        List<CareMessage> batch;
        while (!quiet.contains(clock.instant())
                && !(batch = messages.claimDue(clock.instant(), CLAIM_LEASE, BATCH)).isEmpty()) {
            for (CareMessage m : batch) {
                sent += handle(m) ? 1 : 0;
            }
        }
        return sent;
    }

    private boolean handle(CareMessage m) {
        LocalDate today = LocalDate.now(clock.withZone(ResidentId.ZONE));
        if (m.createdAt().atZone(ResidentId.ZONE).toLocalDate().isBefore(today)) {
            if (messages.markFailed(m.id(), LAPSED, false)) {
                LOG.warn("care message lapsed unsent [message: {}, kind: {}, elder: {}]", m.id(), m.kind(),
                        m.elderId());
            }
            return false;
        }
        Instant attemptedAt = clock.instant();
        Delivery d;
        try {
            d = send(m);
        } catch (ChannelException e) {
            failed(m, e, attemptedAt);
            return false;
        }
        messages.markSent(m.id(), d.providerSid(), clock.instant());
        LOG.info("care message sent [message: {}, kind: {}, elder: {}, sid: {}]", m.id(), m.kind(), m.elderId(),
                d.providerSid());
        return true;
    }

    private Delivery send(CareMessage m) throws ChannelException {
        try {
            return texts.send(m.recipient(), m.body(), PageTemplates.fromJson(m.template()));
        } catch (RuntimeException e) {
            // A provider bug will not heal by retrying, and must not keep the other messages from going out.
            LOG.error("text provider failed unexpectedly [message: {}]", m.id(), e);
            throw new ChannelException(ChannelException.Kind.PERMANENT, e.getClass().getSimpleName(), null, null,
                    null);
        }
    }

    private void failed(CareMessage m, ChannelException e, Instant attemptedAt) {
        int attempt = m.attempts() + 1;
        Instant notBefore = quiet.endAfter(attemptedAt.plus(retry.backoffBefore(attempt + 1)));
        boolean retried = !e.isPermanent() && attempt < retry.maxAttempts()
                && !notBefore.isAfter(m.createdAt().plus(retry.giveUpAfter()));
        if (retried) {
            messages.scheduleRetry(m.id(), e.getMessage(), notBefore);
            LOG.info("care message will be retried [message: {}, attempt: {}, kind: {}, status: {}, code: {}]",
                    m.id(), attempt, e.kind(), e.httpStatus(), e.providerCode());
            return;
        }
        messages.markFailed(m.id(), e.getMessage(), true);
        LOG.warn("care message failed [message: {}, kind: {}, elder: {}, attempts: {}, error kind: {}, status: {},"
                + " code: {}]", m.id(), m.kind(), m.elderId(), attempt, e.kind(), e.httpStatus(), e.providerCode());
    }
}
