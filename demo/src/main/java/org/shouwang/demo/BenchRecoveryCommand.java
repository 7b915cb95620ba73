package org.shouwang.demo;

import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

    @Option(names = "--db-url", required = true, description = "an empty database to seed (JDBC URL)")
    String dbUrl;

    @Option(names = "--meters", defaultValue = "100000", description = "meters (default ${DEFAULT-VALUE})")
    int meters;

    @Option(names = "--days", defaultValue = "3", description = "days of 15-minute readings (default ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--skip-seed", description = "the database was seeded by an earlier run: time recovery only")
    boolean skipSeed;

    @Override
    public Integer call() throws Exception {
        int quarters = days * 96;
        try (Database db = Database.open(new DatabaseConfig(dbUrl, null, null, 4))) {
            DataSource ds = db.dataSource();
            if (!skipSeed) {
                seed(ds, Instant.now().minus(Duration.ofDays(days)), quarters);
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
