package org.shouwang.care;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.shouwang.model.ResidentId;
import org.shouwang.model.WeatherModeChange;

/**
 * The days on which extreme-weather mode was in force for one street: a day counts when the mode (district-wide
 * or the street's own) was on at any moment of it, so the switch's own day is already a daily-contact day, and so
 * is the day it is switched off.
 */
public final class WeatherDays {

    private record Span(Instant from, Instant to) {
    }

    private final List<Span> on;

    private WeatherDays(List<Span> on) {
        this.on = on;
    }

    /** No extreme weather, ever. */
    public static WeatherDays none() {
        return new WeatherDays(List.of());
    }

    /** The days of {@code street} from every switch (district-wide and of any street), in any order. */
    public static WeatherDays of(List<WeatherModeChange> changes, String street) {
        List<WeatherModeChange> relevant = new ArrayList<>();
        for (WeatherModeChange c : changes) {
            if (c.districtWide() || c.street().equals(street)) {
                relevant.add(c);
            }
        }
        relevant.sort(Comparator.comparing(WeatherModeChange::at).thenComparingLong(WeatherModeChange::id));
        List<Span> spans = new ArrayList<>();
        boolean district = false;
        boolean own = false;
        Instant since = null;
        for (WeatherModeChange c : relevant) {
            boolean before = district || own;
            if (c.districtWide()) {
                district = c.on();
            } else {
                own = c.on();
            }
            boolean after = district || own;
            if (!before && after) {
                since = c.at();
            } else if (before && !after) {
                spans.add(new Span(since, c.at()));
            }
        }
        if (district || own) {
            spans.add(new Span(since, Instant.MAX));
        }
        return new WeatherDays(List.copyOf(spans));
    }

    /** True when the mode was on at some moment of {@code day} (Asia/Shanghai). */
    public boolean extreme(LocalDate day) {
        Instant start = day.atStartOfDay(ResidentId.ZONE).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(ResidentId.ZONE).toInstant();
        for (Span s : on) {
            if (s.from().isBefore(end) && s.to().isAfter(start)) {
                return true;
            }
        }
        return false;
    }
}
