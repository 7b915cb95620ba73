package org.shouwang.db;

import java.time.Instant;

/**
 * One line of the audit log: who ({@code accountId} and the name shown), did what ({@code action}, e.g.
 * {@code VIEW_ELDER}, {@code ACKNOWLEDGE}), to what ({@code targetKind}/{@code targetId}) and about which
 * elder. {@code detail} is free text for staff and must never hold an ID number, phone or address.
 */
public record AuditEntry(long id, Instant at, Long accountId, String actor, String action, String targetKind,
                         String targetId, Long elderId, String detail) {

    /** An entry to record now; id and time are given by the database. */
    public static AuditEntry of(Long accountId, String actor, String action, String targetKind, String targetId,
                                Long elderId, String detail) {
        return new AuditEntry(0, null, accountId, actor, action, targetKind, targetId, elderId, detail);
    }
}
