package org.shouwang.notifier;

import java.util.Optional;

/**
 * Answers an inbound SMS that is not a reply to an incident's page (a care reminder's "0", "01" …). The
 * composition root registers handlers with {@link Notifier#webhookVerticle(WebhookConfig, String, java.util.List)};
 * {@link TwilioReplies} asks them in order, after its replay check and its own incident replies, before it
 * answers "not understood". Blocking is fine: it runs on the webhook's worker pool.
 */
@FunctionalInterface
public interface SmsReplyHandler {

    /**
     * @param fromE164   the sender's number in E.164
     * @param text       the message as typed, trimmed
     * @param messageSid the provider's id of the message, seen here once (a replay never reaches a handler)
     * @return the text to answer with, or empty when the message is none of this handler's business
     */
    Optional<String> reply(String fromE164, String text, String messageSid);
}
