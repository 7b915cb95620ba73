package org.shouwang.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.shouwang.model.Alert;
import org.shouwang.sim.ScenarioRunner;
import org.shouwang.sim.Scenarios;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A month of fifty ordinary homes, fed straight into the rules with the clock moved message by message:
 * the rules must not page anyone for nothing. Meters report every quarter hour, every hour (four
 * intervals an upload) or every four hours (sixteen).
 */
class SimulatedMonthTest {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedMonthTest.class);
    private static final Instant FROM = Scenarios.local(LocalDate.of(2025, 1, 1), 0, 0);

    @Test
    void fiftyNormalHomesForThirtyDaysRaiseNoAlertAtAll() {
        Fleet fleet = new Fleet();
        for (int i = 1; i <= 50; i++) {
            if (i % 10 == 0) {
                fleet.add(i, Scenarios::batchedUploads).reportInterval(i, Duration.ofHours(4));
            } else if (i % 3 == 0) {
                fleet.add(i, (home, seed) -> Scenarios.normalHome(home, seed)
                        .reporting(Duration.ofHours(1), Duration.ofMinutes(15)));
            } else {
                fleet.add(i, Scenarios::normalHome);
            }
        }
        try (EngineHarness rules = new EngineHarness(RuleSettings.DEFAULTS, FROM)) {
            rules.engine.applyContext(fleet.context());
            long started = System.nanoTime();

            ScenarioRunner.Result result = new ScenarioRunner(fleet.scenarios)
                    .run(FROM, FROM.plus(Duration.ofDays(30)), new EngineSink(rules.engine));

            LOG.info("a simulated month [homes: 50, telemetry: {}, ms: {}]", result.telemetry(),
                    (System.nanoTime() - started) / 1_000_000);
            assertThat(result.telemetry()).isGreaterThan(50_000);
            assertThat(rules.alerts).extracting(Alert::alertId).isEmpty();
        }
    }
}
