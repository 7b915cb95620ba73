package org.shouwang.sim.routine;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Places the stretches of one elder's period that break the routine: weekends at the children's (half of them
 * recorded beforehand as an absence, half never), hospital stays recorded about a day late, and family visits on a
 * weekend day (half of them a day out together). Stretches never overlap each other, the meter's silences or the
 * last half day before a fall.
 */
final class SpellPlanner {

    /** Chance that an elder spends a given weekend away. */
    static final double WEEKEND_AWAY_CHANCE = 0.12;
    /** Chance that a weekend away was recorded beforehand. */
    static final double WEEKEND_REGISTERED_CHANCE = 0.5;
    /** Hospital stays per elder per 30 days. */
    static final double HOSPITAL_PER_MONTH = 0.08;
    /** Chance of a family visit on a given weekend day. */
    static final double VISIT_CHANCE = 0.07;
    private static final Duration MARGIN = Duration.ofHours(12);

    private final SplittableRandom random;
    private final Instant from;
    private final Instant until;
    private final List<Instant[]> taken = new ArrayList<>();
    private final List<Spell> spells = new ArrayList<>();

    /**
     * @param from     the period's start
     * @param until    no stretch may reach past this (the period's end, or half a day before a fall)
     * @param silences the meter's silences: no stretch overlaps them
     */
    SpellPlanner(SplittableRandom random, Instant from, Instant until, List<Silence> silences) {
        this.random = random;
        this.from = from;
        this.until = until;
        silences.forEach(s -> taken.add(new Instant[] {s.from(), s.to()}));
    }

    List<Spell> plan(LocalDate firstDay, int days) {
        for (int i = 0; i < days; i++) {
            LocalDate day = firstDay.plusDays(i);
            if (day.getDayOfWeek() == DayOfWeek.SATURDAY && random.nextDouble() < WEEKEND_AWAY_CHANCE) {
                weekendAway(day);
            }
            boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            if (weekend && random.nextDouble() < VISIT_CHANCE) {
                visit(day);
            }
        }
        double stays = HOSPITAL_PER_MONTH * days / 30.0;
        while (random.nextDouble() < stays) {
            hospital(firstDay, days);
            stays -= 1;
        }
        spells.sort(Comparator.comparing(Spell::from));
        return List.copyOf(spells);
    }

    private void weekendAway(LocalDate saturday) {
        boolean friday = random.nextDouble() < 0.3;
        Instant leave = friday ? DayPlanner.at(saturday.minusDays(1), 900 + random.nextInt(180))
                : DayPlanner.at(saturday, 510 + random.nextInt(150));
        Instant back = DayPlanner.at(saturday.plusDays(1), 960 + random.nextInt(240));
        Instant registered = null;
        if (random.nextDouble() < WEEKEND_REGISTERED_CHANCE) {
            Instant told = leave.minus(Duration.ofHours(24 + random.nextInt(48)));
            registered = told.isBefore(from) ? from : told;
        }
        add(new Spell(Spell.Kind.WEEKEND_AWAY, leave, back, registered, true));
    }

    private void visit(LocalDate day) {
        Instant arrive = DayPlanner.at(day, 600 + random.nextInt(60));
        Instant leave = DayPlanner.at(day, 960 + random.nextInt(180));
        add(new Spell(Spell.Kind.VISITORS, arrive, leave, null, random.nextBoolean()));
    }

    private void hospital(LocalDate firstDay, int days) {
        LocalDate day = firstDay.plusDays(random.nextInt(Math.max(1, days)));
        Instant admitted = DayPlanner.at(day, 480 + random.nextInt(720));
        Instant discharged = admitted.plus(Duration.ofHours(48 + random.nextInt(96)));
        Instant registered = admitted.plus(Duration.ofHours(20 + random.nextInt(10)));
        add(new Spell(Spell.Kind.HOSPITAL, admitted, discharged, registered, true));
    }

    private void add(Spell s) {
        if (s.from().isBefore(from) || s.to().plus(MARGIN).isAfter(until)) {
            return;
        }
        for (Instant[] t : taken) {
            if (s.from().isBefore(t[1].plus(MARGIN)) && s.to().plus(MARGIN).isAfter(t[0])) {
                return;
            }
        }
        taken.add(new Instant[] {s.from(), s.to()});
        spells.add(s);
    }
}
