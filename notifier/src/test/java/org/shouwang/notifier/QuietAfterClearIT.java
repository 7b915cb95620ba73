package org.shouwang.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.model.Alert;
import org.shouwang.model.Rule;
import org.shouwang.notifier.NotifierHarness.Home;

/**
 * The quiet period after a clear (issue 12, "NO_WATER_USE flaps"): a condition that cleared and comes back
 * within {@code quietAfterClear} pages nobody at once; its escalation resumes at the end of the period unless
 * it cleared again or someone took the case. Built-in plans (PT2H for NO_WATER_USE and ROUTINE_BREAK), clock
 * moved by hand, starting 10:00 in Suzhou so no test meets the night.
 */
class QuietAfterClearIT {

    /** 10:00 in Suzhou; each test starts a day later, at the same time of day. */
    private static final Instant START = Instant.parse("2026-07-20T02:00:00Z");
    private static NotifierHarness h;
    private static int day;

    private Instant t0;
    private Home home;
    private Notifier notifier;

    @BeforeAll
    static void start() {
        h = new NotifierHarness(START);
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @BeforeEach
    void freshHome() {
        t0 = START.plus(Duration.ofDays(++day));
        h.clock.set(t0);
        h.stub.clear();
        home = h.home();
        notifier = h.notifier();
    }

    @AfterEach
    void quiesce() {
        h.quiesce();
    }

    /** Sets the clock to {@code t0 + elapsed}. */
    private void at(Duration elapsed) {
        h.clock.at(t0, elapsed);
    }

    /** At {@code t0 + elapsed}, runs what is due; returns the numbers texted by it. */
    private List<String> tickAt(Duration elapsed) {
        at(elapsed);
        int before = h.stub.requests().size();
        notifier.service().tick();
        return h.reached(before, "Messages");
    }

    /** NO_WATER_USE raised at t0 (the elder is called), cleared a minute later: the escalation stopped. */
    private long noWaterRaisedAndClearedAfterAMinute() {
        long id = notifier.service().handle(h.noWater(home)).orElseThrow().incident().id();
        at(Duration.ofMinutes(1));
        assertThat(notifier.service().clear(h.noWater(home))).isTrue();
        return id;
    }

    /** The same alert raised again now; returns the numbers texted or called while it was handled. */
    private List<String> raisedAgain(Alert alert, long expectedIncident) {
        int before = h.stub.requests().size();
        assertThat(notifier.service().handle(alert).orElseThrow().incident().id()).isEqualTo(expectedIncident);
        return h.stub.requests().subList(before, h.stub.requests().size()).stream()
                .map(org.shouwang.standin.TwilioStubRequest::to).toList();
    }

    @Test
    void reRaiseWithinTheQuietPeriodPagesNobodyUntilItsEndThenTheCareTeam() {
        long id = noWaterRaisedAndClearedAfterAMinute();
        at(Duration.ofMinutes(61));

        assertThat(raisedAgain(h.noWater(home), id)).as("pages at the re-raise").isEmpty();
        assertThat(h.timeline(id, Timeline.ESCALATION_DEFERRED)).singleElement().satisfies(e -> assertThat(e.detail())
                .contains("报警条件解除后 60 分钟再次出现", "静默期内不重复通知", "12:01"));
        assertThat(tickAt(Duration.ofMinutes(120))).as("one minute before the quiet period ends").isEmpty();
        assertThat(tickAt(Duration.ofMinutes(121))).as("quiet period over")
                .containsExactlyInAnyOrder(home.neighbour().phone(), home.worker().phone());
    }

    @Test
    void clearedAgainWithinTheQuietPeriodSendsNothingAtItsEnd() {
        long id = noWaterRaisedAndClearedAfterAMinute();
        at(Duration.ofMinutes(31));
        raisedAgain(h.noWater(home), id);
        at(Duration.ofMinutes(50));

        assertThat(notifier.service().clear(h.noWater(home))).isTrue();

        int before = h.stub.requests().size();
        tickAt(Duration.ofMinutes(121));
        tickAt(Duration.ofHours(5));
        assertThat(h.stub.requests()).hasSize(before);
        assertThat(h.stores.escalations().find(id).orElseThrow().stopReason()).isEqualTo(Escalator.CLEARED);
    }

    @Test
    void acknowledgedWithinTheQuietPeriodSendsNothingAtItsEnd() {
        long id = noWaterRaisedAndClearedAfterAMinute();
        at(Duration.ofMinutes(31));
        raisedAgain(h.noWater(home), id);

        notifier.commands().acknowledge(id, "值班员小周", "console");

        int before = h.stub.requests().size();
        tickAt(Duration.ofMinutes(121));
        tickAt(Duration.ofHours(5));
        assertThat(h.stub.requests()).hasSize(before);
    }

    @Test
    void reRaiseAfterTheQuietPeriodPagesAtOnce() {
        long id = noWaterRaisedAndClearedAfterAMinute();
        at(Duration.ofMinutes(121));

        assertThat(raisedAgain(h.noWater(home), id)).contains(home.neighbour().phone(), home.worker().phone());
        assertThat(h.timeline(id, Timeline.ESCALATION_DEFERRED)).isEmpty();
    }

    @Test
    void ruleOutsideTheListPagesAtOnceWithinTheQuietPeriod() {
        Alert flow = new Alert("CONTINUOUS_FLOW:" + home.meter() + ":1", Rule.CONTINUOUS_FLOW, home.meter(), t0,
                "持续用水 2 小时");
        long id = notifier.service().handle(flow).orElseThrow().incident().id();
        at(Duration.ofMinutes(1));
        assertThat(notifier.service().clear(flow)).isTrue();
        at(Duration.ofMinutes(11));

        Alert again = new Alert("CONTINUOUS_FLOW:" + home.meter() + ":2", Rule.CONTINUOUS_FLOW, home.meter(),
                h.clock.instant(), "持续用水 2 小时");
        assertThat(raisedAgain(again, id)).isNotEmpty();
        assertThat(h.timeline(id, Timeline.ESCALATION_DEFERRED)).isEmpty();
    }
}
