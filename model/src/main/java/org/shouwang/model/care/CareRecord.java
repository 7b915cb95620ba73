package org.shouwang.model.care;

import java.time.Instant;
import java.util.List;
import org.shouwang.model.ContactRole;

/**
 * One contact with an elder: a service record card (关爱照料服务记录卡, annex 2) row. {@code carerName} is
 * the card's 提供服务人姓名; {@code accountId} the staff account that recorded it (null for an SMS report),
 * {@code contactId} the care-team member who served (null when a staff account served in person).
 *
 * @param incidentId the incident whose resolution by a visit this record is, or null
 */
public record CareRecord(long id, long elderId, ContactRole role, Long accountId, Long contactId, String carerName,
                         CareKind kind, Instant at, String content, List<NeedCategory> needs, String needsNote,
                         boolean followUp, Long incidentId, Instant recordedAt, String recordedBy) {

    public CareRecord {
        needs = List.copyOf(needs);
    }
}
