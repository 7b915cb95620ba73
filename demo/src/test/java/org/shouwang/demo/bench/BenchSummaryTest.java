package org.shouwang.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The bench's percentiles are nearest rank, and its summary line is printed and read back field by field. */
class BenchSummaryTest {

    @Test
    void percentilesOfAHundredShuffledLatenciesAreTheirNearestRanks() {
        List<Double> ms = new ArrayList<>(IntStream.rangeClosed(1, 100).mapToObj(i -> (double) i).toList());
        Collections.shuffle(ms, new java.util.Random(7));

        BenchSummary s = BenchSummary.of(ms, 1100, 1105, 12000);

        assertThat(s.p50Ms()).isEqualTo(50.0);
        assertThat(s.p95Ms()).isEqualTo(95.0);
        assertThat(s.p99Ms()).isEqualTo(99.0);
        assertThat(s.maxMs()).isEqualTo(100.0);
        assertThat(s.n()).isEqualTo(100);
    }

    @Test
    void withFewLatenciesTheHighPercentilesAreTheLargest() {
        BenchSummary s = BenchSummary.of(List.of(30.0, 10.0, 20.0), 0, 0, 0);

        assertThat(s.p50Ms()).isEqualTo(20.0);
        assertThat(s.p95Ms()).isEqualTo(30.0);
        assertThat(s.p99Ms()).isEqualTo(30.0);
    }

    @Test
    void theSummaryLineNamesEveryFigureInTheIssuesFormat() {
        BenchSummary s = new BenchSummary(41.26, 120.04, 240.5, 301.0, 200, 1098.4, 1101.2, 12500);

        assertThat(s.line()).isEqualTo("bench: press_to_page_ms p50=41.3 p95=120.0 p99=240.5 max=301.0 n=200"
                + " durable_per_s=1098 offered_per_s=1101 raw_per_s=12500 ratio=0.09");
    }

    @Test
    void aSummaryLineReadsBackToItsFigures() {
        BenchSummary s = new BenchSummary(41.3, 120.0, 240.5, 301.0, 200, 4600, 9000, 12000);

        BenchSummary back = BenchSummary.parse(s.line());

        assertThat(back).isEqualTo(new BenchSummary(41.3, 120.0, 240.5, 301.0, 200, 4600, 9000, 12000));
        assertThat(back.ratio()).isCloseTo(0.383, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void noPressAnsweredGivesNaNPercentilesThatStillParse() {
        BenchSummary back = BenchSummary.parse(BenchSummary.of(List.of(), 10, 10, 0).line());

        assertThat(back.n()).isZero();
        assertThat(back.p50Ms()).isNaN();
        assertThat(back.ratio()).isNaN();
    }

    @Test
    void aLineWithoutOneOfTheFiguresIsRefused() {
        assertThatThrownBy(() -> BenchSummary.parse("bench: press_to_page_ms p50=1 p95=2 p99=3 max=4 n=5"
                + " durable_per_s=6 offered_per_s=7 ratio=0.1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("raw_per_s");
    }
}
