package org.shouwang.notifier;

/**
 * A way to reach a person: Twilio SMS and voice, and for mainland China, where Twilio places no calls and SMS
 * is one-way, Alibaba Cloud SMS and IVR voice ({@code channel.aliyun}, which send a page's
 * {@link Page#template()} instead of its body). Implementations may block: the notifier calls them on worker
 * threads only.
 */
@FunctionalInterface
public interface Channel {

    /**
     * Hands the page to the provider; returns once the provider accepted it.
     *
     * @throws ChannelException when it did not, saying whether trying again can help
     */
    Delivery send(Page page) throws ChannelException;
}
