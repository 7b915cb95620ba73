package org.shouwang.db;

import org.shouwang.model.Incident;

/**
 * Result of asking an incident to change state: {@code DONE} when this call changed it,
 * {@code NOT_ALLOWED} when its state forbids it (e.g. already resolved), {@code NOT_FOUND}.
 */
public record Transition(Incident incident, Result result) {

    /** What happened to the request. */
    public enum Result { DONE, NOT_ALLOWED, NOT_FOUND }
}
