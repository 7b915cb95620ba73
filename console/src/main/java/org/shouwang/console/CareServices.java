package org.shouwang.console;

import java.time.Clock;
import java.util.Objects;
import org.shouwang.care.Care;
import org.shouwang.care.CareRecords;
import org.shouwang.care.Compliance;
import org.shouwang.care.Duties;
import org.shouwang.db.Stores;

/**
 * The routine-care services the console answers with (issue 11): writing care records, the duties of a scope,
 * and the supervision figures. Built once by the composition root and passed in.
 */
public record CareServices(CareRecords records, Duties duties, Compliance compliance) {

    public CareServices {
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(duties, "duties");
        Objects.requireNonNull(compliance, "compliance");
    }

    /** The services over the parts the composition root wired once for the care rounds. */
    public static CareServices of(Care care) {
        return new CareServices(care.records(), care.duties(), new Compliance(care.duties()));
    }

    /** The services over the platform's stores (a console without the care rounds, as in tests); {@code clock} judges what "now" and "in the future" are. */
    public static CareServices of(Stores stores, Clock clock) {
        Duties duties = new Duties(stores.registry(), stores.care(), stores.absences(), stores.weather());
        return new CareServices(new CareRecords(stores.care(), stores.registry(), stores.audit(), clock), duties,
                new Compliance(duties));
    }
}
