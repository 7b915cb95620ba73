package org.shouwang.console;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.shouwang.model.DaySlots;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Telemetry;
import org.shouwang.model.WaterInterval;

/**
 * A home with a regular day for the routine tests, written as a 15-minute meter's readings through the real
 * {@code TelemetryStore} (which keeps {@code rules_meter_day}'s quarter-hour masks as ingest does): 5 L at 07:00,
 * 12:00, 18:00 and 22:00 (slots 28, 48, 72 and 88), nothing in between, every slot covered. Today is read up to
 * 10:00, {@link #NOW} being 10:10 (Asia/Shanghai).
 *
 * <p>What the routine learns from 14 such days, by hand ({@code Routine}: 0.9 quantile of the longest gap within an
 * hour either side, plus 20 % and 30 min, at least 3 h): the first use after 04:00 is in slot 28 every day, so
 * usually before 07:15. At the end of slot 39 (09:45-10:00) the longest gap within slots 35-43 is at 11:00, 3 h 45 min
 * after the 07:15 use ends: 225 + ceil(225 * 0.2 + 30) = 300 min. For slot 40 (10:00-10:15) it is 240 at 11:15:
 * 240 + 78 = 318 min. In extreme weather (sensitivity 1.5) slot 39's margin is 75 / 1.5: 225 + 50 = 275 min.
 */
final class RoutineTestData {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 15);
    static final Instant NOW = TODAY.atTime(10, 10).atZone(DaySlots.ZONE).toInstant();
    /** Today's data reaches this far. */
    static final Instant DATA_UNTIL = TODAY.atTime(10, 0).atZone(DaySlots.ZONE).toInstant();
    static final Set<Integer> WET_SLOTS = Set.of(28, 48, 72, 88);
    static final double LITRES = 5.0;

    private RoutineTestData() {
    }

    /**
     * Registers a water meter for the elder and writes {@code days} regular days before {@link #TODAY}, then today up
     * to 10:00, with its 07:00 use or without it (a morning without the usual first use). Returns the meter's id.
     */
    static String regularHome(ConsoleHarness console, long elderId, int days, boolean morningToday) {
        String meter = "wm-routine-" + elderId;
        console.registry.addDevice(meter, DeviceKind.WATER_METER, elderId);
        List<Telemetry> readings = new ArrayList<>();
        for (int back = days; back >= 1; back--) {
            readings.add(day(meter, TODAY.minusDays(back), DaySlots.SLOTS, true));
        }
        readings.add(day(meter, TODAY, 40, morningToday));
        console.stores.telemetry().writeBatch(readings, List.of());
        return meter;
    }

    /** One upload of a day's first {@code slots} quarter hours. */
    private static Telemetry day(String meter, LocalDate day, int slots, boolean morning) {
        List<WaterInterval> intervals = new ArrayList<>();
        for (int s = 0; s < slots; s++) {
            Instant start = DaySlots.start(day, s);
            boolean wet = WET_SLOTS.contains(s) && (morning || s != 28);
            intervals.add(new WaterInterval(start, start.plus(Duration.ofMinutes(15)), wet ? LITRES : 0.0));
        }
        Instant end = DaySlots.start(day, slots);
        return new Telemetry(meter, meter + "-" + day, end, end, null, intervals, 0.0, 90, -80);
    }
}
