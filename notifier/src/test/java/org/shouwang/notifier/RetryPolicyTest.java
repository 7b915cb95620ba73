package org.shouwang.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(5));

    @Test
    void firstTryDoesNotWaitAndRetriesDoubleUpToTheCap() {
        assertThat(policy.backoffBefore(1)).isZero();
        assertThat(policy.backoffBefore(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoffBefore(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoffBefore(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.backoffBefore(5)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.backoffBefore(60)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void retriesEndAMinuteAfterTheFirstTryUnlessToldOtherwise() {
        assertThat(RetryPolicy.DEFAULT.giveUpAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.withGiveUpAfter(Duration.ofSeconds(20)).giveUpAfter()).isEqualTo(Duration.ofSeconds(20));
        assertThatThrownBy(() -> policy.withGiveUpAfter(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsZeroAttempts() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
