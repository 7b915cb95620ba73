package org.shouwang.db;

import java.time.Instant;
import org.shouwang.model.Privacy;

/**
 * One page in the outbox. {@code recipient} is a phone number (sensitive): {@link #toString()} masks it
 * and leaves the body out, so a logged notification leaks neither.
 *
 * @param contactId      the care contact paged, or {@code null} for the elder or someone outside the care team
 * @param attempts       how many times a provider was asked to deliver it
 * @param lastError      why the last attempt failed (provider status and code, no personal data)
 * @param step           the escalation step it belongs to ({@code null} for pages written before escalation plans)
 * @param round          0 for a step's first run, one more for each repeat of the last step
 * @param audience       whom of the step it is for: a {@code ContactRole} name or {@code ELDER}
 * @param nextAttemptAt  a pending page is not tried before this ({@code null}: at once)
 * @param deliveryStatus the provider's latest report (delivered, no-answer, ...), {@code null} before any
 * @param firstAttemptAt when a failed try of it first started (notifier clock), {@code null} before any
 * @param uncertain      a try went out but got no answer in time: the person may have been reached
 * @param template       the page as a template provider needs it (message type and facts, JSON), or {@code null}
 */
public record Notification(long id, String idempotencyKey, long incidentId, Long contactId,
                           NotificationChannel channel, String recipient, String body, NotificationStatus status,
                           String providerSid, int attempts, String lastError, Instant createdAt, Instant sentAt,
                           Integer step, Integer round, String audience, Instant nextAttemptAt,
                           String deliveryStatus, Instant deliveryAt, Instant firstAttemptAt, boolean uncertain,
                           String template) {

    /** The audience of pages to the elder themself (a well-check call). */
    public static final String ELDER = "ELDER";

    public boolean toElder() {
        return ELDER.equals(audience);
    }

    @Override
    public String toString() {
        return "Notification[id=" + id + ", key=" + idempotencyKey + ", incident=" + incidentId + ", contact="
                + contactId + ", channel=" + channel + ", recipient=" + Privacy.maskPhone(recipient) + ", status="
                + status + ", providerSid=" + providerSid + ", attempts=" + attempts + ", step=" + step + ", round="
                + round + ", delivery=" + deliveryStatus + ", uncertain=" + uncertain + "]";
    }
}
