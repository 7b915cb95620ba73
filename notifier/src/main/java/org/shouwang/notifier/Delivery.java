package org.shouwang.notifier;

/**
 * A provider's receipt for a page: its id for the message or call ({@code SM…}, {@code CA…}) and the
 * status it reported on acceptance (usually {@code queued}), and, where several providers page, which one
 * ({@code provider}, as the timeline names it: 阿里云, Twilio; null where only one is configured).
 */
public record Delivery(String providerSid, String providerStatus, String provider) {

    /** A receipt that does not name its provider (the only one configured). */
    public Delivery(String providerSid, String providerStatus) {
        this(providerSid, providerStatus, null);
    }

    /** This receipt, saying which provider carried the page (the timeline shows it). */
    public Delivery via(String providerName) {
        return new Delivery(providerSid, providerStatus, providerName);
    }
}
