package org.shouwang.db;

/**
 * Where a page stands in the outbox: {@code PENDING} until the provider took it ({@code SENT}), it was
 * given up ({@code FAILED}), or it became pointless because someone already took the incident
 * ({@code CANCELLED}). Only {@code PENDING} rows are ever sent.
 */
public enum NotificationStatus {
    PENDING, SENT, FAILED, CANCELLED
}
