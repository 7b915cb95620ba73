package org.shouwang.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.shouwang.model.RejectReason;

/** Ingest's counts land in the registry under the names the dashboards use, and the getters read them back. */
class IngestMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IngestMetrics metrics = new IngestMetrics(registry);

    @Test
    void countsGoToTheSharedNamesAndTags() {
        metrics.countReceived(false);
        metrics.countReceived(true);
        metrics.batchCommitted(3, 1, 2, 0, TimeUnit.MILLISECONDS.toNanos(7));
        metrics.countRejected(RejectReason.MALFORMED_JSON);

        assertThat(registry.get("shouwang.ingest.messages.received").counter().count()).isEqualTo(2);
        assertThat(registry.get("shouwang.ingest.messages.accepted").counter().count()).isEqualTo(3);
        assertThat(registry.get("shouwang.ingest.messages.duplicate").counter().count()).isEqualTo(1);
        assertThat(registry.get("shouwang.ingest.messages.rejected").tag("reason", "MALFORMED_JSON").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("shouwang.ingest.messages.rejected").tag("reason", "OVERSIZE").counter().count())
                .as("every reason is there from the start").isZero();
        assertThat(registry.get("shouwang.ingest.batch.commit").timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(7);

        assertThat(metrics.received()).isEqualTo(2);
        assertThat(metrics.redelivered()).isEqualTo(1);
        assertThat(metrics.batches()).isEqualTo(1);
        assertThat(metrics.statusUpdates()).isEqualTo(2);
        assertThat(metrics.rejected(RejectReason.MALFORMED_JSON)).isEqualTo(1);
        assertThat(metrics.rejectedTotal()).isEqualTo(1);
    }
}
