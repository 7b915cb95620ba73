package org.shouwang.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The notification outbox: every page is written here before it is sent, under an idempotency key, so a
 * repeated alert or a restart neither loses a page nor sends it twice. Holds phone numbers: nothing here
 * logs. Blocking JDBC: call it from a worker thread.
 */
public final class NotificationStore {

    private static final String COLUMNS = "id, idempotency_key, incident_id, contact_id, channel, recipient, body,"
            + " status, provider_sid, attempts, last_error, created_at, sent_at";

    private final Jdbc jdbc;

    public NotificationStore(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    /**
     * Writes a page to send. A key already in the outbox leaves that row as it is and returns it with
     * {@code inserted == false}: a repeat never creates a second page.
     */
    public NotificationEnqueued enqueue(long incidentId, Long contactId, NotificationChannel channel, String recipient,
                                        String body, String idempotencyKey) {
        return jdbc.inTransaction(c -> {
            Optional<Notification> inserted = Jdbc.one(c, "INSERT INTO notification (idempotency_key, incident_id,"
                            + " contact_id, channel, recipient, body, status) VALUES (?, ?, ?, ?, ?, ?, 'PENDING')"
                            + " ON CONFLICT (idempotency_key) DO NOTHING RETURNING " + COLUMNS,
                    NotificationStore::notification, idempotencyKey, incidentId, contactId, channel, recipient, body);
            if (inserted.isPresent()) {
                return new NotificationEnqueued(inserted.get(), true);
            }
            // ON CONFLICT waited for a concurrent writer of the same key to commit, so the row is visible now.
            Notification existing = Jdbc.one(c, "SELECT " + COLUMNS + " FROM notification WHERE idempotency_key = ?",
                    NotificationStore::notification, idempotencyKey).orElseThrow();
            return new NotificationEnqueued(existing, false);
        });
    }

    /** Records that the provider accepted a pending page; false when the page was no longer pending. */
    public boolean markSent(long id, String providerSid, Instant at) {
        return jdbc.update("UPDATE notification SET status = 'SENT', provider_sid = ?, sent_at = ?,"
                + " attempts = attempts + 1, updated_at = now() WHERE id = ? AND status = 'PENDING'",
                providerSid, at, id) == 1;
    }

    /**
     * Records a failed attempt. A {@code permanent} failure ends the page ({@code FAILED}); otherwise it
     * stays {@code PENDING} and may be tried again. {@code error} must carry no personal data.
     */
    public boolean markFailed(long id, String error, boolean permanent) {
        return jdbc.update("UPDATE notification SET attempts = attempts + 1, last_error = ?,"
                + " status = CASE WHEN ? THEN 'FAILED' ELSE status END, updated_at = now()"
                + " WHERE id = ? AND status = 'PENDING'", error, permanent, id) == 1;
    }

    /** Withdraws a pending page that no longer needs sending (the incident was taken or closed). */
    public boolean markCancelled(long id, String reason) {
        return jdbc.update("UPDATE notification SET status = 'CANCELLED', last_error = ?, updated_at = now()"
                + " WHERE id = ? AND status = 'PENDING'", reason, id) == 1;
    }

    public Optional<Notification> find(long id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM notification WHERE id = ?", NotificationStore::notification, id);
    }

    /** Pages not yet delivered nor given up, oldest first: what to send after a restart. */
    public List<Notification> pending() {
        return jdbc.list("SELECT " + COLUMNS + " FROM notification WHERE status = 'PENDING' ORDER BY created_at, id",
                NotificationStore::notification);
    }

    /** Every page of an incident, in the order they were written. */
    public List<Notification> forIncident(long incidentId) {
        return jdbc.list("SELECT " + COLUMNS + " FROM notification WHERE incident_id = ? ORDER BY id",
                NotificationStore::notification, incidentId);
    }

    static Notification notification(ResultSet rs) throws SQLException {
        long contact = rs.getLong("contact_id");
        Long contactId = rs.wasNull() ? null : contact;
        return new Notification(rs.getLong("id"), rs.getString("idempotency_key"), rs.getLong("incident_id"),
                contactId, NotificationChannel.valueOf(rs.getString("channel")), rs.getString("recipient"),
                rs.getString("body"), NotificationStatus.valueOf(rs.getString("status")),
                rs.getString("provider_sid"), rs.getInt("attempts"), rs.getString("last_error"),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "sent_at"));
    }
}
