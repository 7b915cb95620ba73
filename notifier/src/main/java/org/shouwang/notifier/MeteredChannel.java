package org.shouwang.notifier;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.shouwang.db.NotificationChannel;

/**
 * A {@link Channel} that counts each attempt in {@link NotifierMetrics} by outcome and tells its provider's
 * {@link ProviderHealth} how it went; otherwise it is the channel it wraps. Every page goes through it, the
 * outbox's and those sent from memory during a database outage.
 */
final class MeteredChannel implements Channel {

    private final NotificationChannel kind;
    private final Channel delegate;
    private final NotifierMetrics metrics;
    private final ProviderHealth provider;

    /** @param provider null when the channel's provider is not watched */
    MeteredChannel(NotificationChannel kind, Channel delegate, NotifierMetrics metrics, ProviderHealth provider) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.provider = provider;
    }

    /** Each channel wrapped once; channels already metered are kept as they are. */
    static Map<NotificationChannel, Channel> wrap(Map<NotificationChannel, Channel> channels, NotifierMetrics metrics,
                                                  ProviderHealth provider) {
        Map<NotificationChannel, Channel> wrapped = new EnumMap<>(NotificationChannel.class);
        channels.forEach((kind, channel) -> wrapped.put(kind, channel instanceof MeteredChannel ? channel
                : new MeteredChannel(kind, channel, metrics, provider)));
        return wrapped;
    }

    @Override
    public Delivery send(Page page) throws ChannelException {
        Delivery d;
        try {
            d = delegate.send(page);
        } catch (ChannelException e) {
            metrics.pageAttempt(kind, NotifierMetrics.outcome(e));
            if (provider != null) {
                provider.failed(e);
            }
            throw e;
        } catch (RuntimeException e) {
            metrics.pageAttempt(kind, NotifierMetrics.FAILED);
            if (provider != null) {
                provider.broke(e);
            }
            throw e;
        }
        metrics.pageAttempt(kind, NotifierMetrics.SENT);
        if (provider != null) {
            provider.succeeded();
        }
        return d;
    }
}
