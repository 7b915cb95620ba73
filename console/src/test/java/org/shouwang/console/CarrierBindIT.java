package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.db.CarrierStore;
import org.shouwang.db.Jdbc;
import org.shouwang.model.Addresses;
import org.shouwang.model.CarrierPlatform;
import org.shouwang.model.DeviceKind;

/**
 * The device page's carrier part over real HTTP: identities heard from but bound to none are listed with how often
 * and when they were last heard, and binding one to a meter requeues its parked pushes and tells the decoder; the
 * device list shows a carrier meter's next upload.
 */
class CarrierBindIT {

    private static ConsoleHarness console;
    private static final List<String> NUDGES = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        console = new ConsoleHarness();
        console.vertx.eventBus().<String>consumer(Addresses.CARRIER_INBOX_PENDING, m -> NUDGES.add(m.body()))
                .completion().await();
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void anUnboundIdentityIsListedAndBindingItRequeuesItsPushesAndShowsTheNextUpload() {
        CarrierStore carrier = console.stores.carrier();
        String identity = "1500000286259205165" + console.next();
        park(carrier, identity, "k1");
        park(carrier, identity, "k2");
        long elderId = console.newElder();
        String meter = "nb-" + identity;
        console.registry.addDevice(meter, DeviceKind.WATER_METER, elderId);

        JsonArray unbound = console.street.get("/api/carrier/unbound").bodyAsJsonArray();
        JsonObject listed = unbound.stream().map(JsonObject.class::cast)
                .filter(u -> u.getString("carrierDeviceId").equals(identity)).findFirst().orElseThrow();
        assertThat(listed.getInteger("seenCount")).isEqualTo(2);
        assertThat(listed.getString("imei")).isEqualTo("862592051651999");
        assertThat(listed.getString("platformLabel")).isEqualTo("中国电信 CTWing");

        HttpResponse<Buffer> bound = console.street.post("/api/carrier/bind", new JsonObject().put("platform", "CTWING")
                .put("carrierDeviceId", identity).put("deviceId", meter).put("decoder", "properties")
                .put("uploadIntervalHours", 24));

        assertThat(bound.statusCode()).as(bound.bodyAsString()).isEqualTo(200);
        assertThat(bound.bodyAsJsonObject().getInteger("requeued")).isEqualTo(2);
        assertThat(carrier.count(CarrierPlatform.CTWING, "PENDING")).isEqualTo(2);
        assertThat(carrier.unbound(CarrierPlatform.CTWING, identity)).isEmpty();
        assertThat(NUDGES).anySatisfy(n -> assertThat(n).contains(meter));

        Instant seen = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        new Jdbc(console.db.dataSource()).update("UPDATE device SET last_seen_at = ? WHERE device_id = ?", seen, meter);
        JsonObject row = console.street.get("/api/devices?elderId=" + elderId).bodyAsJsonArray().stream()
                .map(JsonObject.class::cast).filter(d -> d.getString("deviceId").equals(meter)).findFirst().orElseThrow();
        assertThat(Instant.parse(row.getString("nextUploadDue"))).isEqualTo(seen.plus(24, ChronoUnit.HOURS));
        assertThat(row.getDouble("uploadIntervalHours")).isEqualTo(24.0);
    }

    @Test
    void bindingIsRefusedForAButtonOutsideTheScopeOrWithoutAnyDecoder() {
        CarrierStore carrier = console.stores.carrier();
        String identity = "1500000999999999999" + console.next();
        park(carrier, identity, "k");
        long elderId = console.newElder();
        String button = "btn-" + identity;
        String meter = "wm-" + identity;
        console.registry.addDevice(button, DeviceKind.CALL_BUTTON, elderId);
        console.registry.addDevice(meter, DeviceKind.WATER_METER, elderId);
        JsonObject form = new JsonObject().put("platform", "CTWING").put("carrierDeviceId", identity)
                .put("decoder", "cjt188");

        assertThat(console.street.post("/api/carrier/bind", form.copy().put("deviceId", button)).statusCode())
                .isEqualTo(400);
        assertThat(console.other.post("/api/carrier/bind", form.copy().put("deviceId", meter)).statusCode())
                .isEqualTo(403);
        assertThat(console.street.post("/api/carrier/bind", form.copy().put("deviceId", meter).put("decoder", "no-such"))
                .statusCode()).isEqualTo(400);
        JsonObject noDecoder = form.copy().put("deviceId", meter);
        noDecoder.remove("decoder");
        assertThat(console.street.post("/api/carrier/bind", noDecoder).statusCode()).as("product has no default")
                .isEqualTo(400);
        assertThat(carrier.unbound(CarrierPlatform.CTWING, identity)).isPresent();
    }

    /** What the decoder does with a push from an unbound identity. */
    private static void park(CarrierStore carrier, String identity, String key) {
        carrier.accept(CarrierPlatform.CTWING, identity + "/" + key, "{}");
        long id = carrier.pending(1000).stream().filter(r -> r.dedupKey().equals(identity + "/" + key)).findFirst()
                .orElseThrow().id();
        carrier.markUnbound(id, CarrierPlatform.CTWING, identity, "15000002", "862592051651999");
    }
}
