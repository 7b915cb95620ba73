package org.shouwang.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.shouwang.model.ContactRole;
import org.shouwang.model.PhoneNumbers;

/**
 * The care SMS outbox ({@code care_message}, issue 11): reminders and digests are written before they are sent,
 * once per idempotency key, then move PENDING → SENT, or → FAILED when the provider refuses them for good, the
 * retries run out or they come too late. A reminder carries the reply code its recipient answers with; the codes
 * of one recipient's open reminders never repeat. Numbers are kept in E.164. Blocking JDBC: worker threads only.
 */
public final class CareMessageStore {

    /** The most reminders one recipient can have open at once ("01" … "99"); more are not written. */
    public static final int MAX_OPEN_CODES = 99;

    /** A reminder to write: one care contact, one elder, one role, one duty period, on one day. */
    public record ReminderDraft(String idempotencyKey, long elderId, long contactId, ContactRole role,
                                LocalDate periodStart, LocalDate periodEnd) {
    }

    /**
     * A care SMS's finished text and the same as a template type and facts (JSON, as {@code notification.template}),
     * null when no template stands for it.
     */
    public record Text(String body, String template) {
    }

    /** The reminder's text once its reply code is known, and how many reminders the recipient then has open. */
    @FunctionalInterface
    public interface ReminderText {
        Text text(ReminderDraft draft, String replyCode, int openReminders);
    }

    private static final String COLUMNS = "id, idempotency_key, kind, elder_id, contact_id, role, period_start,"
            + " period_end, reply_code, recipient, body, status, attempts, next_attempt_at, provider_sid, last_error,"
            + " created_at, sent_at, answered_at, closed_at, template";
    /** Open: a reminder not given up, not replaced, whose period has not ended. */
    private static final String OPEN = " kind = 'REMINDER' AND status <> 'FAILED' AND closed_at IS NULL"
            + " AND period_end >= ?";

    private final Jdbc jdbc;

