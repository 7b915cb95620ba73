package org.shouwang.model.care;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.shouwang.model.ContactRole;

/**
 * A care record to write. {@code requestKey} identifies the request that made it (a client's key, an SMS
 * message id, an incident): the same key twice writes one row.
 */
public record NewCareRecord(String requestKey, long elderId, ContactRole role, Long accountId, Long contactId,
                            String carerName, CareKind kind, Instant at, String content, List<NeedCategory> needs,
                            String needsNote, boolean followUp, Long incidentId, String recordedBy) {

    public NewCareRecord {
        Objects.requireNonNull(requestKey, "requestKey");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(carerName, "carerName");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(recordedBy, "recordedBy");
        needs = needs == null ? List.of() : List.copyOf(needs);
    }
}
