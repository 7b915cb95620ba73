package org.shouwang.demo.detection;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;
import org.shouwang.sim.DevicePayloads;
import org.shouwang.sim.routine.HomeMonth;

/**
 * How the people around an alert behave, decided from the seed and the moment (so both runs of a benchmark meet the
 * same people): an elder who is fine, at home and awake answers the well-check call and presses 1 nine times in ten;
 * away, asleep at night or fallen, they do not. The care team takes a page within minutes and, for an elder who
 * is fine, closes the case within one to two hours; staff on duty (08:00-20:00) close a case whose condition cleared
 * within two hours, or the next morning; maintenance closes a technical case an hour after it cleared.
 */
final class CareResponses {

    /** The share of well-check calls a fine elder at home and awake answers with 1. */
    static final double ELDER_ANSWERS = 0.9;
    private static final LocalTime DUTY_FROM = LocalTime.of(8, 0);
    private static final LocalTime DUTY_TO = LocalTime.of(20, 0);

    private final long seed;

    CareResponses(long seed) {
        this.seed = seed;
    }

    /** True when the elder presses 1 on a well-check call placed at {@code at}. */
    boolean elderAnswers(HomeMonth home, Instant at) {
        if (home.fallenAt(at) || home.awayAt(at).isPresent() || home.asleepAt(at)) {
            return false;
        }
        return draw(home, at, 1).nextDouble() < ELDER_ANSWERS;
    }

    /** How long after the elder's key press the incident is closed as "elder safe". */
    Duration elderSafeAfter() {
        return Duration.ofMinutes(2);
    }

    /** How long the care team takes to acknowledge a page sent at {@code at}. */
    Duration teamAcknowledges(HomeMonth home, Instant at) {
        return Duration.ofMinutes(3 + draw(home, at, 2).nextInt(10));
    }

    /** How long after acknowledging the care team closes the case (they call, go round, find the elder fine). */
    Duration teamResolves(HomeMonth home, Instant at) {
        return Duration.ofMinutes(60 + draw(home, at, 3).nextInt(61));
    }

    /** When staff on duty close a case whose condition cleared at {@code at} without anyone taking it. */
    Instant staffReview(HomeMonth home, Instant at) {
        ZonedDateTime local = at.atZone(DevicePayloads.DEVICE_ZONE);
        SplittableRandom r = draw(home, at, 4);
        LocalTime t = local.toLocalTime();
        if (!t.isBefore(DUTY_FROM) && t.isBefore(DUTY_TO)) {
            return at.plus(Duration.ofMinutes(30 + r.nextInt(91)));
        }
        ZonedDateTime morning = local.with(DUTY_FROM);
        if (!morning.isAfter(local)) {
            morning = morning.plusDays(1);
        }
        return morning.toInstant().plus(Duration.ofMinutes(r.nextInt(61)));
    }

    /** When maintenance closes a technical case whose condition cleared at {@code at}. */
    Instant maintenanceCloses(Instant at) {
        return at.plus(Duration.ofHours(1));
    }

    private SplittableRandom draw(HomeMonth home, Instant at, int purpose) {
        long minute = at.getEpochSecond() / 60;
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ home.elderId() * 0xC2B2AE3D27D4EB4FL
                ^ minute * 0x165667B19E3779F9L ^ purpose);
    }
}
