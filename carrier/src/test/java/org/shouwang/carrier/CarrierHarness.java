package org.shouwang.carrier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.shouwang.db.CarrierStore;
import org.shouwang.db.Database;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.db.Jdbc;
import org.shouwang.db.Stores;
import org.shouwang.model.Addresses;
import org.shouwang.model.CarrierPlatform;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.DeviceStatus;
import org.shouwang.model.Elder;
import org.shouwang.model.Json;
import org.shouwang.model.Telemetry;
import org.shouwang.testkit.TestServices;

/**
 * A real carrier listener and decoder over a fresh PostgreSQL database, with an elder whose meter can be bound to a
 * carrier identity, recorders on the accepted-data addresses, and an HTTP client that pushes like the platforms.
 * The clock stands an hour after the fixtures' report time.
 */
final class CarrierHarness implements AutoCloseable {

    static final String CTWING_SECRET = "harness-ctwing-secret-0123";
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1796169600000L).plusSeconds(3600), ZoneOffset.UTC);

    final String dbUrl = TestServices.freshDatabase();
    final Database db = Database.open(DatabaseConfig.of(dbUrl));
    final Stores stores = Stores.of(db.dataSource());
    final CarrierStore carrier = stores.carrier();
    private final Jdbc jdbc = new Jdbc(db.dataSource());
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final CarrierMetrics metrics = new CarrierMetrics(meters);
    final HttpClient http = HttpClient.newHttpClient();
    final List<Telemetry> telemetryOnBus = new CopyOnWriteArrayList<>();
    final List<DeviceStatus> statusesOnBus = new CopyOnWriteArrayList<>();
    final long elderId;
    private final CarrierConfig config;
    private Vertx vertx;
    private CarrierPushVerticle listener;

    CarrierHarness() {
        this(CarrierConfig.of(0, Fixtures.ONENET_TOKEN, CTWING_SECRET));
    }

    CarrierHarness(CarrierConfig config) {
        this.config = config;
        elderId = stores.registry().createElder(new Elder(0, "测试老人", null, "平江街道", "大儒巷社区", "大儒巷1号",
                null, true)).id();
    }

    /** Starts the listener and, unless {@code decode} is false, the decoder. */
    CarrierHarness start(boolean decode) {
        vertx = Vertx.vertx();
        MessageConsumer<String> t = vertx.eventBus().consumer(Addresses.TELEMETRY_ACCEPTED,
                m -> telemetryOnBus.add(Json.read(m.body(), Telemetry.class)));
        MessageConsumer<String> s = vertx.eventBus().consumer(Addresses.STATUS_ACCEPTED,
                m -> statusesOnBus.add(Json.read(m.body(), DeviceStatus.class)));
        t.completion().await();
        s.completion().await();
        CarrierConfig onPort = listener == null ? config : new CarrierConfig(config.host(), listener.actualPort(),
                config.onenetToken(), config.onenetAesKey(), config.ctwingSecret(), config.ctwingAllowedSources(),
                config.maxBodyBytes(), config.decodeBatch(), config.pollEvery());
        listener = new CarrierPushVerticle(onPort, carrier, metrics);
        vertx.deployVerticle(listener).await();
        if (decode) {
            vertx.deployVerticle(new InboxDecoderVerticle(config, carrier, stores.telemetry(), stores.registry(), CLOCK,
                    metrics)).await();
        }
        return this;
    }

    /** Stops everything as a process would stop: the listener and the decoder go, the database stays. */
    void stop() {
        vertx.close().await();
        vertx = null;
    }

    /** Registers a water meter in the elder's home and binds the carrier identity to it. */
    String bindMeter(CarrierPlatform platform, String carrierDeviceId, String productId, String decoder) {
        String deviceId = "wm-" + carrierDeviceId;
        stores.registry().addDevice(deviceId, DeviceKind.WATER_METER, elderId);
        carrier.bind(new CarrierStore.Binding(platform, carrierDeviceId, productId, null, deviceId, decoder, null,
                null, null));
        return deviceId;
    }

    /** What the console does after a binding: tells the decoder that parked pushes wait. */
    void nudge() {
        vertx.eventBus().publish(Addresses.CARRIER_INBOX_PENDING, "{}");
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> ctwing(String body) throws Exception {
        return post(CarrierPushVerticle.CTWING_PATH + CTWING_SECRET, body);
    }

    HttpResponse<String> onenet(String body) throws Exception {
        return post(CarrierPushVerticle.ONENET_PATH, body);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + listener.actualPort() + path);
    }

    long count(String sql, Object... args) {
        return jdbc.one(sql, rs -> rs.getLong(1), args).orElseThrow();
    }

    /** The newest inbox row's state, with its reason when it has one. */
    String inboxState(CarrierPlatform platform) {
        return jdbc.one("SELECT state || coalesce(':' || reason, '') FROM carrier_inbox WHERE platform = ?"
                + " ORDER BY id DESC LIMIT 1", rs -> rs.getString(1), platform).orElse(null);
    }

    @Override
    public void close() {
        try {
            if (vertx != null) {
                vertx.close().await();
            }
        } finally {
            db.close();
        }
    }
}
