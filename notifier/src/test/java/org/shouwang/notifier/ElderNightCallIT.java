package org.shouwang.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.model.Alert;
import org.shouwang.model.Rule;
import org.shouwang.notifier.NotifierHarness.Home;

/**
 * The elder is not called at night unless the rule is confident (issue 12, "First the elder, then the team"):
 * in the quiet hours a well-check step of a rule outside {@code elderNightCall} is skipped and the plan goes on
 * with its next step at once. ROUTINE_BREAK's built-in plan waits for the morning, so these tests give it one
 * that is not quiet at night: the case a site's plans file can make.
 */
class ElderNightCallIT {

    /** 02:00 in Suzhou; each test runs on a day of its own. */
    private static final Instant NIGHT = Instant.parse("2026-07-20T18:00:00Z");
    private static final Duration TO_TEN_IN_THE_MORNING = Duration.ofHours(8);
    private static final EscalationPlans ROUTINE_AT_NIGHT = EscalationPlans.parse("""
            rules:
              ROUTINE_BREAK:
                repeatEvery: PT30M
                stopWhenCleared: true
                steps:
                  - {delay: PT0S, to: [ELDER], via: [VOICE]}
                  - {delay: PT5M, to: [NEIGHBOUR_VOLUNTEER, COMMUNITY_WORKER], via: [SMS, VOICE]}
                  - {delay: PT15M, to: [STREET_EMERGENCY_TEAM, FAMILY_CONTACT], via: [SMS, VOICE]}
            """);

    private static NotifierHarness h;
    private static int day;

    private Home home;
    private Notifier notifier;

    @BeforeAll
    static void start() {
        h = new NotifierHarness(NIGHT);
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @BeforeEach
    void freshHome() {
        h.clock.set(NIGHT.plus(Duration.ofDays(++day)));
        h.stub.clear();
        home = h.home();
        notifier = h.notifier(ROUTINE_AT_NIGHT);
    }

    @AfterEach
    void quiesce() {
        h.quiesce();
    }

    private Alert routineBreak() {
        return new Alert("ROUTINE_BREAK:" + home.meter() + ":" + h.clock.instant(), Rule.ROUTINE_BREAK, home.meter(),
                h.clock.instant(), "通常7点前用水，今天至10:30仍无用水");
    }

    @Test
    void noWaterUseAtTwoInTheNightCallsTheElder() {
        notifier.service().handle(h.noWater(home)).orElseThrow();

        assertThat(h.reached(0, "Calls")).containsExactly(home.elder().phone());
        assertThat(h.stub.messages()).isEmpty();
    }

    @Test
    void ruleOutsideTheSetAtTwoInTheNightSkipsTheElderAndPagesTheCareTeamAtOnce() {
        long id = notifier.service().handle(routineBreak()).orElseThrow().incident().id();

        assertThat(h.reached(0, "Calls")).doesNotContain(home.elder().phone())
                .containsExactlyInAnyOrder(home.neighbour().phone(), home.worker().phone());
        assertThat(h.reached(0, "Messages")).containsExactlyInAnyOrder(home.neighbour().phone(), home.worker().phone());
        assertThat(h.timeline(id, Timeline.ESCALATION_ADVANCED)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("夜间不致电老人"));
    }

    @Test
    void inTheDayBothRulesCallTheElderFirst() {
        h.clock.advance(TO_TEN_IN_THE_MORNING);

        notifier.service().handle(h.noWater(home)).orElseThrow();
        notifier.service().handle(routineBreak()).orElseThrow();

        assertThat(h.reached(0, "Calls")).containsExactly(home.elder().phone(), home.elder().phone());
        assertThat(h.stub.messages()).isEmpty();
    }
}
