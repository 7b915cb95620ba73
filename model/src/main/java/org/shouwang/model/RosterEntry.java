package org.shouwang.model;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * One elder as a roster row states them, already validated: ID number in its 18-character form, phone
 * in {@link MainlandPhone}'s canonical form (or null), the care team sorted by role. Two entries are
 * equal exactly when a re-import would change nothing.
 *
 * @param careTeam          at most one contact per role, as the roster's care-team columns give them
 * @param agreementSignedOn the four-party agreement's date, or null
 */
public record RosterEntry(String street, String community, String name, String idNumber, String address,
                          String phone, ElderCategory category, ChildrenLocation childrenLocation,
                          boolean lowIncomeDisabled, List<RosterContact> careTeam, LocalDate agreementSignedOn) {

    public RosterEntry {
        careTeam = careTeam.stream().sorted(Comparator.comparing(RosterContact::role)).toList();
    }

    public ResidentId residentId() {
        return new ResidentId(idNumber);
    }

    /** The facts stored beside the elder record. */
    public ElderFacts facts() {
        ResidentId id = residentId();
        return new ElderFacts(category, childrenLocation, lowIncomeDisabled, id.birthDate(), id.sex(),
                agreementSignedOn);
    }

    public RosterEntry withCareTeam(List<RosterContact> team) {
        return new RosterEntry(street, community, name, idNumber, address, phone, category, childrenLocation,
                lowIncomeDisabled, team, agreementSignedOn);
    }

    public RosterEntry withAgreementSignedOn(LocalDate date) {
        return new RosterEntry(street, community, name, idNumber, address, phone, category, childrenLocation,
                lowIncomeDisabled, careTeam, date);
    }

    @Override
    public String toString() {
        return "RosterEntry[" + Privacy.maskIdNumber(idNumber) + "]";
    }
}
