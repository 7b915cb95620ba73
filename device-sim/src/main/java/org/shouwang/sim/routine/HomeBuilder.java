package org.shouwang.sim.routine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/** Builds one {@link HomeMonth}: the elder's habits and days, the stretches, the water, the meter's settings. */
final class HomeBuilder {

    private HomeBuilder() {
    }

    static HomeMonth build(FleetSpec spec, int index, String street, MeterKind kind, Fall fall, Silence silence,
                           SplittableRandom random) {
        boolean frugal = random.split().nextDouble() < RoutineFleet.FRUGAL_SHARE;
        Habits habits = Habits.draw(random.split(), frugal);
        // A day either side, so the first upload of a once-a-day meter and the last night are whole.
        DayPlanner.Plan plan = new DayPlanner(habits, random.split()).plan(spec.start().minusDays(1), spec.totalDays() + 2);
        List<Silence> silences = silence == null ? List.of() : List.of(silence);
        Instant until = fall == null ? spec.to() : fall.at().minus(Duration.ofHours(12));
        List<Spell> spells = new SpellPlanner(random.split(), spec.from(), until, silences)
                .plan(spec.start(), spec.totalDays());
        List<WaterUse> uses = UseEditor.apply(plan.uses(), spells, fall, spec.to(), random.split());
        SplittableRandom meter = random.split();
        Duration offset = switch (kind) {
            case QUARTER_HOURLY -> Duration.ofSeconds(2 + meter.nextInt(58));
            case HOURLY -> Duration.ofSeconds(5 + meter.nextInt(235));
            case DAILY -> Duration.ofSeconds(meter.nextInt(86_400));
        };
        return new HomeMonth(index + 1, String.format("bm-%03d", index + 1), street, kind, habits, plan.days(), uses,
                spells, silences, fall, offset, 10_000 + meter.nextInt(40_000), 60 + meter.nextInt(36));
    }
}
