package org.shouwang.demo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Who had the machine's CPU during the load window, measured, not guessed: this JVM (the platform and the
 * presses), the {@code sim load} process, the PostgreSQL backends serving the bench's database, and everything
 * else (the broker, other work on a shared machine) from {@code /proc/stat}. Linux only; elsewhere it says so.
 */
public final class CpuShares {

    /** Linux's USER_HZ, the unit of /proc's CPU times, on every platform it runs on here. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final DataSource ds;
    private final ProcessHandle sim;
    private Snapshot start;

    private record Snapshot(long nanos, Duration self, Duration sim, Map<Long, Double> backends, double busy,
                            double idle) {
    }

    public CpuShares(DataSource ds, ProcessHandle sim) {
        this.ds = ds;
        this.sim = sim;
    }

    public void start() {
        start = snapshot();
    }

    /** One line of core-seconds per party since {@link #start()}. */
    public String since() {
        Snapshot end = snapshot();
        if (start == null || end.busy + end.idle == 0) {
            return "CPU shares: not measured (needs Linux /proc)";
        }
        double self = seconds(end.self.minus(start.self));
        double load = seconds(end.sim.minus(start.sim));
        double pg = 0;
        for (Map.Entry<Long, Double> b : end.backends.entrySet()) {
            pg += b.getValue() - start.backends.getOrDefault(b.getKey(), 0.0);
        }
        double busy = end.busy - start.busy;
        double idle = end.idle - start.idle;
        return String.format(Locale.ROOT, "CPU in the window (%d cores x %.1f s = %.1f core-s): platform JVM %.1f,"
                        + " sim load %.1f, PostgreSQL (this database) %.1f, everything else (broker, other work) %.1f,"
                        + " idle %.1f", Runtime.getRuntime().availableProcessors(), (end.nanos - start.nanos) / 1e9,
                busy + idle, self, load, pg, Math.max(0, busy - self - load - pg), idle);
    }

    private Snapshot snapshot() {
        double[] machine = machine();
        return new Snapshot(System.nanoTime(), cpu(ProcessHandle.current()), cpu(sim), backends(), machine[0],
                machine[1]);
    }

    private static Duration cpu(ProcessHandle p) {
        return p.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** Busy and idle seconds of all cores, from the first line of /proc/stat. */
    private static double[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            double busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system irq softirq steal
                busy += Long.parseLong(f[i]);
            }
            double idle = Long.parseLong(f[4]) + Long.parseLong(f[5]); // idle iowait
            return new double[] {busy / TICKS_PER_SECOND, idle / TICKS_PER_SECOND};
        } catch (IOException | RuntimeException e) {
            return new double[] {0, 0};
        }
    }

    /** CPU seconds so far of each backend connected to the bench's database (its pid's utime + stime). */
    private Map<Long, Double> backends() {
        Map<Long, Double> out = new HashMap<>();
        List<Long> pids = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")) {
            while (rs.next()) {
                pids.add(rs.getLong(1));
            }
        } catch (SQLException e) {
            return out;
        }
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                // Fields after the command name in parentheses; utime and stime are the 14th and 15th in all.
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                out.put(pid, (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND);
            } catch (IOException | RuntimeException e) {
                // A backend on another machine or already gone: not counted.
            }
        }
        return out;
    }
}
