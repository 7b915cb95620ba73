package org.shouwang.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.shouwang.model.RejectReason;

/** Quarantined messages reach the log at info, at most one line per period, with nothing dropped from the counts. */
class RejectionLogTest {

    private final AtomicLong nanos = new AtomicLong(1);
    private final RejectionLog log = new RejectionLog(nanos::get);

    @Test
    void theFirstRejectionIsLoggedAtOnceAndAFloodOnlyOncePerPeriod() {
        assertThat(log.record(RejectReason.MALFORMED_JSON)).isTrue();
        for (int i = 0; i < 1_000; i++) {
            assertThat(log.record(RejectReason.OVERSIZE)).isFalse();
        }
        nanos.addAndGet(RejectionLog.EVERY_NANOS);

        assertThat(log.record(RejectReason.OVERSIZE)).as("a line after the period").isTrue();
        assertThat(log.record(RejectReason.OVERSIZE)).isFalse();
    }
}
