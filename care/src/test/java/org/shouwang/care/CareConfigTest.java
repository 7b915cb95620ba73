package org.shouwang.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.shouwang.notifier.QuietHours;

class CareConfigTest {

    private final CareConfig defaults = CareConfig.defaults();

    @Test
    void defaultsRemindAtNineReportAtEightAndKeepQuietFromTenToSeven() {
        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.reminderAt()).isEqualTo(LocalTime.of(9, 0));
        assertThat(defaults.digestAt()).isEqualTo(LocalTime.of(8, 0));
        assertThat(defaults.quietHours().from()).isEqualTo(LocalTime.of(22, 0));
        assertThat(defaults.quietHours().to()).isEqualTo(LocalTime.of(7, 0));
        assertThat(defaults.tick()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void reminderHourInsideTheQuietHoursIsRefused() {
        assertThatThrownBy(() -> defaults.withReminderAt(LocalTime.of(22, 30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("care.reminderAt");
        assertThatThrownBy(() -> defaults.withReminderAt(LocalTime.of(6, 59)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quiet hours");
        assertThat(defaults.withReminderAt(LocalTime.of(7, 0)).reminderAt()).isEqualTo(LocalTime.of(7, 0));
    }

    @Test
    void digestHourInsideTheQuietHoursIsRefused() {
        assertThatThrownBy(() -> defaults.withDigestAt(LocalTime.of(23, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("care.digestAt");
    }

    @Test
    void quietWindowThatSwallowsTheReminderHourIsRefused() {
        assertThatThrownBy(() -> defaults.withQuietHours(LocalTime.of(20, 0), LocalTime.of(9, 30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("care.reminderAt");
    }

    @Test
    void tickOutsideOneSecondToOneHourAndAForeignZoneAreRefused() {
        assertThatThrownBy(() -> new CareConfig(true, defaults.reminderAt(), defaults.digestAt(),
                defaults.quietHours(), Duration.ofMillis(10), defaults.retry()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("care.tick");
        assertThatThrownBy(() -> new CareConfig(true, defaults.reminderAt(), defaults.digestAt(),
                defaults.quietHours(), Duration.ofHours(2), defaults.retry()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("care.tick");
        assertThatThrownBy(() -> new CareConfig(true, defaults.reminderAt(), defaults.digestAt(),
                new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), ZoneId.of("UTC")), defaults.tick(),
                defaults.retry())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Asia/Shanghai");
    }
}
