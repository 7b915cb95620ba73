package org.shouwang.sim.routine;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.shouwang.sim.DevicePayloads;

/**
 * Turns a {@link Habits} into the water an elder draws day by day: the morning toilet, wash and breakfast, lunch
 * and dinner with their dishes, tea, toilet visits through the day and the night, a shower every few days, the
 * weekly laundry, the evening wash; nothing while they are out in the morning, nap after lunch or (frugal elders)
 * sit through a dry afternoon. Wake and bed times vary from day to day, later at weekends.
 */
final class DayPlanner {

    /** The days planned and the water used on them, in time order. */
    record Plan(List<Day> days, List<WaterUse> uses) {
    }

    private final Habits r;
    private final SplittableRandom random;
    private int daysSinceShower;

    DayPlanner(Habits habits, SplittableRandom random) {
        this.r = habits;
        this.random = random;
        this.daysSinceShower = random.nextInt(habits.showerEveryDays());
    }

    Plan plan(LocalDate first, int count) {
        Instant[] wakes = new Instant[count + 1];
        Instant[] beds = new Instant[count + 1];
        for (int i = 0; i <= count; i++) {
            LocalDate date = first.plusDays(i);
            boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
            double wake = r.wakeMinute() + random.nextGaussian() * r.wakeJitter() + (weekend ? r.weekendLater() : 0);
            wakes[i] = at(date, clamp(wake, 240, 600));
            beds[i] = at(date, clamp(r.bedMinute() + random.nextGaussian() * 30, 1140, 1430));
        }
        List<Day> days = new ArrayList<>();
        List<WaterUse> uses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Day day = new Day(first.plusDays(i), wakes[i], beds[i], wakes[i + 1]);
            days.add(day);
            uses.addAll(new DayUses(day).all());
        }
        uses.sort(Comparator.comparing(WaterUse::start));
        return new Plan(days, uses);
    }

    /** One day's water, built around the stretches without any. */
    private final class DayUses {
        private final Day day;
        private final List<Instant[]> dry = new ArrayList<>();
        private final List<WaterUse> uses = new ArrayList<>();

        DayUses(Day day) {
            this.day = day;
            if (random.nextDouble() < r.outingChance()) {
                Instant out = day.wake().plusSeconds(60L * (70 + random.nextInt(60)));
                dry.add(new Instant[] {out, out.plusSeconds(60L * (60 + random.nextInt(90)))});
            }
            if (random.nextDouble() < r.napChance()) {
                Instant nap = at(day.date(), 780 + random.nextInt(45));
                dry.add(new Instant[] {nap, nap.plusSeconds(60L * (30 + random.nextInt(70)))});
            }
            if (r.frugal()) {
                dry.add(new Instant[] {at(day.date(), 765), at(day.date(), 990 + random.nextInt(90))});
            }
        }

        List<WaterUse> all() {
            morning();
            meals();
            throughTheDay();
            bathAndLaundry();
            evening();
            night();
            return uses;
        }

        private void morning() {
            flush(day.wake().plusSeconds(60L * (2 + random.nextInt(4))));
            add(day.wake().plusSeconds(60L * (6 + random.nextInt(9))), 4, r.washLiters());
            add(day.wake().plusSeconds(60L * (20 + random.nextInt(25))), 3, r.cookLiters() * 0.3);
        }

        private void meals() {
            boolean canteen = r.frugal() && random.nextDouble() < 0.3;
            Instant lunch = afterDry(at(day.date(), 675 + random.nextInt(60)));
            if (!canteen) {
                meal(lunch);
            }
            meal(afterDry(at(day.date(), 1020 + random.nextInt(75))));
        }

        private void meal(Instant start) {
            add(start, 15, r.cookLiters() * (0.7 + random.nextDouble() * 0.6));
            add(start.plusSeconds(60L * (35 + random.nextInt(15))), 6, r.cookLiters() * 0.8);
        }

        private void throughTheDay() {
            long awakeFrom = day.wake().plusSeconds(3600).getEpochSecond();
            long awakeTo = day.bed().minusSeconds(1800).getEpochSecond();
            int toilets = Math.max(0, r.toiletsPerDay() - 1 + random.nextInt(3));
            for (int i = 0; i < toilets && awakeTo > awakeFrom; i++) {
                Instant t = Instant.ofEpochSecond(awakeFrom + random.nextLong(awakeTo - awakeFrom));
                if (!inDry(t)) {
                    flush(t);
                }
            }
            int kettles = r.frugal() ? 1 : 2;
            for (int i = 0; i < kettles && awakeTo > awakeFrom; i++) {
                Instant t = Instant.ofEpochSecond(awakeFrom + random.nextLong(awakeTo - awakeFrom));
                if (!inDry(t)) {
                    add(t, 1, r.frugal() ? 1.0 : 1.5);
                }
            }
        }

        private void bathAndLaundry() {
            daysSinceShower++;
            boolean due = daysSinceShower >= r.showerEveryDays() + 1
                    || daysSinceShower >= r.showerEveryDays() - 1 && random.nextDouble() < 0.4;
            if (due) {
                daysSinceShower = 0;
                add(day.bed().minusSeconds(60L * (40 + random.nextInt(30))), r.frugal() ? 5 : 9, r.showerLiters());
            }
            if (day.date().getDayOfWeek() == r.laundryDay()) {
                Instant start = afterDry(day.wake().plusSeconds(60L * (90 + random.nextInt(60))));
                int fills = r.frugal() ? 3 : 4;
                for (int i = 0; i < fills; i++) {
                    add(start.plusSeconds(60L * (r.frugal() ? 10 : 20) * i), r.frugal() ? 2 : 3, r.laundryLiters() / fills);
                }
            }
        }

        private void evening() {
            add(day.bed().minusSeconds(60L * (15 + random.nextInt(10))), 5, r.washLiters() * 2);
            flush(day.bed().minusSeconds(300));
        }

        private void night() {
            long from = day.bed().plusSeconds(1800).getEpochSecond();
            long to = day.nextWake().minusSeconds(1200).getEpochSecond();
            int visits = poisson(r.nightVisits());
            for (int i = 0; i < visits && to > from; i++) {
                Instant t = Instant.ofEpochSecond(from + random.nextLong(to - from));
                if (r.frugal() && random.nextDouble() < 0.5) {
                    add(t, 0.5, 0.4);
                } else {
                    flush(t);
                }
            }
        }

        private void flush(Instant t) {
            add(t, 2, r.flushLiters());
        }

        private void add(Instant start, double minutes, double liters) {
            uses.add(WaterUse.of(start, minutes, Math.round(liters * 100) / 100.0));
        }

        private boolean inDry(Instant t) {
            return dry.stream().anyMatch(d -> !t.isBefore(d[0]) && t.isBefore(d[1]));
        }

        /** {@code t}, or ten minutes after the dry stretch it falls in. */
        private Instant afterDry(Instant t) {
            for (Instant[] d : dry) {
                if (!t.isBefore(d[0]) && t.isBefore(d[1])) {
                    return d[1].plusSeconds(600);
                }
            }
            return t;
        }
    }

    private int poisson(double mean) {
        double limit = Math.exp(-mean);
        double p = random.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= random.nextDouble();
            k++;
        }
        return k;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    static Instant at(LocalDate date, double minuteOfDay) {
        return date.atStartOfDay(DevicePayloads.DEVICE_ZONE).toInstant().plusSeconds(Math.round(minuteOfDay * 60));
    }
}
