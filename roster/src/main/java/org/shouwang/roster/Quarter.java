package org.shouwang.roster;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A calendar quarter such as {@code 2026Q4}: the period a street reports its roster for. The policy
 * asks for the report before the last Friday of each quarter ({@link #deadline()}).
 */
public record Quarter(int year, int quarter) {

    private static final Pattern TEXT = Pattern.compile("(\\d{4})\\s*-?\\s*Q([1-4])");
    private static final String[] NUMERALS = {"一", "二", "三", "四"};

    public Quarter {
        if (quarter < 1 || quarter > 4 || year < 2000 || year > 2999) {
            throw new IllegalArgumentException("quarter must look like 2026Q4");
        }
    }

    /** Parses {@code 2026Q4} (also {@code 2026q4}, {@code 2026-Q4}). */
    public static Quarter parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.strip().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("季度格式应为2026Q4，而不是「" + text + "」");
        }
        return new Quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public static Quarter of(LocalDate date) {
        return new Quarter(date.getYear(), (date.getMonthValue() - 1) / 3 + 1);
    }

    public LocalDate firstDay() {
        return LocalDate.of(year, quarter * 3 - 2, 1);
    }

    public LocalDate lastDay() {
        return LocalDate.of(year, quarter * 3, 1).with(TemporalAdjusters.lastDayOfMonth());
    }

    /** The last Friday of the quarter: the policy's reporting deadline. */
    public LocalDate deadline() {
        return lastDay().with(TemporalAdjusters.previousOrSame(DayOfWeek.FRIDAY));
    }

    /** {@code 2026年第四季度}. */
    public String label() {
        return year + "年第" + NUMERALS[quarter - 1] + "季度";
    }

    @Override
    public String toString() {
        return year + "Q" + quarter;
    }
}
