package org.shouwang.sim.routine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Lays the month's stretches and the fall over the routine's water: nothing runs while the elder is away (a flush
 * when they come back), visitors who stay in draw more, and after a fall nothing runs again but a tap that was left
 * running.
 */
final class UseEditor {

    private UseEditor() {
    }

    static List<WaterUse> apply(List<WaterUse> routine, List<Spell> spells, Fall fall, Instant end,
                                SplittableRandom random) {
        List<WaterUse> uses = new ArrayList<>(routine);
        for (Spell s : spells) {
            if (s.elderAway()) {
                uses.removeIf(u -> u.start().isBefore(s.to()) && u.end().isAfter(s.from()));
                uses.add(WaterUse.of(s.to().plusSeconds(60L * (5 + random.nextInt(10))), 2, 6));
            } else {
                visitors(uses, s, random);
            }
        }
        if (fall != null) {
            List<WaterUse> before = new ArrayList<>();
            for (WaterUse u : uses) {
                WaterUse cut = u.cutAt(fall.at());
                if (cut != null) {
                    before.add(cut);
                }
            }
            uses = before;
            if (fall.tapLeftRunning()) {
                Instant stop = end.plus(Duration.ofDays(1));
                double minutes = Duration.between(fall.at(), stop).toMillis() / 60_000.0;
                uses.add(new WaterUse(fall.at(), stop, fall.tapLpm() * minutes));
            }
        }
        uses.sort(Comparator.comparing(WaterUse::start));
        return List.copyOf(uses);
    }

    /** Family at home: a few more flushes, a bigger lunch and its dishes. */
    private static void visitors(List<WaterUse> uses, Spell s, SplittableRandom random) {
        long span = Duration.between(s.from(), s.to()).getSeconds();
        for (int i = 0; i < 4; i++) {
            uses.add(WaterUse.of(s.from().plusSeconds(random.nextLong(span)), 2, 6));
        }
        Instant lunch = s.from().plusSeconds(60L * (60 + random.nextInt(60)));
        uses.add(WaterUse.of(lunch, 25, 20));
        uses.add(WaterUse.of(lunch.plusSeconds(3600), 10, 18));
    }
}
