package org.shouwang.sim.routine;

import java.time.DayOfWeek;
import java.util.SplittableRandom;

/**
 * One elder's habits, drawn once per home: when they get up and go to bed, how much each of their daily water
 * uses takes, how often they shower and on which day they do the laundry. A frugal elder uses a few litres a day
 * (small flushes with saved washing water, a sponge bath instead of a shower, laundry by hand, lunch often at the
 * community canteen) and lets the afternoon go by without water; a normal elder uses around a hundred.
 *
 * @param wakeMinute      usual time of getting up, minutes after midnight
 * @param wakeJitter      standard deviation of that, minutes
 * @param weekendLater    minutes later at weekends
 * @param bedMinute       usual bedtime, minutes after midnight
 * @param nightVisits     mean toilet visits a night
 * @param flushLiters     one flush with the hand wash after it
 * @param toiletsPerDay   daytime flushes
 * @param washLiters      washing in the morning (twice that in the evening, feet included)
 * @param cookLiters      one meal's cooking (the dishes take about as much again)
 * @param showerEveryDays days between showers (or sponge baths)
 * @param showerLiters    one shower
 * @param laundryDay      the weekly laundry
 * @param laundryLiters   one load
 * @param outingChance    chance of a morning out (market, park) on a day
 * @param napChance       chance of an afternoon nap
 */
public record Habits(boolean frugal, int wakeMinute, int wakeJitter, int weekendLater, int bedMinute,
                      double nightVisits, double flushLiters, int toiletsPerDay, double washLiters, double cookLiters,
                      int showerEveryDays, double showerLiters, DayOfWeek laundryDay, double laundryLiters,
                      double outingChance, double napChance) {

    /** Habits drawn from {@code random}: the same draws give the same elder. */
    public static Habits draw(SplittableRandom random, boolean frugal) {
        int wake = 315 + random.nextInt(135);
        int jitter = 15 + random.nextInt(25);
        int weekend = random.nextInt(75);
        int bed = 1230 + random.nextInt(120);
        DayOfWeek laundry = DayOfWeek.of(1 + random.nextInt(7));
        if (frugal) {
            // From the thriftiest (a few litres a day) to one who merely saves.
            double thrift = 0.45 + random.nextDouble() * 0.55;
            return new Habits(true, wake, jitter, weekend, bed, 0.5 + random.nextDouble() * 0.6,
                    (2.5 + random.nextDouble()) * thrift, 1 + random.nextInt(2), (0.8 + random.nextDouble() * 0.6) * thrift,
                    (1.5 + random.nextDouble()) * thrift, 4 + random.nextInt(3), (5 + random.nextDouble() * 3) * thrift,
                    laundry, (8 + random.nextDouble() * 6) * thrift, 0.5, 0.6);
        }
        double scale = 0.7 + random.nextDouble() * 0.6;
        return new Habits(false, wake, jitter, weekend, bed, 0.6 + random.nextDouble() * 1.2, 7 * scale,
                3 + random.nextInt(3), 5 * scale, 9 * scale, 2 + random.nextInt(3), 45 * scale, laundry, 60 * scale,
                0.6, 0.5);
    }
}
