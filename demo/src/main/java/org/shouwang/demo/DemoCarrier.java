package org.shouwang.demo;

import java.time.Duration;
import java.util.List;
import org.shouwang.db.CarrierStore;
import org.shouwang.db.Stores;
import org.shouwang.model.CarrierDecoder;
import org.shouwang.model.CarrierPlatform;
import org.shouwang.model.DeviceKind;
import org.shouwang.sim.CarrierPush;

/**
 * The demo's carrier-platform meters, matching the recorded pushes in {@code shared/fixtures/carrier}: the three
 * products with daily uploads (silent after three missed), and the OneNET meter {@code 2050001} bound to an NB-IoT
 * meter in the second home. The CTWing meters stay unbound, so the first push of one lists it on 设备维护 for binding.
 */
final class DemoCarrier {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DemoCarrier.class);

    static final String ONENET_TOKEN = "shouwang-demo-onenet";
    static final String CTWING_SECRET = "shouwang-demo-ctwing";
    static final int PORT = 8082;
    static final String NB_METER = "nb-meter-0002";

    private DemoCarrier() {
    }

    /**
     * The demo's first uploads through the listener, as the platforms would push them (the {@link CarrierPush}
     * simulator): the bound OneNET meter's daily reading, and a CTWing meter nobody has bound yet, which then waits
     * on 设备维护 under 未登记设备. Returns how many pushes the listener took.
     */
    static int pushFirstUploads(int port, java.time.Clock clock) {
        CarrierPush push = new CarrierPush(java.net.URI.create("http://127.0.0.1:" + port));
        long now = clock.millis();
        int taken = 0;
        try {
            String reading = CarrierPush.oneNetProperties("Pwm01", "2050001", "862592051651472",
                    java.util.Map.of("totalFlow", 123.456, "battery", 87, "rssi", -85), now);
            taken += push.postOneNet(CarrierPush.oneNetEnvelope(ONENET_TOKEN, "demo-" + now, reading, now)) == 200 ? 1 : 0;
            taken += push.postCtwing(CTWING_SECRET, CarrierPush.ctwingDataReport("15000002", "15000002862592051651999",
                    "862592051651999", now, 1, java.util.Map.of("total_flow", 45.6, "battery_level", 90))) == 200 ? 1 : 0;
        } catch (java.io.IOException e) {
            LOG.warn("demo carrier pushes not sent [error: {}]", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return taken;
    }

    /** Registers the products and the bound meter, unless an earlier run of a kept database did. */
    static void seed(Stores stores, List<DemoData.Home> homes) {
        CarrierStore carrier = stores.carrier();
        Duration daily = Duration.ofDays(1);
        carrier.saveProduct(new CarrierStore.Product(CarrierPlatform.ONENET, "Pwm01", CarrierDecoder.PROPERTIES.wire(),
                null, daily, 3));
        carrier.saveProduct(new CarrierStore.Product(CarrierPlatform.CTWING, "15000001", CarrierDecoder.CJT188.wire(),
                null, daily, 3));
        carrier.saveProduct(new CarrierStore.Product(CarrierPlatform.CTWING, "15000002",
                CarrierDecoder.PROPERTIES.wire(), null, daily, 3));
        if (homes.size() < 2 || stores.registry().findDevice(NB_METER).isPresent()) {
            return;
        }
        stores.registry().addDevice(NB_METER, DeviceKind.WATER_METER, homes.get(1).elder().id());
        carrier.bind(new CarrierStore.Binding(CarrierPlatform.ONENET, "2050001", "Pwm01", "862592051651472", NB_METER,
                null, null, null, null));
    }
}
