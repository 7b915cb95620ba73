package org.shouwang.sim.routine;

import java.time.Instant;

/**
 * A stretch of an elder's month that is not the everyday routine.
 *
 * @param registeredAt when staff recorded it as an absence (known to the platform from then on); null: never
 * @param elderAway    the elder is out of the home throughout (no water runs); false for visitors who stay in
 */
public record Spell(Kind kind, Instant from, Instant to, Instant registeredAt, boolean elderAway) {

    /** What the stretch is. */
    public enum Kind {
        /** A weekend at the children's home, recorded beforehand or not at all. */
        WEEKEND_AWAY("外出探亲"),
        /** A hospital stay, recorded about a day after it began. */
        HOSPITAL("住院"),
        /** Family visiting for a day: more water at home, or a day out together. */
        VISITORS("家人来访");

        private final String reason;

        Kind(String reason) {
            this.reason = reason;
        }

        /** The reason staff write on the absence. */
        public String reason() {
            return reason;
        }
    }

    public boolean covers(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }

    public boolean overlaps(Instant a, Instant b) {
        return from.isBefore(b) && to.isAfter(a);
    }

    /** True when the platform knows of it as an absence at {@code t}. */
    public boolean registeredBy(Instant t) {
        return registeredAt != null && !registeredAt.isAfter(t);
    }
}