    public CareMessageStore(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    /**
     * Writes one recipient's reminders of a day in one transaction, under a lock on the recipient: drafts whose
     * key exists already are skipped; an open reminder of the same duty period (contact, elder, role, period) that
     * a new one replaces is closed; each new one gets a reply code ("0" when it is the recipient's only open
     * reminder, else the first free of "01" … "99") and the text for it. Returns the reminders this call wrote.
     */
    public List<CareMessage> writeReminders(String recipient, List<ReminderDraft> drafts, ReminderText text,
                                            LocalDate today, Instant now) {
        String to = PhoneNumbers.toE164(recipient);
        return jdbc.inTransaction(c -> {
            Jdbc.one(c, "SELECT pg_advisory_xact_lock(hashtext(?))", rs -> 0, "care_message:" + to);
            List<ReminderDraft> fresh = new ArrayList<>();
            for (ReminderDraft d : drafts) {
                boolean known = Jdbc.one(c, "SELECT 1 FROM care_message WHERE idempotency_key = ?", rs -> 1,
                        d.idempotencyKey()).isPresent();
                if (!known) {
                    fresh.add(d);
                    Jdbc.update(c, "UPDATE care_message SET closed_at = ? WHERE recipient = ? AND contact_id = ?"
                            + " AND elder_id = ? AND role = ? AND period_start = ? AND" + OPEN, now, to,
                            d.contactId(), d.elderId(), d.role(), d.periodStart(), today);
                }
            }
            if (fresh.isEmpty()) {
                return List.<CareMessage>of();
            }
            Set<String> used = new HashSet<>(Jdbc.list(c, "SELECT reply_code FROM care_message WHERE recipient = ?"
                    + " AND" + OPEN, rs -> rs.getString(1), to, today));
            int open = used.size() + fresh.size();
            List<CareMessage> written = new ArrayList<>();
            int next = 1;
            for (ReminderDraft d : fresh) {
                String code;
                if (open == 1) {
                    code = "0";
                } else {
                    while (next <= MAX_OPEN_CODES && used.contains(twoDigits(next))) {
                        next++;
                    }
                    if (next > MAX_OPEN_CODES) {
                        break;
                    }
                    code = twoDigits(next++);
                }
                written.add(insert(c, d, code, to, text.text(d, code, open), now));
            }
            return written;
        });
    }

    private static CareMessage insert(Connection c, ReminderDraft d, String code, String to, Text text, Instant now)
            throws SQLException {
        return Jdbc.one(c, "INSERT INTO care_message (idempotency_key, kind, elder_id, contact_id, role, period_start,"
                + " period_end, reply_code, recipient, body, template, status, next_attempt_at, created_at)"
                + " VALUES (?, 'REMINDER', ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), 'PENDING', ?, ?) RETURNING "
                + COLUMNS, CareMessageStore::message, d.idempotencyKey(), d.elderId(), d.contactId(), d.role(),
                d.periodStart(), d.periodEnd(), code, to, text.body(), text.template(), now, now).orElseThrow();
    }

    /** Writes a digest once per key; false when one with that key exists already. */
    public boolean writeDigest(String idempotencyKey, String recipient, String body, Instant now) {
        return jdbc.update("INSERT INTO care_message (idempotency_key, kind, recipient, body, status, next_attempt_at,"
                + " created_at) VALUES (?, 'DIGEST', ?, ?, 'PENDING', ?, ?) ON CONFLICT (idempotency_key) DO NOTHING",
                idempotencyKey, PhoneNumbers.toE164(recipient), body, now, now) == 1;
    }

    /**
     * Takes up to {@code limit} pending messages due at {@code now} that nobody holds, and holds them until
     * {@code now + lease}; oldest first. A sender that dies holding one frees it when the lease ends.
     */
    public List<CareMessage> claimDue(Instant now, Duration lease, int limit) {
        List<CareMessage> claimed = jdbc.list("UPDATE care_message SET claimed_until = ? WHERE id IN (SELECT id"
                + " FROM care_message WHERE status = 'PENDING' AND next_attempt_at <= ?"
                + " AND (claimed_until IS NULL OR claimed_until <= ?) ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)"
                + " RETURNING " + COLUMNS, CareMessageStore::message, now.plus(lease), now, now, limit);
        return claimed.stream().sorted(Comparator.comparingLong(CareMessage::id)).toList();
    }

    /** The provider took it; false when it was no longer pending. */
    public boolean markSent(long id, String providerSid, Instant at) {
        return jdbc.update("UPDATE care_message SET status = 'SENT', provider_sid = ?, sent_at = ?,"
                + " attempts = attempts + 1, claimed_until = NULL WHERE id = ? AND status = 'PENDING'",
                providerSid, at, id) == 1;
    }

    /** A passing failure: tried again from {@code notBefore}. */
    public boolean scheduleRetry(long id, String error, Instant notBefore) {
        return jdbc.update("UPDATE care_message SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?,"
                + " claimed_until = NULL WHERE id = ? AND status = 'PENDING'", error, notBefore, id) == 1;
    }

    /**
     * Given up: refused for good, out of retries, or too late to mean anything. {@code attempted} says whether
     * this was an attempt to send (counted) or a message dropped unsent.
     */
    public boolean markFailed(long id, String error, boolean attempted) {
        return jdbc.update("UPDATE care_message SET status = 'FAILED', last_error = ?, claimed_until = NULL,"
                + " attempts = attempts + ? WHERE id = ? AND status = 'PENDING'", error, attempted ? 1 : 0, id) == 1;
    }

    /** The recipient's open reminders on {@code today}, by reply code. */
    public List<CareMessage> openReminders(String recipient, LocalDate today) {
        return jdbc.list("SELECT " + COLUMNS + " FROM care_message WHERE recipient = ? AND" + OPEN
                + " ORDER BY reply_code, id", CareMessageStore::message, PhoneNumbers.toE164(recipient), today);
    }

    /** A reply recorded a contact through this reminder. */
    public boolean answered(long id, String messageSid, Instant at) {
        return jdbc.update("UPDATE care_message SET answered_at = ?, answer_sid = ? WHERE id = ?", at, messageSid,
                id) == 1;
    }

    public Optional<CareMessage> find(long id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM care_message WHERE id = ?", CareMessageStore::message, id);
    }

    public Optional<CareMessage> findByKey(String idempotencyKey) {
        return jdbc.one("SELECT " + COLUMNS + " FROM care_message WHERE idempotency_key = ?",
                CareMessageStore::message, idempotencyKey);
    }

    /** Care messages written since {@code from}, oldest first. */
    public List<CareMessage> since(Instant from) {
        return jdbc.list("SELECT " + COLUMNS + " FROM care_message WHERE created_at >= ? ORDER BY id",
                CareMessageStore::message, from);
    }

    /** The care messages given up since {@code from}, newest first: reminders and digests that reached nobody. */
    public List<CareMessage> failed(Instant from, int limit) {
        return jdbc.list("SELECT " + COLUMNS + " FROM care_message WHERE status = 'FAILED' AND created_at >= ?"
                + " ORDER BY created_at DESC, id DESC LIMIT ?", CareMessageStore::message, from, limit);
    }

    private static String twoDigits(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }

    static CareMessage message(ResultSet rs) throws SQLException {
        String role = rs.getString("role");
        return new CareMessage(rs.getLong("id"), rs.getString("idempotency_key"),
                CareMessage.Kind.valueOf(rs.getString("kind")), (Long) rs.getObject("elder_id"),
                (Long) rs.getObject("contact_id"), role == null ? null : ContactRole.valueOf(role),
                rs.getObject("period_start", LocalDate.class), rs.getObject("period_end", LocalDate.class),
                rs.getString("reply_code"), rs.getString("recipient"), rs.getString("body"),
                CareMessage.Status.valueOf(rs.getString("status")), rs.getInt("attempts"),
                Jdbc.instant(rs, "next_attempt_at"), rs.getString("provider_sid"), rs.getString("last_error"),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "sent_at"), Jdbc.instant(rs, "answered_at"),
                Jdbc.instant(rs, "closed_at"), rs.getString("template"));
    }
}
