package org.shouwang.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** An incident's resolution as the rules need it: when, and the ids of the alerts it held (they watch again). */
public record IncidentResolution(Instant at, List<String> alertIds) {

    public IncidentResolution {
        Objects.requireNonNull(at, "at");
        alertIds = List.copyOf(alertIds);
    }
}
