package org.shouwang.notifier;

import java.util.Objects;

/**
 * {@link TextMessages} that counts each attempt in {@code shouwang.texts} by outcome and tells the provider's
 * {@link ProviderHealth} how it went, as {@link MeteredChannel} does for pages.
 */
final class MeteredTexts implements TextMessages {

    private final TextMessages delegate;
    private final NotifierMetrics metrics;
    private final ProviderHealth provider;

    /** @param provider null when the provider is not watched */
    MeteredTexts(TextMessages delegate, NotifierMetrics metrics, ProviderHealth provider) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.provider = provider;
    }

    @Override
    public Delivery send(String recipient, String body) throws ChannelException {
        return send(recipient, body, null);
    }

    @Override
    public Delivery send(String recipient, String body, PageTemplate template) throws ChannelException {
        Delivery d;
        try {
            d = delegate.send(recipient, body, template);
        } catch (ChannelException e) {
            metrics.textAttempt(NotifierMetrics.outcome(e));
            if (provider != null) {
                provider.failed(e);
            }
            throw e;
        } catch (RuntimeException e) {
            metrics.textAttempt(NotifierMetrics.FAILED);
            if (provider != null) {
                provider.broke(e);
            }
            throw e;
        }
        metrics.textAttempt(NotifierMetrics.SENT);
        if (provider != null) {
            provider.succeeded();
        }
        return d;
    }
}
