package org.shouwang.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.shouwang.model.PhoneNumbers;

/**
 * The notification outbox: every page is written here before it is sent, under an idempotency key, so a
 * repeated alert or a restart neither loses a page nor sends it twice. Senders claim due pages for a
 * lease, so two senders never send one page together; retries wait in the row ({@code next_attempt_at}),
 * not in a sleeping thread. Holds phone numbers: nothing here logs. Blocking JDBC: worker threads only.
 */
public final class NotificationStore {

    private static final String COLUMNS = "id, idempotency_key, incident_id, contact_id, channel, recipient, body,"
            + " status, provider_sid, attempts, last_error, created_at, sent_at, step, round_no, audience,"
            + " next_attempt_at, delivery_status, delivery_at, first_attempt_at, uncertain, template";

    private final Jdbc jdbc;

    public NotificationStore(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    /** As {@link #enqueue(NotificationDraft)}, for a page outside any escalation step. */
    public NotificationEnqueued enqueue(long incidentId, Long contactId, NotificationChannel channel, String recipient,
                                        String body, String idempotencyKey) {
        return enqueue(new NotificationDraft(idempotencyKey, incidentId, contactId, channel, recipient, body, null, null,
                null));
    }

    /**
     * Writes a page to send. A key already in the outbox leaves that row as it is and returns it with
     * {@code inserted == false}: a repeat never creates a second page.
     */
    public NotificationEnqueued enqueue(NotificationDraft d) {
        return jdbc.inTransaction(c -> {
            Optional<Notification> inserted = Jdbc.one(c, "INSERT INTO notification (idempotency_key, incident_id,"
                            + " contact_id, channel, recipient, recipient_e164, body, status, step, round_no, audience,"
                            + " template) VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?::jsonb)"
                            + " ON CONFLICT (idempotency_key) DO NOTHING RETURNING " + COLUMNS,
                    NotificationStore::notification, d.idempotencyKey(), d.incidentId(), d.contactId(), d.channel(),
                    d.recipient(), PhoneNumbers.toE164(d.recipient()), d.body(), d.step(), d.round(), d.audience(),
                    d.template());
            if (inserted.isPresent()) {
                return new NotificationEnqueued(inserted.get(), true);
            }
            // ON CONFLICT waited for a concurrent writer of the same key to commit, so the row is visible now.
            Notification existing = Jdbc.one(c, "SELECT " + COLUMNS + " FROM notification WHERE idempotency_key = ?",
                    NotificationStore::notification, d.idempotencyKey()).orElseThrow();
            return new NotificationEnqueued(existing, false);
        });
    }

    /**
     * Writes a page that was already sent another way (from memory while the database was down) as sent, so the
     * outbox shows it and never sends it again. A key already in the outbox leaves that row as it is.
     */
    public NotificationEnqueued enqueueSent(NotificationDraft d, String providerSid, Instant sentAt) {
        return jdbc.inTransaction(c -> {
            Optional<Notification> inserted = Jdbc.one(c, "INSERT INTO notification (idempotency_key, incident_id,"
                            + " contact_id, channel, recipient, recipient_e164, body, status, step, round_no, audience,"
                            + " provider_sid, sent_at, attempts, template)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, 'SENT', ?, ?, ?, ?, ?, 1, ?::jsonb)"
                            + " ON CONFLICT (idempotency_key) DO NOTHING RETURNING " + COLUMNS,
                    NotificationStore::notification, d.idempotencyKey(), d.incidentId(), d.contactId(), d.channel(),
                    d.recipient(), PhoneNumbers.toE164(d.recipient()), d.body(), d.step(), d.round(), d.audience(),
                    providerSid, sentAt, d.template());
            if (inserted.isPresent()) {
                return new NotificationEnqueued(inserted.get(), true);
            }
            Notification existing = Jdbc.one(c, "SELECT " + COLUMNS + " FROM notification WHERE idempotency_key = ?",
                    NotificationStore::notification, d.idempotencyKey()).orElseThrow();
            return new NotificationEnqueued(existing, false);
        });
    }

    /**
     * Takes up to {@code limit} pending pages that are due at {@code now} and nobody holds, and holds them
     * until {@code now + lease}; oldest first. A sender that dies holding a page frees it when the lease ends.
     */
    public List<Notification> claimDue(Instant now, Duration lease, int limit) {
        List<Notification> claimed = jdbc.list("UPDATE notification SET claimed_until = ?, updated_at = now()"
                + " WHERE id IN (SELECT id FROM notification WHERE status = 'PENDING'"
                + " AND (next_attempt_at IS NULL OR next_attempt_at <= ?)"
                + " AND (claimed_until IS NULL OR claimed_until <= ?) ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)"
                + " RETURNING " + COLUMNS, NotificationStore::notification, now.plus(lease), now, now, limit);
        return claimed.stream().sorted(Comparator.comparingLong(Notification::id)).toList();
    }

    /**
     * Shortens every claim on a pending page that runs past {@code until} to end then; the number shortened. A node
     * taking over the leadership calls it before its own sender starts: the claims standing then are the previous
     * leader's, which is dead or has stopped (docs/architecture.md), so its pages need not wait out the full lease.
     */
    public int capClaims(Instant until) {
        return jdbc.update("UPDATE notification SET claimed_until = ?, updated_at = now()"
                + " WHERE status = 'PENDING' AND claimed_until > ?", until, until);
    }

    /** Records that the provider accepted a pending page; false when the page was no longer pending. */
    public boolean markSent(long id, String providerSid, Instant at) {
        return jdbc.update("UPDATE notification SET status = 'SENT', provider_sid = ?, sent_at = ?,"
                + " attempts = attempts + 1, claimed_until = NULL, updated_at = now() WHERE id = ? AND status = 'PENDING'",
                providerSid, at, id) == 1;
    }

    /**
     * Records a failed attempt. A {@code permanent} failure ends the page ({@code FAILED}); otherwise it
     * stays {@code PENDING} and may be tried again at once. {@code error} must carry no personal data.
     */
    public boolean markFailed(long id, String error, boolean permanent) {
        return jdbc.update("UPDATE notification SET attempts = attempts + 1, last_error = ?,"
                + " status = CASE WHEN ? THEN 'FAILED' ELSE status END, claimed_until = NULL, updated_at = now()"
                + " WHERE id = ? AND status = 'PENDING'", error, permanent, id) == 1;
    }

    /** Records a failed attempt that passes: the page stays pending and is not tried before {@code notBefore}. */
    public boolean scheduleRetry(long id, String error, Instant notBefore) {
        return jdbc.update("UPDATE notification SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?,"
                + " claimed_until = NULL, updated_at = now() WHERE id = ? AND status = 'PENDING'",
                error, notBefore, id) == 1;
    }

    /**
     * Records a failed attempt that started at {@code attemptedAt}: the first such time is kept (the retry
     * deadline runs from it), {@code uncertain} says it got no answer and may have been sent (kept once
     * set). {@code notBefore} null ends the page ({@code FAILED}); otherwise it is tried again then.
     */
    public boolean recordFailure(long id, String error, Instant attemptedAt, boolean uncertain, Instant notBefore) {
        return jdbc.update("UPDATE notification SET attempts = attempts + 1, last_error = ?,"
                + " first_attempt_at = COALESCE(first_attempt_at, ?), uncertain = uncertain OR ?,"
                + " next_attempt_at = COALESCE(CAST(? AS timestamptz), next_attempt_at),"
                + " status = CASE WHEN ? THEN 'FAILED' ELSE status END, claimed_until = NULL, updated_at = now()"
                + " WHERE id = ? AND status = 'PENDING'", error, attemptedAt, uncertain, notBefore, notBefore == null,
                id) == 1;
    }

    /** Withdraws a pending page that no longer needs sending (the incident was taken or closed). */
    public boolean markCancelled(long id, String reason) {
        return jdbc.update("UPDATE notification SET status = 'CANCELLED', last_error = ?, claimed_until = NULL,"
                + " updated_at = now() WHERE id = ? AND status = 'PENDING'", reason, id) == 1;
    }

    /** Withdraws every pending page of an incident; returns the pages withdrawn. */
    public List<Notification> cancelPending(long incidentId, String reason) {
        return jdbc.list("UPDATE notification SET status = 'CANCELLED', last_error = ?, claimed_until = NULL,"
                + " updated_at = now() WHERE incident_id = ? AND status = 'PENDING' RETURNING " + COLUMNS,
                NotificationStore::notification, reason, incidentId);
    }

    /**
     * Records the provider's report on a page's delivery. Returns the updated page, or empty when the
     * report changes nothing: another page's sid, the status already recorded, or one {@code mayReplace}
     * refuses (a late "sent" must not overwrite "delivered").
     */
    public Optional<Notification> recordDelivery(long id, String providerSid, String status, Instant at,
                                                 Predicate<String> mayReplace) {
        return jdbc.inTransaction(c -> {
            Optional<Notification> current = Jdbc.one(c, "SELECT " + COLUMNS + " FROM notification WHERE id = ?"
                    + " FOR UPDATE", NotificationStore::notification, id);
            if (current.isEmpty()) {
                return Optional.<Notification>empty();
            }
            Notification n = current.get();
            boolean otherSid = n.providerSid() != null && providerSid != null && !n.providerSid().equals(providerSid);
            if (otherSid || status.equals(n.deliveryStatus()) || !mayReplace.test(n.deliveryStatus())) {
                return Optional.<Notification>empty();
            }
            // A report can outrun our own bookkeeping of the send: keep the sid it names.
            return Jdbc.one(c, "UPDATE notification SET delivery_status = ?, delivery_at = ?,"
                    + " provider_sid = COALESCE(provider_sid, ?), updated_at = now() WHERE id = ? RETURNING " + COLUMNS,
                    NotificationStore::notification, status, at, providerSid, id);
        });
    }

    public Optional<Notification> find(long id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM notification WHERE id = ?", NotificationStore::notification, id);
    }

    /**
     * When the longest-waiting page that is due at {@code now} and not yet sent fell due (its retry time, or when
     * it was written): how far the outbox is behind. Empty when nothing is due. Reads the pending rows only.
     */
    public Optional<Instant> oldestDueUnsent(Instant now) {
        return jdbc.one("SELECT COALESCE(next_attempt_at, created_at) AS due FROM notification"
                + " WHERE status = 'PENDING' AND COALESCE(next_attempt_at, created_at) <= ? ORDER BY due LIMIT 1",
                rs -> Jdbc.instant(rs, "due"), now);
    }

    /** Pages not yet delivered nor given up, oldest first. */
    public List<Notification> pending() {
        return jdbc.list("SELECT " + COLUMNS + " FROM notification WHERE status = 'PENDING' ORDER BY created_at, id",
                NotificationStore::notification);
    }

    /** Every page of an incident, in the order they were written. */
    public List<Notification> forIncident(long incidentId) {
        return jdbc.list("SELECT " + COLUMNS + " FROM notification WHERE incident_id = ? ORDER BY id",
                NotificationStore::notification, incidentId);
    }

    /** The pages of one round of one escalation step, in the order they were written. */
    public List<Notification> forRound(long incidentId, int step, int round) {
        return jdbc.list("SELECT " + COLUMNS + " FROM notification WHERE incident_id = ? AND step = ? AND round_no = ?"
                + " ORDER BY id", NotificationStore::notification, incidentId, step, round);
    }

    /**
     * The latest page the provider took for this number (E.164) whose incident is still open: what a
     * reply "1" from that number answers.
     */
    public Optional<Notification> latestSentToOpenIncident(String e164) {
        return jdbc.one("SELECT " + prefixed("n") + " FROM notification n JOIN incident i ON i.id = n.incident_id"
                + " WHERE n.recipient_e164 = ? AND n.status = 'SENT' AND i.state = 'OPEN' ORDER BY n.id DESC LIMIT 1",
                NotificationStore::notification, e164);
    }

    /**
     * The latest pages the provider took for this number (E.164) whose incident is not resolved yet (open or
     * acknowledged), latest first, at most {@code limit}: what an arrival "到" from that number answers.
     */
    public List<Notification> sentToUnresolvedIncidents(String e164, int limit) {
        return jdbc.list("SELECT " + prefixed("n") + " FROM notification n JOIN incident i ON i.id = n.incident_id"
                + " WHERE n.recipient_e164 = ? AND n.status = 'SENT' AND i.state <> 'RESOLVED' ORDER BY n.id DESC"
                + " LIMIT ?", NotificationStore::notification, e164, limit);
    }

    /**
     * How many pages to this number (E.164) on this channel were tried since {@code since} (sent, or failed at their
     * first attempt), plus those still waiting for their first attempt: what a provider counts against its per-number
     * caps, failed attempts included. Times are the sender's clock, not the row's creation.
     */
    public int countTo(String e164, NotificationChannel channel, Instant since) {
        return jdbc.one("SELECT count(*) FROM notification WHERE recipient_e164 = ? AND channel = ?"
                + " AND status <> 'CANCELLED' AND (COALESCE(sent_at, first_attempt_at) >= ?"
                + " OR (sent_at IS NULL AND first_attempt_at IS NULL AND status = 'PENDING'))", rs -> rs.getInt(1), e164,
                channel, since).orElse(0);
    }

    /** The page written under this idempotency key, if any. */
    public Optional<Notification> findByKey(String idempotencyKey) {
        return jdbc.one("SELECT " + COLUMNS + " FROM notification WHERE idempotency_key = ?",
                NotificationStore::notification, idempotencyKey);
    }

    /** The pages of an incident the provider took for this number (E.164), latest first. */
    public List<Notification> sentTo(long incidentId, String e164) {
        return jdbc.list("SELECT " + COLUMNS + " FROM notification WHERE incident_id = ? AND recipient_e164 = ?"
                + " AND status = 'SENT' ORDER BY id DESC", NotificationStore::notification, incidentId, e164);
    }

    private static String prefixed(String alias) {
        return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
    }

    static Notification notification(ResultSet rs) throws SQLException {
        long contact = rs.getLong("contact_id");
        Long contactId = rs.wasNull() ? null : contact;
        return new Notification(rs.getLong("id"), rs.getString("idempotency_key"), rs.getLong("incident_id"),
                contactId, NotificationChannel.valueOf(rs.getString("channel")), rs.getString("recipient"),
                rs.getString("body"), NotificationStatus.valueOf(rs.getString("status")),
                rs.getString("provider_sid"), rs.getInt("attempts"), rs.getString("last_error"),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "sent_at"), Jdbc.integer(rs, "step"),
                Jdbc.integer(rs, "round_no"), rs.getString("audience"), Jdbc.instant(rs, "next_attempt_at"),
                rs.getString("delivery_status"), Jdbc.instant(rs, "delivery_at"), Jdbc.instant(rs, "first_attempt_at"),
                rs.getBoolean("uncertain"), rs.getString("template"));
    }
}
