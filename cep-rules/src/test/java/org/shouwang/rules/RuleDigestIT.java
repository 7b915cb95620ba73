package org.shouwang.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.db.Database;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.db.RuleStore;
import org.shouwang.db.TelemetryStore;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.MeterDigest;
import org.shouwang.model.RuleHistory;
import org.shouwang.model.Telemetry;
import org.shouwang.model.WaterInterval;

/**
 * The digests PostgreSQL computes (RuleDigestReader's SQL) are those {@link MemoryRuleStore} computes in
 * Java, on which {@code RuleRecoveryTest} proves a restart changes no alert: so the proof holds on the database.
 */
class RuleDigestIT {

    private static final Instant NOW = Instant.parse("2025-03-10T05:00:00Z");

    private Database db;

    @BeforeEach
    void open() {
        db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void theDatabaseDigestsEveryMeterAsTheJavaReferenceDoes() {
        // GIVEN four days of varied readings from a few meters: dry and wet intervals, day boundaries,
        // readings without battery, late batches of old intervals, a reading before the period
        MemoryRuleStore reference = new MemoryRuleStore();
        List<Telemetry> stored = new ArrayList<>();
        Random random = new Random(9);
        for (int m = 0; m < 6; m++) {
            Instant t = NOW.minus(Duration.ofDays(4));
            int seq = 0;
            while (t.isBefore(NOW)) {
                Duration step = Duration.ofMinutes(m == 5 ? 240 : 15);
                List<WaterInterval> intervals = new ArrayList<>();
                for (Instant s = t.minus(step); s.isBefore(t); s = s.plus(Duration.ofMinutes(15))) {
                    double liters = random.nextInt(4) == 0 ? random.nextInt(40) : 0;
                    intervals.add(new WaterInterval(s, s.plus(Duration.ofMinutes(15)), liters));
                }
                Instant received = t.plusSeconds(random.nextInt(30));
                Integer battery = random.nextInt(5) == 0 ? null : 100 - seq / 20;
                stored.add(new Telemetry("dig-m" + m, "m" + (++seq), t, received, 1000.0, intervals, 0.0, battery, -70));
                t = t.plus(step);
            }
        }
        new TelemetryStore(db.dataSource()).writeBatch(stored, List.of());
        reference.telemetry.addAll(stored);
        RuleStore store = new RuleStore(db.dataSource());

        // WHEN both digest the last three days (whole days: the first from its midnight, 8 h before `from`)
        RuleHistory.Request request = new RuleHistory.Request(NOW.minus(Duration.ofDays(3)), NOW.plusMillis(1),
                NOW.minus(RuleRecovery.RECENT), NOW.minus(RuleRecovery.KEYS_MARGIN), AlertTexts.ZONE);
        RuleHistory fromSql = store.history(request);
        RuleHistory fromJava = reference.history(request);

        // THEN they agree meter by meter (litres to the millilitre), and so do the keys and the whole-period fetch
        assertThat(fromSql.meters()).hasSize(6);
        assertThat(fromSql.meters()).usingRecursiveFieldByFieldElementComparator(
                org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration.builder()
                        .withComparatorForType((a, b) -> Math.abs(a - b) < 1e-3 ? 0 : Double.compare(a, b), Double.class)
                        .build())
                .isEqualTo(fromJava.meters());
        assertThat(fromSql.recentKeys()).isNotEmpty().isEqualTo(fromJava.recentKeys());
        List<String> ids = fromSql.meters().stream().map(MeterDigest::deviceId).toList();
        assertThat(store.water(ids, request.from(), request.to()))
                .isEqualTo(reference.water(ids, request.from(), request.to()));
    }
}
