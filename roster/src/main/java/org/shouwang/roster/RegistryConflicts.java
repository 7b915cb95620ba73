package org.shouwang.roster;

import java.util.Optional;
import org.shouwang.db.RosterRecord;
import org.shouwang.model.RosterEntry;

/**
 * What stops a valid row from being applied to the registry as it stands. Two rules (roster/README.md):
 * an ID number that is active in another street belongs to that street until it deactivates the
 * elder (a street may not take over another's elder by importing); and an ID number registered under
 * another name is refused, since a mistyped ID that happens to be valid would otherwise overwrite a
 * different person.
 */
final class RegistryConflicts {

    private RegistryConflicts() {
    }

    static Optional<RosterProblem> check(int row, RosterEntry entry, RosterRecord existing) {
        if (existing == null) {
            return Optional.empty();
        }
        RosterEntry held = existing.entry();
        if (existing.active() && !entry.street().equals(held.street())) {
            return Optional.of(new RosterProblem(row, RosterColumn.ID_NUMBER, "该老人已在" + held.street()
                    + "登记在册，须由" + held.street() + "先注销后才能在" + entry.street() + "导入"));
        }
        if (!entry.name().equals(held.name() == null ? null : held.name().strip())) {
            return Optional.of(new RosterProblem(row, RosterColumn.NAME, "该身份证号已登记在「" + held.name()
                    + "」名下，与本行姓名不符，请核对身份证号和姓名"));
        }
        return Optional.empty();
    }
}
