package org.shouwang.db;

import java.time.Instant;
import org.shouwang.model.IncidentState;
import org.shouwang.model.Rule;

/**
 * A technical incident on the maintenance list: which device, where (street and community, never the
 * address), since when. Holds no personal data, so it may be printed in a digest.
 */
public record EscalationMaintenanceItem(long incidentId, String code, Rule rule, String deviceId, long elderId,
                                        String street, String community, IncidentState state, Instant openedAt) {
}
