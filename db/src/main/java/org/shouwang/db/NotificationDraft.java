package org.shouwang.db;

import java.util.Objects;
import org.shouwang.model.Privacy;

/**
 * A page to write to the outbox, before it has an id. {@code recipient} is a phone number:
 * {@link #toString()} masks it and leaves the body out.
 *
 * @param idempotencyKey one page per key, whatever happens twice (repeated alert, restart, race)
 * @param contactId      the care contact, or {@code null} for the elder themself
 * @param step           the escalation step, or {@code null} outside an escalation plan
 * @param round          the step's round (0, then one more per repeat), or {@code null}
 * @param audience       a {@code ContactRole} name or {@link Notification#ELDER}, or {@code null}
 * @param template       the same page as a template provider needs it (JSON: message type and facts), or {@code null}
 */
public record NotificationDraft(String idempotencyKey, long incidentId, Long contactId, NotificationChannel channel,
                                String recipient, String body, Integer step, Integer round, String audience,
                                String template) {

    public NotificationDraft {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(channel, "channel");
        if (recipient == null || recipient.isBlank()) {
            throw new IllegalArgumentException("a page needs a recipient");
        }
        Objects.requireNonNull(body, "body");
    }

    /** A page with its finished text only. */
    public NotificationDraft(String idempotencyKey, long incidentId, Long contactId, NotificationChannel channel,
                             String recipient, String body, Integer step, Integer round, String audience) {
        this(idempotencyKey, incidentId, contactId, channel, recipient, body, step, round, audience, null);
    }

    @Override
    public String toString() {
        return "NotificationDraft[key=" + idempotencyKey + ", incident=" + incidentId + ", contact=" + contactId
                + ", channel=" + channel + ", recipient=" + Privacy.maskPhone(recipient) + "]";
    }
}
