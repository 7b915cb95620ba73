package org.shouwang.notifier;

import java.util.Objects;
import org.shouwang.db.Notification;
import org.shouwang.db.NotificationChannel;
import org.shouwang.model.Privacy;

/**
 * One message to one person about one incident, as a {@link Channel} sends it. {@code recipient} is a
 * phone number: {@link #toString()} masks it and leaves the body out.
 *
 * @param contactId the care contact paged, or {@code null} for someone outside the care team
 */
public record Page(long incidentId, Long contactId, NotificationChannel channel, String recipient, String body) {

    public Page {
        Objects.requireNonNull(channel, "channel");
        if (recipient == null || recipient.isBlank()) {
            throw new IllegalArgumentException("a page needs a recipient");
        }
        Objects.requireNonNull(body, "body");
    }

    /** The page an outbox row stands for. */
    public static Page of(Notification n) {
        return new Page(n.incidentId(), n.contactId(), n.channel(), n.recipient(), n.body());
    }

    @Override
    public String toString() {
        return "Page[incident=" + incidentId + ", contact=" + contactId + ", channel=" + channel + ", recipient="
                + Privacy.maskPhone(recipient) + "]";
    }
}
