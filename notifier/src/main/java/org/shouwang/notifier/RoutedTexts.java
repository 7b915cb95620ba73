package org.shouwang.notifier;

import java.util.Objects;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain texts (care reminders, digests, answers to replies) routed as pages are ({@link ProviderRouting}): a text
 * to a number the domestic provider pages goes there when a template is registered for its type, so the reply to
 * it comes back (a reminder's "0"); a text with no registered template goes as free text through the
 * international provider, which reaches mainland numbers one way, rather than not at all. A domestic failure that
 * may heal (5xx, throttled, timeout) fails over to the international provider as an SMS page does.
 */
final class RoutedTexts implements TextMessages {

    private static final Logger LOG = LoggerFactory.getLogger(RoutedTexts.class);

    private final TextMessages domestic;
    private final Predicate<MessageType> domesticSends;
    private final TextMessages international;
    private final ProviderRouting.Mode mode;

    /** @param domesticSends whether the domestic provider has a template registered for a message type */
    RoutedTexts(TextMessages domestic, Predicate<MessageType> domesticSends, TextMessages international,
                ProviderRouting.Mode mode) {
        this.domestic = Objects.requireNonNull(domestic, "domestic");
        this.domesticSends = Objects.requireNonNull(domesticSends, "domesticSends");
        this.international = Objects.requireNonNull(international, "international");
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    @Override
    public Delivery send(String recipient, String body) throws ChannelException {
        return send(recipient, body, null);
    }

    @Override
    public Delivery send(String recipient, String body, PageTemplate template) throws ChannelException {
        boolean domesticFirst = ProviderRouting.domesticFirst(mode, recipient);
        boolean templated = template != null && domesticSends.test(template.type());
        if (!domesticFirst || (!templated && mode != ProviderRouting.Mode.DOMESTIC)) {
            if (domesticFirst) {
                LOG.info("text without a registered template sent as free text [type: {}, via: twilio]",
                        template == null ? "none" : template.type());
            }
            return international.send(recipient, body, template).via(ProviderRouting.INTERNATIONAL_NAME);
        }
        try {
            return domestic.send(recipient, body, template).via(ProviderRouting.DOMESTIC_NAME);
        } catch (ChannelException e) {
            if (e.kind() != ChannelException.Kind.RETRIABLE || !ProviderRouting.mainland(recipient)) {
                throw e;
            }
            LOG.warn("text provider failed, text failed over [type: {}, from: aliyun, to: twilio]",
                    template == null ? "none" : template.type());
            return international.send(recipient, body, template)
                    .via(ProviderRouting.INTERNATIONAL_NAME + "（" + ProviderRouting.DOMESTIC_NAME + "失败后切换）");
        }
    }
}
