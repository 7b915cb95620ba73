package org.shouwang.db;

/** The audit line of one roster import: who, which file, what became of its rows. */
public record RosterImportRecord(String actor, String sourceName, boolean skipInvalid, boolean refused,
                                 int created, int updated, int unchanged, int rejected) {
}
