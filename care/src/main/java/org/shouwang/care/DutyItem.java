package org.shouwang.care;

import java.time.LocalDate;
import org.shouwang.model.care.DutyRole;

/**
 * One duty period of one role for one elder: from {@code start} to {@code end} (inclusive days), {@code required}
 * contacts of which {@code done} happened, and what that makes it on the day it was judged.
 *
 * @param assigneeContactId the care contact who carries the duty (the agreement's party, else the role's first
 *                          contact), or null when nobody is assigned: the duty is still due, and listed as 未指定
 * @param extremeWeather    true for a daily period that exists because extreme-weather mode was on that day
 * @param keyElder          whether the elder is a key elder (重点空巢独居老人) on that day
 */
public record DutyItem(long elderId, String elderName, String street, String community, DutyRole role,
                       Long assigneeContactId, String assigneeName, Frequency.Period period, LocalDate start,
                       LocalDate end, int required, int done, DutyState state, boolean extremeWeather,
                       boolean keyElder) {

    /** True when the period has come due (met or not): what compliance counts. */
    public boolean countsForCompliance() {
        return state == DutyState.MET || state == DutyState.OVERDUE;
    }

    /** What is still missing, e.g. 1 of 2 contacts this week. */
    public int missing() {
        return Math.max(0, required - done);
    }
}
