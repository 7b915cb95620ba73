package org.shouwang.model;

import java.time.Instant;

/**
 * Staff recorded that an elder is away from home (hospital stay, visiting children) from {@code from}
 * until {@code to}: no-water-use alerts are not raised for that time; button presses always are.
 */
public record Absence(long id, long elderId, Instant from, Instant to, String reason, Instant createdAt,
                      String createdBy) {

    /** True when {@code at} lies within the absence (from inclusive, to exclusive). */
    public boolean covers(Instant at) {
        return !at.isBefore(from) && at.isBefore(to);
    }
}
