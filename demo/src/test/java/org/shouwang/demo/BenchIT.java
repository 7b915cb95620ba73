package org.shouwang.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shouwang.demo.bench.BenchSummary;
import org.shouwang.testkit.TestServices;
import picocli.CommandLine;

/**
 * A short {@code shouwang bench} end to end on the test broker and a fresh database: the raw baseline, the load
 * from {@code shouwang sim load} in its own JVM, presses timed to the Twilio stand-in, and a last line that reads
 * back with one latency per press sent.
 */
class BenchIT {

    private static final int PRESSES = 6;

    @Test
    void aShortBenchTimesEveryPressToItsFirstPageAndEndsWithItsSummaryLine() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));

        int exit = cli.execute("bench", "--mqtt-url", TestServices.mqttUrl(), "--db-url",
                TestServices.freshDatabase(), "--meters", "3", "--rate", "10", "--duration", "PT5S",
                "--presses", Integer.toString(PRESSES), "--warmup-presses", "1", "--raw-duration", "PT2S",
                "--page-timeout", "PT20S");

        List<String> lines = out.toString().lines().toList();
        BenchSummary summary = BenchSummary.parse(lines.get(lines.size() - 1));
        assertThat(exit).as("exit code (0: every press paged)").isZero();
        assertThat(summary.n()).as("presses timed").isEqualTo(PRESSES);
        assertThat(summary.p50Ms()).isPositive().isLessThanOrEqualTo(summary.p99Ms());
        assertThat(summary.maxMs()).isGreaterThanOrEqualTo(summary.p99Ms());
        assertThat(summary.offeredPerS()).as("readings offered by sim load").isPositive();
        assertThat(summary.durablePerS()).as("readings durable in the window").isPositive();
        assertThat(summary.rawPerS()).as("raw broker baseline").isPositive();
    }
}
