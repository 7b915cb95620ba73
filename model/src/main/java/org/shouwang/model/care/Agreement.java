package org.shouwang.model.care;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An elder's four-party care agreement (四方关爱协议, annex 1): the street (甲, with the person who signs for
 * it), the community worker (乙) and the neighbour-relative or volunteer (丙), both care contacts of the
 * elder (丁). {@code hasScan} says whether a scan of the signed paper is attached.
 */
public record Agreement(long elderId, AgreementStatus status, String street, String streetRepresentative,
                        Long communityWorkerId, Long neighbourId, String healthStatus, LocalDate signedOn,
                        LocalDate endedOn, boolean hasScan, Instant recordedAt, String recordedBy) {
}
