package org.shouwang.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.shouwang.model.DeviceEvent;

/**
 * One scenario per rule, each starting from an ordinary home and changing one thing, with the alert it
 * must raise (nothing else): the fixtures of the rule tests, the demo and the load runs. Times are local
 * (Asia/Shanghai) on the given day of the run.
 */
public final class Scenarios {

    private Scenarios() {
    }

    /** An ordinary day, every day: water in the morning and the evening, a little at night. Raises nothing. */
    public static HomeScenario normalHome(Home home, long seed) {
        return new HomeScenario(home, seed);
    }

    /** The elder falls at 22:00 on {@code day} and no water runs again: NO_WATER_USE. */
    public static HomeScenario fallAtNight(Home home, long seed, LocalDate day) {
        return new HomeScenario(home, seed).noUseFrom(local(day, 22, 0));
    }

    /** A tap left running at 6 L/min from 09:00 for three hours: CONTINUOUS_FLOW, cleared when it is closed. */
    public static HomeScenario tapLeftOpen(Home home, long seed, LocalDate day) {
        return new HomeScenario(home, seed).tapOpen(local(day, 9, 0), Duration.ofHours(3), 6.0);
    }

    /** Heavy use in bursts from 07:00 for twelve hours (2.4 m³): HIGH_USE. */
    public static HomeScenario heavyUse(Home home, long seed, LocalDate day) {
        return new HomeScenario(home, seed).heavyUse(local(day, 7, 0), Duration.ofHours(12));
    }

    /** The meter goes offline at 10:00 for good: DEVICE_SILENT, never NO_WATER_USE. */
    public static HomeScenario meterOffline(Home home, long seed, LocalDate day) {
        return new HomeScenario(home, seed).meterOffline(local(day, 10, 0), null);
    }

    /** The meter's battery starts at 30 % and loses 2 points a day: LOW_BATTERY on the sixth day. */
    public static HomeScenario batteryDraining(Home home, long seed) {
        return new HomeScenario(home, seed).battery(30, 2.0);
    }

    /**
     * The elder goes to hospital at 08:00 on {@code day} for three days: no water meanwhile. Raises nothing
     * when the absence is recorded, NO_WATER_USE when it is not.
     */
    public static HomeScenario awayFromHome(Home home, long seed, LocalDate day) {
        Instant[] away = awayPeriod(day);
        return new HomeScenario(home, seed).awayBetween(away[0], away[1]);
    }

    /** The absence of {@link #awayFromHome}: from 08:00 on {@code day} to 08:00 three days later. */
    public static Instant[] awayPeriod(LocalDate day) {
        return new Instant[] {local(day, 8, 0), local(day.plusDays(3), 8, 0)};
    }

    /** The elder presses the call button at 15:30: BUTTON_PRESSED. */
    public static HomeScenario buttonPress(Home home, long seed, LocalDate day) {
        return new HomeScenario(home, seed).pressAt(local(day, 15, 30));
    }

    /** The meter reports a leak at 03:10: METER_ALARM. */
    public static HomeScenario meterAlarm(Home home, long seed, LocalDate day) {
        return new HomeScenario(home, seed).alarmAt(local(day, 3, 10), DeviceEvent.AlarmCode.LEAK);
    }

    /** An ordinary home whose meter wakes every four hours and uploads sixteen quarter-hour intervals. */
    public static HomeScenario batchedUploads(Home home, long seed) {
        return new HomeScenario(home, seed).reporting(Duration.ofHours(4), Duration.ofMinutes(15));
    }

    /** {@code hour:minute} on {@code day} in Asia/Shanghai. */
    public static Instant local(LocalDate day, int hour, int minute) {
        return day.atTime(LocalTime.of(hour, minute)).atZone(DevicePayloads.DEVICE_ZONE).toInstant();
    }
}
