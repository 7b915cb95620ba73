package org.shouwang.notifier;

/**
 * A provider's receipt for a page: its id for the message or call ({@code SM…}, {@code CA…}) and the
 * status it reported on acceptance (usually {@code queued}).
 */
public record Delivery(String providerSid, String providerStatus) {
}
