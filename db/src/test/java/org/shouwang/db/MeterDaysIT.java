package org.shouwang.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.Telemetry;
import org.shouwang.model.WaterInterval;

/**
 * The per-day rollup TelemetryStore keeps as it writes is the one rebuilt from the stored rows (V13), quarter-hour
 * slots included (V18).
 */
class MeterDaysIT {

    /** 15:30 UTC is 23:30 in Shanghai: intervals and arrivals straddle the rollup's midnight. */
    private static final Instant T0 = Instant.parse("2025-03-01T15:30:00Z");
    private static final String ROWS = "SELECT device_id || ' ' || day || ' ' || round(liters::numeric, 3) || ' '"
            + " || intervals || ' ' || concat_ws(' ', min_start, max_end, min_ts, max_ts, last_received, battery_ts,"
            + " battery_received, battery) || ' ' || covered_slots::text || ' ' || wet_slots::text"
            + " FROM rules_meter_day ORDER BY device_id, day";

    private Database db;
    private Jdbc jdbc;

    @BeforeEach
    void open() {
        db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()));
        jdbc = new Jdbc(db.dataSource());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void theRollupWrittenBatchByBatchEqualsTheOneRebuiltFromTheStoredRows() {
        // GIVEN two days of readings from three meters, written in small batches with duplicates, late and
        // out-of-order readings, readings without battery, and intervals ending exactly at midnight
        TelemetryStore store = new TelemetryStore(db.dataSource());
        Random random = new Random(13);
        List<Telemetry> all = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            for (int q = 0; q < 2 * 96; q++) {
                Instant ts = T0.plus(Duration.ofMinutes(15L * q));
                Instant received = random.nextInt(10) == 0 ? ts.plus(Duration.ofHours(2)) : ts.plusSeconds(5);
                WaterInterval interval = new WaterInterval(ts.minus(Duration.ofMinutes(15)), ts, random.nextInt(3) * 7.5);
                Integer battery = random.nextInt(4) == 0 ? null : 90 - q / 50;
                all.add(new Telemetry("md-" + m, "r" + q, ts, received, 100.0, List.of(interval), 0.0, battery, -70));
            }
        }
        // An hourly meter on the half hour: each interval's slots straddle two quarter hours and, at 23:30, two days.
        for (int h = 1; h <= 48; h++) {
            Instant ts = T0.plus(Duration.ofHours(h));
            all.add(new Telemetry("md-hourly", "h" + h, ts, ts.plusSeconds(5), 100.0,
                    List.of(new WaterInterval(ts.minus(Duration.ofHours(1)), ts, h % 3 == 0 ? 0.5 : 4.0)), 0.0, 80, -70));
        }
        // A five-minute meter: wet pro rata (0.4 L in 5 min is use, 0.3 L is not).
        for (int q = 1; q <= 24; q++) {
            Instant ts = T0.plus(Duration.ofMinutes(5L * q));
            all.add(new Telemetry("md-fine", "f" + q, ts, ts.plusSeconds(5), 100.0,
                    List.of(new WaterInterval(ts.minus(Duration.ofMinutes(5)), ts, q % 2 == 0 ? 0.4 : 0.3)), 0.0, 80, -70));
        }
        java.util.Collections.shuffle(all, random);
        for (int from = 0; from < all.size(); from += 37) {
            List<Telemetry> batch = new ArrayList<>(all.subList(from, Math.min(all.size(), from + 37)));
            batch.add(all.get(random.nextInt(all.size()))); // a redelivery: counted once
            store.writeBatch(batch, List.of());
        }
        List<String> written = jdbc.list(ROWS, rs -> rs.getString(1));

        // WHEN the rollup is rebuilt from telemetry and water_use
        MeterDays.rebuild(db.dataSource(), T0.minus(Duration.ofDays(1)));

        // THEN it is the same, row by row (and the data did span the three days)
        assertThat(written).hasSizeGreaterThanOrEqualTo(4 * 3);
        assertThat(written).anyMatch(row -> row.startsWith("md-hourly") && row.endsWith(" " + "0".repeat(94) + "11"
                + " " + "0".repeat(94) + "11"));
        assertThat(jdbc.list(ROWS, rs -> rs.getString(1))).isEqualTo(written);
    }
}
