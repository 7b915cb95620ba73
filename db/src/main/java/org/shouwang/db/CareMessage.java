package org.shouwang.db;

import java.time.Instant;
import java.time.LocalDate;
import org.shouwang.model.ContactRole;
import org.shouwang.model.Privacy;

/**
 * One care SMS in the outbox ({@code care_message}): a duty reminder to one care contact about one elder, role and
 * period, or a morning digest to a community worker or street office. {@code recipient} is a phone number in
 * E.164: {@link #toString()} masks it and leaves the body out.
 *
 * @param replyCode what the recipient answers to record the contact ("0", or "01", "02" … when several reminders
 *                  are open for them); null for a digest
 * @param closedAt  when a later reminder of the same duty period replaced this one (its code is free again)
 * @param answeredAt when a reply last recorded a contact through this reminder
 * @param template  the text as a template type and facts (JSON), for a provider that sends only templates; null
 *                  when none stands for it
 */
public record CareMessage(long id, String idempotencyKey, Kind kind, Long elderId, Long contactId, ContactRole role,
                          LocalDate periodStart, LocalDate periodEnd, String replyCode, String recipient, String body,
                          Status status, int attempts, Instant nextAttemptAt, String providerSid, String lastError,
                          Instant createdAt, Instant sentAt, Instant answeredAt, Instant closedAt,
                          String template) {

    /** What a care SMS is for. */
    public enum Kind { REMINDER, DIGEST }

    /** Written, not yet accepted by the provider; accepted; given up (refused, out of retries, or too late). */
    public enum Status { PENDING, SENT, FAILED }

    @Override
    public String toString() {
        return "CareMessage[id=" + id + ", kind=" + kind + ", elder=" + elderId + ", contact=" + contactId + ", role="
                + role + ", period=" + periodStart + ".." + periodEnd + ", replyCode=" + replyCode + ", recipient="
                + Privacy.maskPhone(recipient) + ", status=" + status + ", attempts=" + attempts + "]";
    }
}
