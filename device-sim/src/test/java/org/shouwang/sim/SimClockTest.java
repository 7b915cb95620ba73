package org.shouwang.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SimClockTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void aZonedViewFollowsSimulatedTimeAsThePlatformReadsIt() {
        SimClock clock = new SimClock(Instant.parse("2026-11-01T15:59:00Z"));
        Clock shanghai = clock.withZone(SHANGHAI);

        assertThat(LocalDate.now(shanghai)).isEqualTo(LocalDate.of(2026, 11, 1));
        clock.advance(Duration.ofMinutes(2));

        assertThat(shanghai.instant()).isEqualTo(Instant.parse("2026-11-01T16:01:00Z"));
        assertThat(LocalDate.now(shanghai)).as("past midnight in Suzhou").isEqualTo(LocalDate.of(2026, 11, 2));
        assertThat(shanghai.getZone()).isEqualTo(SHANGHAI);
    }

    @Test
    void neverMovesBackwards() {
        SimClock clock = new SimClock(Instant.parse("2026-11-01T00:00:00Z"));

        clock.set(Instant.parse("2026-10-31T00:00:00Z"));

        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    }
}
