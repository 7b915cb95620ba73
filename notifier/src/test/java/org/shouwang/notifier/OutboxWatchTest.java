package org.shouwang.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The notifier is not ready once a due page waited over a minute, or the outbox could not be read for as long. */
class OutboxWatchTest {

    @Test
    void nothingDueAndAFreshReadIsReady() {
        assertThat(OutboxWatch.problem(Duration.ZERO, Duration.ofSeconds(3))).isNull();
    }

    @Test
    void aPageDueForExactlySixtySecondsIsStillWithinTheLimit() {
        assertThat(OutboxWatch.problem(Duration.ofSeconds(60), Duration.ZERO)).isNull();
    }

    @Test
    void aPageDueForOverSixtySecondsIsNotReadyAndSaysHowLong() {
        assertThat(OutboxWatch.problem(Duration.ofSeconds(61), Duration.ZERO))
                .contains("待发通知已逾期 61 秒未发出", "上限 60 秒");
    }

    @Test
    void anOutboxNotReadForOverAMinuteIsNotReadyEvenWithNothingKnownDue() {
        assertThat(OutboxWatch.problem(Duration.ZERO, Duration.ofSeconds(60))).isNull();
        assertThat(OutboxWatch.problem(Duration.ZERO, Duration.ofSeconds(75))).contains("75 秒无法读取待发通知");
    }

    @Test
    void anOverduePageIsReportedBeforeAStaleRead() {
        assertThat(OutboxWatch.problem(Duration.ofMinutes(5), Duration.ofMinutes(2))).contains("逾期 300 秒");
    }
}
