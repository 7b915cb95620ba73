package org.shouwang.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleIntakeTest {

    /** Stands for the event loop: slices run only when the test turns it. */
    private final ArrayDeque<Runnable> loop = new ArrayDeque<>();
    private final RuleIntake intake = new RuleIntake(3, loop::add);
    private final List<String> fed = new ArrayList<>();

    private RuleIntake.Feed named(String name) {
        return mayAdvance -> fed.add(name + (mayAdvance ? "" : "(clock held)"));
    }

    private void turn() {
        loop.poll().run();
    }

    @Test
    void aPressPassesQueuedReadingsWithoutMovingTheClockPastThem() {
        for (int i = 1; i <= 5; i++) {
            intake.inOrder(named("reading" + i));
        }
        turn(); // first slice: three readings
        intake.urgent(named("press"));

        turn();

        assertThat(fed).containsExactly("reading1", "reading2", "reading3", "press(clock held)", "reading4", "reading5");
        assertThat(intake.backlog()).isZero();
        assertThat(loop).isEmpty();
    }

    @Test
    void aPressWithNothingQueuedMayMoveTheClock() {
        intake.urgent(named("press"));

        turn();

        assertThat(fed).containsExactly("press");
    }

    @Test
    void readingsAndTicksKeepTheirOrderAcrossSlices() {
        intake.inOrder(named("r1"));
        intake.inOrder(named("tick"));
        intake.inOrder(named("r2"));
        intake.inOrder(named("r3"));

        turn();
        assertThat(fed).containsExactly("r1", "tick", "r2");
        assertThat(loop).as("the rest waits for the next turn").hasSize(1);
        turn();

        assertThat(fed).containsExactly("r1", "tick", "r2", "r3");
    }
}
