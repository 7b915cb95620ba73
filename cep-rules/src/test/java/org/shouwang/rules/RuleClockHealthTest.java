package org.shouwang.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The rules count as stalled once their clock stood still for three ticks and five seconds. */
class RuleClockHealthTest {

    private static final Duration TICK = Duration.ofSeconds(1);

    @Test
    void theLimitIsThreeTicksAndFiveSeconds() {
        assertThat(RuleClockHealth.limit(TICK)).isEqualTo(Duration.ofSeconds(8));
        assertThat(RuleClockHealth.limit(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(35));
    }

    @Test
    void aClockThatMovedWithinTheLimitIsHealthy() {
        assertThat(RuleClockHealth.problem(true, Duration.ofSeconds(8), TICK)).isNull();
        assertThat(RuleClockHealth.problem(false, Duration.ofSeconds(2), TICK)).isNull();
    }

    @Test
    void aLiveClockStandingPastTheLimitIsStalledAndSaysForHowLong() {
        assertThat(RuleClockHealth.problem(true, Duration.ofMillis(8_001), TICK)).contains("规则时钟已 8 秒未推进",
                "上限 8 秒");
        assertThat(RuleClockHealth.problem(true, Duration.ofMillis(5_740), Duration.ofMillis(200)))
                .contains("已 5.7 秒未推进", "上限 5.6 秒");
        assertThat(RuleClockHealth.problem(true, Duration.ofSeconds(40), TICK)).contains("40 秒");
    }

    @Test
    void aRecoveryTakingLongerThanTheLimitSaysItIsRecovering() {
        assertThat(RuleClockHealth.problem(false, Duration.ofSeconds(20), TICK)).contains("规则状态恢复中", "20 秒");
    }
}
