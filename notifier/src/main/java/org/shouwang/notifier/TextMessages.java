package org.shouwang.notifier;

/**
 * Plain SMS that are not an incident's page (care reminders, morning digests): no outbox row of the notifier
 * behind them and no delivery report to its webhook. The caller keeps its own outbox and retries as
 * {@link ChannelException#kind()} says. Implementations block: worker threads only.
 */
@FunctionalInterface
public interface TextMessages {

    /**
     * Hands one text to the provider; returns once the provider accepted it.
     *
     * @param recipient the phone number, as staff wrote it or in E.164
     * @throws ChannelException when it did not, saying whether trying again can help
     */
    Delivery send(String recipient, String body) throws ChannelException;

    /**
     * As above, with the same text as a template type and its facts, for a provider that sends only
     * pre-approved templates (Alibaba Cloud); a provider that sends free text ignores {@code template}.
     *
     * @param template null when the text has no registered template: it can then go only as free text
     */
    default Delivery send(String recipient, String body, PageTemplate template) throws ChannelException {
        return send(recipient, body);
    }

    /** For a notifier whose SMS channel cannot send plain texts: every text is refused for good. */
    static TextMessages unavailable() {
        return (recipient, body) -> {
            throw new ChannelException(ChannelException.Kind.PERMANENT, "no provider for plain texts configured",
                    null, null, null);
        };
    }
}
