package org.shouwang.model;

/** Published on {@link Addresses#INCIDENT_CHANGED} after an incident was opened or changed. */
public record IncidentChange(long incidentId, long elderId, IncidentState state, String what) {
}
