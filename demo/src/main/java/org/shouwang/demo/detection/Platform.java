package org.shouwang.demo.detection;

import java.time.Instant;
import java.util.Collection;

/** What the modelled notifier and staff tell the rule side of the benchmark. */
interface Platform {

    /** An incident holding these alerts was resolved at {@code at}: its rules re-arm (RuleEngine.incidentResolved). */
    void resolved(Collection<String> alertIds, Instant at);

    /** Staff recorded that the elder is away from {@code from} to {@code to} (they found out on a call round). */
    void absenceRecorded(long elderId, Instant from, Instant to, String reason);
}
