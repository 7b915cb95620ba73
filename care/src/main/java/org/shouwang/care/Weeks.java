package org.shouwang.care;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ISO weeks as the API names them ({@code 2026-W49}): Monday to Sunday. */
public final class Weeks {

    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");

    private Weeks() {
    }

    /** The Monday of an ISO week; refuses anything but {@code YYYY-Www} of a week that exists. */
    public static LocalDate parse(String week) {
        Matcher m = week == null ? null : WEEK.matcher(week.strip());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("周次格式应为 YYYY-Www，例如 2026-W49");
        }
        int year = Integer.parseInt(m.group(1));
        int number = Integer.parseInt(m.group(2));
        LocalDate mid = LocalDate.of(year, 6, 1);
        if (number < 1 || number > mid.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
            throw new IllegalArgumentException("该年没有第" + number + "周");
        }
        try {
            return mid.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, number).with(DayOfWeek.MONDAY);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("周次无效");
        }
    }

    /** The ISO week of a day, as {@code YYYY-Www}. */
    public static String of(LocalDate day) {
        return String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}
