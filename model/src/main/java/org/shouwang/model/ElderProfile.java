package org.shouwang.model;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything an alert needs to know about the elder behind a device: who and where they are, whether
 * they are a key elder and why, and the care team in paging order. Age and key-elder status are as of
 * the date the profile was read, since both change on birthdays.
 *
 * @param age      full years on that date, or null when the birth date is unknown
 * @param keyElderBasis why the elder is a key elder, or null when they are not one
 */
public record ElderProfile(Elder elder, ElderFacts facts, Integer age, KeyElderPolicy.Basis keyElderBasis,
                           List<CareContact> careTeam, List<Device> devices) {

    public ElderProfile {
        careTeam = List.copyOf(careTeam);
        devices = List.copyOf(devices);
    }

    /** Builds the profile as of {@code date}, deriving age and key-elder status from the facts. */
    public static ElderProfile of(Elder elder, ElderFacts facts, List<CareContact> careTeam, List<Device> devices,
                                  LocalDate date) {
        LocalDate birth = facts.birthDate();
        Integer age = birth == null || date.isBefore(birth) ? null : ResidentId.ageAt(birth, date);
        KeyElderPolicy.Basis basis = KeyElderPolicy.classify(facts, date).orElse(null);
        return new ElderProfile(elder, facts, age, basis, careTeam, devices);
    }

    public boolean isKeyElder() {
        return keyElderBasis != null;
    }
}
