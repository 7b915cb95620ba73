package org.shouwang.db;

import org.shouwang.model.RosterEntry;

/**
 * An elder as the registry holds them, in roster terms: the elder's id, whether they are active, and
 * the roster row that would describe them (care team: the contacts a roster import manages).
 */
public record RosterRecord(long elderId, boolean active, RosterEntry entry) {
}
