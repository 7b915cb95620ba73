package org.shouwang.db;

import java.time.Instant;
import org.shouwang.model.Privacy;

/**
 * One page in the outbox. {@code recipient} is a phone number (sensitive): {@link #toString()} masks it
 * and leaves the body out, so a logged notification leaks neither.
 *
 * @param contactId   the care contact paged, or {@code null} for a recipient outside the care team
 * @param attempts    how many times a provider was asked to deliver it
 * @param lastError   why the last attempt failed (provider status and code, no personal data)
 */
public record Notification(long id, String idempotencyKey, long incidentId, Long contactId,
                           NotificationChannel channel, String recipient, String body, NotificationStatus status,
                           String providerSid, int attempts, String lastError, Instant createdAt, Instant sentAt) {

    @Override
    public String toString() {
        return "Notification[id=" + id + ", key=" + idempotencyKey + ", incident=" + incidentId + ", contact="
                + contactId + ", channel=" + channel + ", recipient=" + Privacy.maskPhone(recipient) + ", status="
                + status + ", providerSid=" + providerSid + ", attempts=" + attempts + "]";
    }
}
