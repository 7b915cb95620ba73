package org.shouwang.demo.detection;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import org.shouwang.model.Rule;
import org.shouwang.sim.routine.HomeMonth;
import org.shouwang.sim.routine.Spell;

/**
 * Why the rules paged about an elder who was fine, from what the simulated month knows: the stretch the rule
 * judged ({@link #judged}) is checked for a meter silence, then for the latest stretch away or with visitors;
 * failing those, the elder's frugality; failing that, "other".
 */
public enum FalseAlarmCause {
    FRUGAL("frugal"),
    AWAY_UNREGISTERED("away unregistered"),
    AWAY_REGISTERED("away registered"),
    HOSPITAL_LATE("hospital registered late"),
    VISITORS("visitors"),
    SILENT_METER("silent meter"),
    OTHER("other");

    private final String label;

    FalseAlarmCause(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The cause of a {@code rule} alert raised at {@code at} about the elder of {@code home}, who was fine. */
    public static FalseAlarmCause of(HomeMonth home, Rule rule, Instant at) {
        Instant from = judged(home, rule, at);
        Instant silentSince = from.minus(Duration.ofHours(1));
        if (home.silences().stream().anyMatch(s -> s.from().isBefore(at) && s.to().isAfter(silentSince))) {
            return SILENT_METER;
        }
        Optional<Spell> spell = home.spells().stream().filter(s -> s.overlaps(from, at))
                .max(Comparator.comparing(Spell::to));
        if (spell.isPresent()) {
            Spell s = spell.get();
            return switch (s.kind()) {
                case HOSPITAL -> s.registeredBy(at) ? AWAY_REGISTERED : HOSPITAL_LATE;
                case WEEKEND_AWAY -> s.registeredBy(at) ? AWAY_REGISTERED : AWAY_UNREGISTERED;
                case VISITORS -> VISITORS;
            };
        }
        return home.habits().frugal() ? FRUGAL : OTHER;
    }

    /**
     * The start of what the rule judged: the no-use window (NO_WATER_USE: a day, or back to the last use if that was
     * longer ago; ROUTINE_BREAK: back to the last use, at least 3 h), or the last 3 hours for the others.
     */
    static Instant judged(HomeMonth home, Rule rule, Instant at) {
        Instant lastUse = home.lastUseBefore(at).orElse(at.minus(Duration.ofDays(1)));
        return switch (rule) {
            case NO_WATER_USE -> min(lastUse, at.minus(Duration.ofHours(24)));
            case ROUTINE_BREAK -> min(lastUse, at.minus(Duration.ofHours(3)));
            case HIGH_USE -> at.minus(Duration.ofHours(24));
            default -> at.minus(Duration.ofHours(3));
        };
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
