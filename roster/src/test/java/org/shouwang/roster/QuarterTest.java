package org.shouwang.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class QuarterTest {

    @Test
    void parsesTheCommandLinesQuarterAndNamesItInChinese() {
        Quarter q = Quarter.parse("2026q4");

        assertThat(q).isEqualTo(new Quarter(2026, 4)).isEqualTo(Quarter.parse("2026-Q4"));
        assertThat(q.toString()).isEqualTo("2026Q4");
        assertThat(q.label()).isEqualTo("2026年第四季度");
        assertThat(q.firstDay()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(q.lastDay()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(Quarter.of(LocalDate.of(2026, 3, 31))).isEqualTo(new Quarter(2026, 1));
    }

    @Test
    void theDeadlineIsTheLastFridayOfTheQuarter() {
        assertThat(new Quarter(2026, 4).deadline()).isEqualTo(LocalDate.of(2026, 12, 25));
        // 2026-07-31 is itself a Friday.
        assertThat(new Quarter(2026, 3).deadline()).isEqualTo(LocalDate.of(2026, 9, 25));
        assertThat(new Quarter(2022, 3).deadline()).isEqualTo(LocalDate.of(2022, 9, 30));
    }

    @Test
    void refusesAnythingElse() {
        assertThatThrownBy(() -> Quarter.parse("2026Q5")).hasMessageContaining("2026Q4");
        assertThatThrownBy(() -> Quarter.parse("Q4")).hasMessageContaining("2026Q4");
    }
}
