package org.shouwang.demo;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.shouwang.carrier.CarrierConfig;
import org.shouwang.carrier.CarrierMetrics;
import org.shouwang.carrier.CarrierPushVerticle;
import org.shouwang.carrier.InboxDecoderVerticle;
import org.shouwang.db.Database;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.db.Jdbc;
import org.shouwang.db.Stores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code shouwang bench-carrier}: signed OneNET pushes at a fixed rate against the real carrier listener and
 * decoder on a PostgreSQL database, then the reply times (p50, p99, max) and whether every push answered 200 is a
 * durable inbox row, decoded into a reading. Registers its meters and bindings in the (empty) database it is given.
 */
@Command(name = "bench-carrier", mixinStandardHelpOptions = true,
        description = "Push signed OneNET messages at a fixed rate; print reply times and what became durable.")
final class BenchCarrierCommand implements Callable<Integer> {

    /** What one run measured. */
    record Result(long sent, long answered200, long failed, long inboxRows, long decoded, double p50Ms, double p99Ms,
                  double maxMs) {

        boolean everyPushDurable() {
            return inboxRows == answered200 && decoded == inboxRows;
        }
    }

    private static final String TOKEN = "shouwang-bench-onenet";
    static final int MAX_IN_FLIGHT = 256;
    private static volatile double elapsedSeconds;
    private static final String METERS = "INSERT INTO device (device_id, kind, elder_id)"
            + " SELECT 'bench-nb-' || i, 'WATER_METER', ? FROM generate_series(1, ?) i";
    private static final String BINDINGS = "INSERT INTO carrier_identity (platform, carrier_device_id, product_id,"
            + " device_id, decoder, upload_interval) SELECT 'ONENET', 'bench-' || i, 'Pbench', 'bench-nb-' || i,"
            + " 'properties', interval '1 day' FROM generate_series(1, ?) i";

    @Option(names = "--db-url", required = true, description = "an empty database (JDBC URL); migrated and seeded")
    String dbUrl;

    @Option(names = "--rate", defaultValue = "2000", description = "pushes per second (default ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--seconds", defaultValue = "60", description = "how long to push (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--meters", defaultValue = "1000", description = "meters pushed for (default ${DEFAULT-VALUE})")
    int meters;

    @Override
    public Integer call() throws Exception {
        Result r = run(dbUrl, rate, seconds, meters);
        System.out.printf("bench-carrier: %d pushes at %d/s for %d s (sent in %.1f s): %d answered 200, %d failed;"
                        + " reply p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d inbox rows durable, %d decoded: %s%n",
                r.sent(), rate, seconds, elapsedSeconds, r.answered200(), r.failed(), r.p50Ms(), r.p99Ms(), r.maxMs(), r.inboxRows(),
                r.decoded(), r.everyPushDurable() ? "every push durable" : "PUSHES MISSING");
        return r.everyPushDurable() ? 0 : 1;
    }

    static Result run(String dbUrl, int rate, int seconds, int meters) throws Exception {
        try (Database db = Database.open(new DatabaseConfig(dbUrl, null, null, 16))) {
            Stores stores = Stores.of(db.dataSource());
            Jdbc jdbc = new Jdbc(db.dataSource());
            if (jdbc.one("SELECT count(*) FROM carrier_inbox", rs -> rs.getLong(1)).orElse(0L) > 0) {
                throw new IllegalArgumentException("bench-carrier needs an empty database: it counts every inbox row");
            }
            long elder = stores.registry().createElder(new org.shouwang.model.Elder(0, "压测老人", null, "压测街道",
                    "压测社区", "压测地址", null, true)).id();
            jdbc.update(METERS, elder, meters);
            jdbc.update(BINDINGS, meters);
            Vertx vertx = Vertx.vertx();
            try {
                CarrierConfig config = CarrierConfig.of(0, TOKEN, null);
                CarrierMetrics metrics = new CarrierMetrics(new SimpleMeterRegistry());
                CarrierPushVerticle listener = new CarrierPushVerticle(config, stores.carrier(), metrics);
                vertx.deployVerticle(new InboxDecoderVerticle(config, stores.carrier(), stores.telemetry(),
                        stores.registry(), Clock.systemUTC(), metrics)).await();
                vertx.deployVerticle(listener).await();
                Result pushed = push(listener.actualPort(), rate, seconds, meters);
                long rows = jdbc.one("SELECT count(*) FROM carrier_inbox", rs -> rs.getLong(1)).orElse(0L);
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                long decoded = 0;
                while (System.nanoTime() < deadline) {
                    decoded = jdbc.one("SELECT count(*) FROM carrier_inbox WHERE state = 'DECODED'",
                            rs -> rs.getLong(1)).orElse(0L);
                    if (decoded >= rows) {
                        break;
                    }
                    Thread.sleep(200); // a command polling a database, not a test
                }
                return new Result(pushed.sent(), pushed.answered200(), pushed.failed(), rows, decoded, pushed.p50Ms(),
                        pushed.p99Ms(), pushed.maxMs());
            } finally {
                vertx.close().await();
            }
        }
    }

    /**
     * Sends {@code rate} pushes a second on a schedule, without waiting for each reply but with at most
     * {@value #MAX_IN_FLIGHT} unanswered (as a platform pushes over a bounded pool of connections): when the listener
     * falls behind, the schedule slips and the run takes longer, which the printed duration shows.
     */
    private static Result push(int port, int rate, int seconds, int meters) throws Exception {
        Semaphore window = new Semaphore(MAX_IN_FLIGHT);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://127.0.0.1:" + port + CarrierPushVerticle.ONENET_PATH);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ConcurrentLinkedQueue<CompletableFuture<?>> inFlight = new ConcurrentLinkedQueue<>();
        long total = (long) rate * seconds;
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String body = body(i, meters);
            window.acquire();
            long sent = System.nanoTime();
            inFlight.add(http.sendAsync(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                        latencies.add(System.nanoTime() - sent);
                        (e == null && r.statusCode() == 200 ? ok : failed).incrementAndGet();
                        window.release();
                    }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null)
                .get(2, TimeUnit.MINUTES);
        elapsedSeconds = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(total, ok.get(), failed.get(), 0, 0, percentile(sorted, 0.50), percentile(sorted, 0.99),
                percentile(sorted, 1.0));
    }

    private static String body(long i, int meters) {
        long now = System.currentTimeMillis();
        String msg = "{\"productId\":\"Pbench\",\"deviceName\":\"nb\",\"deviceId\":\"bench-" + (i % meters + 1)
                + "\",\"messageType\":\"notify\",\"notifyType\":\"property\",\"data\":{\"id\":\"" + i
                + "\",\"params\":{\"totalFlow\":{\"time\":" + now + ",\"value\":" + (100 + i / meters * 0.01) + "}}}}";
        // Signed as OneNET signs, by the carrier simulator: the listener's own check is what is measured.
        return org.shouwang.sim.CarrierPush.oneNetEnvelope(TOKEN, "bench-" + i, msg, now);
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int at = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, at)] / 1e6;
    }
}
