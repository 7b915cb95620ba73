package org.shouwang.model;

import java.time.LocalDate;

/**
 * What the roster adds to an {@link Elder}: the policy's classification and what the ID number tells.
 * Any field may be null for an elder registered before the roster (no category, or an ID number that
 * is not a valid resident ID).
 *
 * @param agreementSignedOn when the four-party care agreement (四方关爱协议) was signed, if known
 */
public record ElderFacts(ElderCategory category, ChildrenLocation childrenLocation, boolean lowIncomeDisabled,
                         LocalDate birthDate, Sex sex, LocalDate agreementSignedOn) {
}
