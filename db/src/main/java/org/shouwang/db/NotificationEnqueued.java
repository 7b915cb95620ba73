package org.shouwang.db;

/**
 * What writing a page to the outbox did: {@code inserted} is false when a page with the same
 * idempotency key was already there, and {@code notification} is then that earlier page, unchanged.
 */
public record NotificationEnqueued(Notification notification, boolean inserted) {
}
