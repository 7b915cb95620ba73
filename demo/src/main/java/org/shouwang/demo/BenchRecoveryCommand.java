package org.shouwang.demo;

import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.shouwang.db.Database;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.db.MeterDays;
import org.shouwang.db.RuleStore;
import org.shouwang.rules.RuleContextSource;
import org.shouwang.rules.RuleSettings;
import org.shouwang.rules.RulesVerticle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code shouwang bench-recovery}: how long the rules take to rebuild their state after a start, with a
 * large history. Seeds an empty database in SQL ({@code generate_series}: one reading with one 15-minute
 * interval per meter and quarter hour, a quarter of them wet, in arrival order; then the per-day rollup
 * {@code rules_meter_day} from those rows, as TelemetryStore would have kept it), then starts the rules on
 * it and times the start to {@link RulesVerticle#recovered()}. Not part of the test suite: 100,000 meters
 * for 3 days is 28.8 M readings and as many intervals, and seeding takes many minutes.
 */
@Command(name = "bench-recovery", mixinStandardHelpOptions = true, description = "Measure rule recovery time over a large seeded history.")
final class BenchRecoveryCommand implements Callable<Integer> {

    private static final String ELDERS = "INSERT INTO elder (name, street, community, address)"
            + " SELECT '长者' || i, '街道' || (i % 20), '社区' || (i % 200), '门牌' || i FROM generate_series(1, ?) i";
    private static final String METERS = "INSERT INTO device (device_id, kind, elder_id, last_seen_at)"
            + " SELECT 'bm' || id, 'WATER_METER', id, ? FROM elder";
    private static final String READINGS = "INSERT INTO telemetry (device_id, msg_id, ts, received_at, total_liters,"
            + " flow_lpm, battery, rssi)"
            + " SELECT 'bm' || i, 'r' || q, ?::timestamptz + q * interval '15 minutes',"
            + " ?::timestamptz + q * interval '15 minutes' + interval '5 seconds', 1000 + q, 0, 90 - q / 96, -70"
            + " FROM generate_series(0, ? - 1) q CROSS JOIN generate_series(1, ?) i";
    private static final String INTERVALS = "INSERT INTO water_use (device_id, start_ts, end_ts, liters, msg_id)"
            + " SELECT 'bm' || i, ?::timestamptz + (q - 1) * interval '15 minutes', ?::timestamptz + q * interval '15 minutes',"
            + " CASE WHEN (i + q) % 4 = 0 THEN (i * 7 + q * 13) % 20 ELSE 0 END, 'r' || q"
            + " FROM generate_series(0, ? - 1) q CROSS JOIN generate_series(1, ?) i";

    /**
     * Whole days as TelemetryStore leaves them in {@code rules_meter_day}: every quarter hour covered by one 15-min
     * reading arriving 5 s after its end, wet in every fourth slot as the readings above ({@code (i + q) % 4 = 0}),
     * battery 90. Slot days are what a restart learns the routine from (V18), so the seed arms every meter's routine.
     */
    private static final String ROLLUP = "INSERT INTO rules_meter_day (device_id, day, liters, intervals, min_start,"
            + " max_end, min_ts, max_ts, last_received, battery_ts, battery_received, battery, covered_slots, wet_slots)"
            + " SELECT 'bm' || i, d::date, 150 + i % 100, 96, t, t + interval '1 day', t + interval '15 minutes',"
            + " t + interval '1 day', t + interval '1 day' - interval '10 minutes', t + interval '1 day',"
            + " t + interval '1 day' - interval '10 minutes', 90, repeat('1', 96)::bit(96),"
            + " repeat(overlay('0000' placing '1' from (4 - i % 4) % 4 + 1 for 1), 24)::bit(96)"
            + " FROM generate_series(1, ?) i,"
            + " generate_series(?::date, ?::date, interval '1 day') d,"
            + " LATERAL (SELECT (d::date::timestamp AT TIME ZONE 'Asia/Shanghai') AS t) s";

    @Option(names = "--db-url", required = true, description = "an empty database to seed (JDBC URL)")
    String dbUrl;

    @Option(names = "--meters", defaultValue = "100000", description = "meters (default ${DEFAULT-VALUE})")
    int meters;

    @Option(names = "--days", defaultValue = "3", description = "days of 15-minute readings (default ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--hours", defaultValue = "0",
            description = "seed only the last this many hours as readings (default: --days whole)")
    int hours;

    @Option(names = "--rollup-days", defaultValue = "0",
            description = "days before the readings written straight into rules_meter_day (V13 digest and V18 slots),"
                    + " as TelemetryStore would have kept them, instead of as readings (default ${DEFAULT-VALUE})")
    int rollupDays;

    @Option(names = "--skip-seed", description = "the database was seeded by an earlier run: time recovery only")
    boolean skipSeed;

    @Override
    public Integer call() throws Exception {
        int quarters = hours > 0 ? hours * 4 : days * 96;
        try (Database db = Database.open(new DatabaseConfig(dbUrl, null, null, 4))) {
            DataSource ds = db.dataSource();
            if (!skipSeed) {
                seed(ds, Instant.now().minus(Duration.ofMinutes(15L * quarters)), quarters);
            }
            long readings = count(ds, "SELECT count(*) FROM telemetry");
            Vertx vertx = Vertx.vertx();
            try {
                RuleStore store = new RuleStore(ds);
                RulesVerticle rules = new RulesVerticle(RuleSettings.DEFAULTS, Clock.systemUTC(),
                        RuleContextSource.of(store::context, store::history, store::water, store::record,
                                store::record, store::resolution));
                long started = System.nanoTime();
                vertx.deployVerticle(rules).await(60, TimeUnit.SECONDS);
                double listening = (System.nanoTime() - started) / 1e9;
                rules.recovered().await(30, TimeUnit.MINUTES);
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("bench: rule_recovery meters=%d readings=%d listening_after_s=%.2f seconds=%.1f%n",
                        count(ds, "SELECT count(*) FROM device"), readings, listening, seconds);
            } finally {
                vertx.close().await(60, TimeUnit.SECONDS);
            }
        }
        return 0;
    }

    private void seed(DataSource ds, Instant start, int quarters) throws Exception {
        long t = System.nanoTime();
        Timestamp first = Timestamp.from(start);
        Timestamp end = Timestamp.from(start.plus(Duration.ofMinutes(15L * quarters)));
        try (Connection c = ds.getConnection()) {
            update(c, ELDERS, meters);
            update(c, METERS, end);
            update(c, READINGS, first, first, quarters, meters);
            update(c, INTERVALS, first, first, quarters, meters);
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE telemetry");
                s.execute("VACUUM ANALYZE water_use");
                s.execute("ANALYZE device");
            }
        }
        // What TelemetryStore keeps per meter and day as it writes; the seed bypasses it.
        MeterDays.rebuild(ds, start);
        if (rollupDays > 0) {
            // Older days straight as rollup rows (seeding them as readings took 24 min per 3 days at 100 k meters).
            LocalDate firstReadingDay = LocalDate.ofInstant(start, ZoneId.of("Asia/Shanghai"));
            try (Connection c = ds.getConnection()) {
                update(c, ROLLUP, meters, firstReadingDay.minusDays(rollupDays), firstReadingDay.minusDays(1));
            }
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE rules_meter_day");
        }
        System.out.printf("bench: seeded meters=%d quarters=%d seconds=%.0f%n", meters, quarters,
                (System.nanoTime() - t) / 1e9);
    }

    private static void update(Connection c, String sql, Object... args) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    private static long count(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
