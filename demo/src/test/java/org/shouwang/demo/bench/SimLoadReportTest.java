package org.shouwang.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code shouwang sim load}'s lines are what {@code bench} reads from the other process. */
class SimLoadReportTest {

    @Test
    void theReportLineReadsBackToWhatWasPublished() {
        SimLoadReport r = new SimLoadReport(22_012, 3, Duration.ofMillis(20_004), 50);

        assertThat(r.line()).isEqualTo("sim-load: published=22012 failed=3 elapsed_ms=20004 meters=50 per_s=1100");
        assertThat(SimLoadReport.parse(r.line())).isEqualTo(r);
    }

    @Test
    void logLinesAndTheStartLineAreNoReport() {
        assertThat(SimLoadReport.parse("12:00:01.123 INFO  o.s.sim.LoadGenerator - published=5")).isNull();
        assertThat(SimLoadReport.parse(SimLoadReport.STARTED + " meters=50")).isNull();
        assertThat(SimLoadReport.isStarted(SimLoadReport.STARTED + " meters=50")).isTrue();
        assertThat(SimLoadReport.isStarted("sim-load: published=1 failed=0 elapsed_ms=1 meters=1")).isFalse();
    }
}
