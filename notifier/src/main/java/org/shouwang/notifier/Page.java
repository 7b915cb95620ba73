package org.shouwang.notifier;

import java.util.Objects;
import org.shouwang.db.Notification;
import org.shouwang.db.NotificationChannel;
import org.shouwang.model.Privacy;

/**
 * One message or call to one person about one incident, as a {@link Channel} sends it. {@code recipient}
 * is a phone number: {@link #toString()} masks it and leaves the body out.
 *
 * @param notificationId the outbox row, which webhooks name to report back on this page
 * @param contactId      the care contact paged, or {@code null} for the elder or someone outside the care team
 * @param audience       whom of the escalation step it is for ({@code null} outside a plan)
 * @param body           the SMS text, or what the call says before asking for a key press
 * @param template       the same message as a template type and its facts, for providers that send only
 *                       pre-approved templates; {@code null} for pages written before templates or without one
 */
public record Page(long notificationId, long incidentId, Long contactId, Audience audience,
                   NotificationChannel channel, String recipient, String body, PageTemplate template) {

    public Page {
        Objects.requireNonNull(channel, "channel");
        if (recipient == null || recipient.isBlank()) {
            throw new IllegalArgumentException("a page needs a recipient");
        }
        Objects.requireNonNull(body, "body");
    }

    /** A page with its finished text only (Twilio needs nothing else). */
    public Page(long notificationId, long incidentId, Long contactId, Audience audience, NotificationChannel channel,
                String recipient, String body) {
        this(notificationId, incidentId, contactId, audience, channel, recipient, body, null);
    }

    /** The page an outbox row stands for. */
    public static Page of(Notification n) {
        return new Page(n.id(), n.incidentId(), n.contactId(), Audience.of(n), n.channel(), n.recipient(), n.body(),
                PageTemplates.fromJson(n.template()));
    }

    /** True for the elder's own well-check: a key press there means "I am well", not "I take the case". */
    public boolean toElder() {
        return audience == Audience.ELDER;
    }

    @Override
    public String toString() {
        return "Page[notification=" + notificationId + ", incident=" + incidentId + ", contact=" + contactId
                + ", audience=" + audience + ", channel=" + channel + ", recipient=" + Privacy.maskPhone(recipient) + "]";
    }
}
