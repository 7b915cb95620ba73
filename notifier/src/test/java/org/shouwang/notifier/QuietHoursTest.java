package org.shouwang.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

    private final QuietHours night = QuietHours.DEFAULT;

    private static Instant shanghai(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
    }

    @Test
    void windowAcrossMidnightHoldsLateEveningAndEarlyMorningOnly() {
        assertThat(night.contains(shanghai("2026-01-10T21:59"))).isFalse();
        assertThat(night.contains(shanghai("2026-01-10T22:00"))).isTrue();
        assertThat(night.contains(shanghai("2026-01-11T03:00"))).isTrue();
        assertThat(night.contains(shanghai("2026-01-11T06:59"))).isTrue();
        assertThat(night.contains(shanghai("2026-01-11T07:00"))).isFalse();
    }

    @Test
    void aStepDueAtNightWaitsUntilSevenNextMorning() {
        assertThat(night.endAfter(shanghai("2026-01-10T23:15"))).isEqualTo(shanghai("2026-01-11T07:00"));
        assertThat(night.endAfter(shanghai("2026-01-11T02:00"))).isEqualTo(shanghai("2026-01-11T07:00"));
    }

    @Test
    void aStepDueByDayIsNotMoved() {
        Instant noon = shanghai("2026-01-11T12:00");

        assertThat(night.endAfter(noon)).isEqualTo(noon);
    }

    @Test
    void windowWithinOneDayWorksToo() {
        QuietHours siesta = new QuietHours(LocalTime.of(12, 0), LocalTime.of(14, 0), ZoneId.of("Asia/Shanghai"));

        assertThat(siesta.contains(shanghai("2026-01-11T13:00"))).isTrue();
        assertThat(siesta.contains(shanghai("2026-01-11T23:00"))).isFalse();
        assertThat(siesta.endAfter(shanghai("2026-01-11T13:00"))).isEqualTo(shanghai("2026-01-11T14:00"));
    }

    @Test
    void emptyWindowIsRefused() {
        assertThatThrownBy(() -> new QuietHours(LocalTime.NOON, LocalTime.NOON, ZoneId.of("UTC")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
