package org.shouwang.db;

import org.shouwang.model.Incident;

/** What recording an alert did: opened a new incident, attached to the active one, or was a repeat. */
public record AlertRecording(Incident incident, Outcome outcome) {

    /** Only {@code OPENED} starts paging; a {@code DUPLICATE} alert was already recorded. */
    public enum Outcome { OPENED, ATTACHED, DUPLICATE }
}
