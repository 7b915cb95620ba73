package org.shouwang.demo;

import org.shouwang.app.Platform;
import org.shouwang.app.ConfigLoader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.shouwang.db.RegistryStore;
import org.shouwang.embedded.EmbeddedBroker;
import org.shouwang.embedded.EmbeddedDatabase;
import org.shouwang.standin.RecordingTwilioServer;
import org.shouwang.sim.CallButton;
import org.shouwang.sim.LoadGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code shouwang bench}: measures, on one machine, how many meter readings per second the platform
 * makes durable and how long a button press takes to become an incident. Runs the whole platform
 * (ingest, rules, notifier with the Twilio stand-in) on embedded services, or on a broker and database
 * given with {@code --mqtt-url}/{@code --db-url}, and prints its figures.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure ingest throughput and button-to-incident latency.")
final class BenchCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(BenchCommand.class);

    @Option(names = "--meters", defaultValue = "50", description = "meters publishing at once (default ${DEFAULT-VALUE})")
    int meters;

    @Option(names = "--duration", defaultValue = "PT20S", description = "load duration (default ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--rate", defaultValue = "0",
            description = "readings per meter per second, 0 = as fast as acknowledged (default ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--presses", defaultValue = "20", description = "button presses timed (default ${DEFAULT-VALUE})")
    int presses;

    @Option(names = "--mqtt-url", description = "use this broker instead of an embedded one")
    String mqttUrl;

    @Option(names = "--db-url", description = "use this (empty) database instead of an embedded one")
    String dbUrl;

    @Override
    public Integer call() throws Exception {
        EmbeddedDatabase pg = dbUrl == null ? EmbeddedDatabase.start(0, null) : null;
        EmbeddedBroker broker = mqttUrl == null ? EmbeddedBroker.start(0) : null;
        String brokerUrl = broker == null ? mqttUrl : broker.url();
        try (RecordingTwilioServer twilio = RecordingTwilioServer.start(0);
             Platform platform = Platform.start(ConfigLoader.load(null, environment(pg, brokerUrl, twilio)),
                     Clock.systemUTC())) {
            DataSource ds = platform.database().dataSource();
            List<DemoData.Home> homes = DemoData.seed(new RegistryStore(ds), Math.max(meters, presses), 7L);
            long rowsBefore = count(ds, "SELECT count(*) FROM telemetry", null);
            LoadGenerator load = new LoadGenerator(brokerUrl,
                    homes.subList(0, meters).stream().map(DemoData.Home::meterId).toList(), Clock.systemUTC());
            // Presses are timed while the meters are loading the platform: that is when a press must not wait.
            CompletableFuture<LoadGenerator.Result> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return load.run(duration, rate);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(3).toNanos());
            List<Long> latencies = pressLatencies(ds, brokerUrl, homes.subList(0, presses));
            LoadGenerator.Result offered = running.join();
            long drainStart = System.nanoTime();
            long durable = awaitRows(ds, rowsBefore + offered.published(), Duration.ofSeconds(120)) - rowsBefore;
            Duration total = offered.elapsed().plusNanos(System.nanoTime() - drainStart);
            print(offered, durable, total, latencies);
            return durable == offered.published() ? 0 : 1;
        } finally {
            if (broker != null) {
                broker.close();
            }
            if (pg != null) {
                pg.close();
            }
        }
    }

    private Map<String, String> environment(EmbeddedDatabase pg, String brokerUrl, RecordingTwilioServer twilio) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("SHOUWANG_DATABASE_URL", pg == null ? dbUrl : pg.jdbcUrl());
        env.put("SHOUWANG_MQTT_URL", brokerUrl);
        env.put("SHOUWANG_MQTT_CLIENT_ID", "shouwang-bench-ingest");
        env.put("SHOUWANG_MQTT_SHARED_GROUP", mqttUrl == null ? "" : "shouwang-bench");
        env.put("SHOUWANG_CONSOLE_PORT", "0");
        env.put("SHOUWANG_WEBHOOKS_PORT", "0");
        env.put("SHOUWANG_MANAGEMENT_PORT", "0");
        env.put("SHOUWANG_TWILIO_ACCOUNT_SID", DemoCommand.DEMO_ACCOUNT_SID);
        env.put("SHOUWANG_TWILIO_AUTH_TOKEN", "bench-token");
        env.put("SHOUWANG_TWILIO_FROM_NUMBER", "+12025550100");
        env.put("SHOUWANG_TWILIO_API_BASE_URL", twilio.baseUrl());
        return env;
    }

    /** Presses each button in turn, under load, and times publish → incident row committed (polled every 2 ms). */
    private static List<Long> pressLatencies(DataSource ds, String brokerUrl, List<DemoData.Home> homes)
            throws Exception {
        List<Long> micros = new ArrayList<>();
        for (DemoData.Home home : homes) {
            try (CallButton button = new CallButton(brokerUrl, home.buttonId(), Clock.systemUTC())) {
                button.connect();
                long t0 = System.nanoTime();
                button.press();
                // With the stage logs (event announced, alert raised, incident raised) this shows where a press waits.
                LOG.info("bench press sent [device: {}]", home.buttonId());
                long deadline = t0 + Duration.ofSeconds(30).toNanos();
                while (count(ds, "SELECT count(*) FROM incident WHERE elder_id = ?", home.elder().id()) == 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("no incident 30 s after a press");
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
                }
                micros.add((System.nanoTime() - t0) / 1_000);
            }
        }
        return micros;
    }

    private static long awaitRows(DataSource ds, long target, Duration timeout) throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long rows;
        while ((rows = count(ds, "SELECT count(*) FROM telemetry", null)) < target && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
        return rows;
    }

    private static long count(DataSource ds, String sql, Long arg) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setLong(1, arg);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void print(LoadGenerator.Result offered, long durable, Duration total, List<Long> latencies) {
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("%nshouwang bench (%d meters, %s, rate %s)%n", meters, duration,
                rate <= 0 ? "unbounded" : rate + "/s per meter");
        System.out.printf("  readings acknowledged by the broker : %d in %.1f s (%.0f/s), %d failed%n",
                offered.published(), offered.elapsed().toMillis() / 1000.0, offered.perSecond(), offered.failed());
        System.out.printf("  readings durable in PostgreSQL      : %d, %.0f/s including the drain%n", durable,
                durable * 1000.0 / Math.max(1, total.toMillis()));
        System.out.printf("  press -> incident, under load (n=%d): p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
                sorted.size(), pct(sorted, 50), pct(sorted, 95), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1000.0);
    }

    private static double pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, i)) / 1000.0;
    }
}
