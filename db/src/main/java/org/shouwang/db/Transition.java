package org.shouwang.db;

import org.shouwang.model.Incident;

/**
 * Result of asking an incident to change state: {@code DONE} when this call changed it,
 * {@code NOT_ALLOWED} when its state forbids it (e.g. already resolved), {@code NOT_FOUND}, or {@code STALE}
 * when the incident changed under the asker (a resolve that had seen fewer alerts than the incident now holds:
 * the new alert must be looked at before the case is closed). {@code alerts} is how many alerts the incident
 * held when asked (0 where a transition does not count them).
 */
public record Transition(Incident incident, Result result, int alerts) {

    public Transition(Incident incident, Result result) {
        this(incident, result, 0);
    }

    /** What happened to the request. */
    public enum Result { DONE, NOT_ALLOWED, NOT_FOUND, STALE }
}
