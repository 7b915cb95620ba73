package org.shouwang.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.shouwang.db.Database;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.db.TelemetryStore;
import org.shouwang.model.Routine;
import org.shouwang.model.Telemetry;
import org.shouwang.model.WaterInterval;
import org.shouwang.sim.UsageProfile;

/**
 * Four weeks of water history for the demo's meters, written before the platform starts, so the rules start with
 * each home's learned routine (ROUTINE_BREAK, armed after 10 days) and an elder's page (老人档案) draws it at once.
 * Hourly readings of four quarter-hour intervals each, drawn from the simulator's own {@link UsageProfile} (the
 * live simulator then goes on with the same habits), ending at the last full hour before now.
 */
final class DemoWater {

    private static final int BATCH = 500;

    private DemoWater() {
    }

    /** Writes the history unless a kept demo database has it already; returns the readings written. */
    static int seed(String jdbcUrl, int homes, Clock clock, long seed) {
        try (Database db = Database.open(DatabaseConfig.of(jdbcUrl))) {
            TelemetryStore store = new TelemetryStore(db.dataSource());
            Instant end = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
            Instant start = end.minus(Duration.ofDays(Routine.LEARN_DAYS));
            if (hasHistory(db, DemoData.meterId(1))) {
                return 0;
            }
            Random random = new Random(seed);
            UsageProfile usage = UsageProfile.typical();
            List<Telemetry> batch = new ArrayList<>(BATCH);
            int written = 0;
            for (int home = 1; home <= homes; home++) {
                String meter = DemoData.meterId(home);
                double total = 1000.0 + home * 37.0;
                int seq = 0;
                for (Instant hour = start; hour.isBefore(end); hour = hour.plus(Duration.ofHours(1))) {
                    List<WaterInterval> intervals = new ArrayList<>(4);
                    for (int q = 0; q < 4; q++) {
                        Instant from = hour.plus(Duration.ofMinutes(15L * q));
                        Instant to = from.plus(Duration.ofMinutes(15));
                        double liters = Math.round(usage.liters(from, to, random) * 10) / 10.0;
                        intervals.add(new WaterInterval(from, to, liters));
                        total += liters;
                    }
                    Instant at = hour.plus(Duration.ofHours(1));
                    batch.add(new Telemetry(meter, "history-" + (++seq), at, at.plusSeconds(2), total, intervals, 0.0,
                            90, -75));
                    if (batch.size() == BATCH) {
                        written += flush(store, batch);
                    }
                }
            }
            return written + flush(store, batch);
        }
    }

    private static boolean hasHistory(Database db, String meter) {
        try (var c = db.dataSource().getConnection();
             var st = c.prepareStatement("SELECT 1 FROM rules_meter_day WHERE device_id = ? LIMIT 1")) {
            st.setString(1, meter);
            try (var rs = st.executeQuery()) {
                return rs.next();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read the demo database: " + e.getMessage(), e);
        }
    }

    private static int flush(TelemetryStore store, List<Telemetry> batch) {
        int n = batch.size();
        store.writeBatch(List.copyOf(batch), List.of());
        batch.clear();
        return n;
    }
}
