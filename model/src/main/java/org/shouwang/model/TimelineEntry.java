package org.shouwang.model;

import java.time.Instant;

/** One step in an incident's history: who did what, when. */
public record TimelineEntry(long id, long incidentId, Instant at, String kind, String actor, String detail) {
}
