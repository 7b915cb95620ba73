package org.shouwang.model;

import java.time.Instant;

/**
 * One case for one elder and one rule. {@code code} is the short code people quote to acknowledge it
 * by SMS. Only one incident per (elder, rule) is open or acknowledged at a time.
 */
public record Incident(long id, String code, long elderId, Rule rule, Severity severity, IncidentState state,
                       Instant openedAt, Instant acknowledgedAt, String acknowledgedBy,
                       Instant resolvedAt, String resolvedBy, String outcome) {
}
