package org.shouwang.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestConfigTest {

    @Test
    void blankKeysMeanEightOClockAndNobodyTexted() {
        DigestConfig c = DigestConfig.of("", "");

        assertThat(c).isEqualTo(DigestConfig.none());
        assertThat(c.at()).isEqualTo(LocalTime.of(8, 0));
        assertThat(c.texted()).isFalse();
    }

    @Test
    void recipientsAreCommaSeparatedTurnedIntoE164AndDeduplicated() {
        DigestConfig c = DigestConfig.of("07:30", " 13812345678, +86 138 1234 5678,0512-65221234 ");

        assertThat(c.at()).isEqualTo(LocalTime.of(7, 30));
        assertThat(c.recipients()).containsExactly("+8613812345678", "+8651265221234");
    }

    @Test
    void malformedTimeIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> DigestConfig.of("8 o'clock", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("escalation.digestAt");
    }

    @Test
    void somethingThatIsNoPhoneIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> DigestConfig.of("08:00", "13812345678,,")).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("escalation.digestRecipients");
        assertThatThrownBy(() -> new DigestConfig(LocalTime.NOON, List.of("maintenance desk")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("escalation.digestRecipients");
    }

    @Test
    void toStringCountsRecipientsWithoutNumbers() {
        assertThat(DigestConfig.of("08:00", "13812345678").toString()).doesNotContain("1381234").contains("1");
    }
}
