package org.shouwang.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shouwang.carrier.decode.FrozenFrames;
import org.shouwang.carrier.onenet.OneNetSignature;
import org.shouwang.db.CarrierStore;
import org.shouwang.db.Database;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.db.RuleStore;
import org.shouwang.db.Stores;
import org.shouwang.model.Addresses;
import org.shouwang.model.Alert;
import org.shouwang.model.CarrierPlatform;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;
import org.shouwang.model.Json;
import org.shouwang.model.Rule;
import org.shouwang.rules.RuleContextSource;
import org.shouwang.rules.RuleSettings;
import org.shouwang.rules.RulesVerticle;
import org.shouwang.testkit.TestClock;
import org.shouwang.testkit.TestServices;

/**
 * A daily-uploading NB meter behind OneNET, through the real listener, decoder and rule engine on one clock driven by
 * hand: a day of frozen intervals showing no use raises NO_WATER_USE when it arrives, and with uploads stopping the
 * meter is DEVICE_SILENT two configured missed uploads after the last one, not three hourly reports after it.
 */
class CarrierRulesIT {

    private static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String IDENTITY = "2050009";

    private final TestClock clock = new TestClock(T0.minus(Duration.ofHours(1)));
    private final List<Alert> raised = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final OneNetSignature signature = new OneNetSignature(Fixtures.ONENET_TOKEN);
    private Database db;
    private Vertx vertx;
    private CarrierPushVerticle listener;

    @AfterEach
    void close() {
        if (vertx != null) {
            vertx.close().await();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void noUseInAnUploadedDayIsNoWaterUseAndStoppedUploadsAreSilentAfterTheMissedUploads() throws Exception {
        // GIVEN a meter bound to a OneNET identity that uploads daily and is silent after 2 missed uploads
        db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()));
        Stores stores = Stores.of(db.dataSource());
        long elder = stores.registry().createElder(new Elder(0, "钱阿婆", null, "金阊街道", "石路社区", "石路8号", null,
                true)).id();
        stores.registry().addDevice("nb-rules-1", DeviceKind.WATER_METER, elder);
        stores.carrier().bind(new CarrierStore.Binding(CarrierPlatform.ONENET, IDENTITY, "Pwm01", null, "nb-rules-1",
                "frozen-intervals", null, Duration.ofDays(1), 2));
        RuleStore rules = stores.rules();
        vertx = Vertx.vertx();
        vertx.eventBus().<String>consumer(Addresses.ALERT_RAISED, m -> raised.add(Json.read(m.body(), Alert.class)))
                .completion().await();
        RulesVerticle engine = new RulesVerticle(RuleSettings.DEFAULTS.withTick(Duration.ofMillis(10))
                .withRecoveryLookback(Duration.ofHours(2)), clock, RuleContextSource.of(rules::context, rules::history,
                rules::water, rules::record, rules::record, rules::resolution));
        vertx.deployVerticle(engine).await();
        // Compiling the EPL modules takes seconds (a minute on a loaded machine): readings wait for it.
        engine.recovered().await(3, TimeUnit.MINUTES);
        CarrierConfig config = CarrierConfig.of(0, Fixtures.ONENET_TOKEN, null);
        CarrierMetrics metrics = new CarrierMetrics(new SimpleMeterRegistry());
        listener = new CarrierPushVerticle(config, stores.carrier(), metrics);
        vertx.deployVerticle(new InboxDecoderVerticle(config, stores.carrier(), stores.telemetry(), stores.registry(),
                clock, metrics)).await();
        vertx.deployVerticle(listener).await();

        // WHEN the first upload shows water used until T0, and the next, a day later, a day without any
        int[] used = new int[96];
        used[95] = 200;
        clock.set(T0);
        assertThat(upload("u1", T0.minus(Duration.ofDays(1)), used)).isEqualTo(200);
        await().alias("first upload judged").atMost(WAIT).until(() -> stores.rules().context(clock.instant()).devices()
                .stream().anyMatch(d -> d.deviceId().equals("nb-rules-1") && d.lastSeenAt() != null));
        clock.set(T0.plus(Duration.ofDays(1)));
        assertThat(upload("u2", T0, new int[96])).isEqualTo(200);

        // THEN the dry day is NO_WATER_USE
        await().alias("NO_WATER_USE from the uploaded day").atMost(WAIT).until(() -> raised.stream()
                .anyMatch(a -> a.rule() == Rule.NO_WATER_USE));

        // AND with no more uploads it is silent two missed uploads after the last one, not three hours after
        clock.set(T0.plus(Duration.ofDays(3)).plus(Duration.ofMinutes(1)));
        await().alias("DEVICE_SILENT after two missed uploads").atMost(WAIT).until(() -> raised.stream()
                .anyMatch(a -> a.rule() == Rule.DEVICE_SILENT));
        assertThat(raised.stream().filter(a -> a.rule() == Rule.DEVICE_SILENT).findFirst().orElseThrow().at())
                .isEqualTo(T0.plus(Duration.ofDays(3)));
    }

    /** Pushes a day of 15-minute frozen intervals starting at {@code start} as OneNET would; returns the status. */
    private int upload(String id, Instant start, int[] tenths) throws Exception {
        String frame = FrozenFrames.base64(FrozenFrames.frame(start, 15, tenths, -1, 90, -80));
        long at = start.plus(Duration.ofDays(1)).toEpochMilli();
        String msg = "{\"productId\":\"Pwm01\",\"deviceName\":\"nb\",\"deviceId\":\"" + IDENTITY + "\","
                + "\"messageType\":\"notify\",\"notifyType\":\"property\",\"data\":{\"id\":\"1\",\"params\":{"
                + "\"APPdata\":{\"time\":" + at + ",\"value\":\"" + frame + "\"}}}}";
        ObjectNode push = Json.MAPPER.createObjectNode().put("msg", msg).put("nonce", "nonce123")
                .put("signature", signature.sign("nonce123", msg)).put("time", at).put("id", id);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listener.actualPort()
                + CarrierPushVerticle.ONENET_PATH)).POST(HttpRequest.BodyPublishers.ofString(push.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }
}
