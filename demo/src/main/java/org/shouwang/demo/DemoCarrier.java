package org.shouwang.demo;

import java.time.Duration;
import java.util.List;
import org.shouwang.db.CarrierStore;
import org.shouwang.db.Stores;
import org.shouwang.model.CarrierDecoder;
import org.shouwang.model.CarrierPlatform;
import org.shouwang.model.DeviceKind;

/**
 * The demo's carrier-platform meters, matching the recorded pushes in {@code shared/fixtures/carrier}: the three
 * products with daily uploads (silent after three missed), and the OneNET meter {@code 2050001} bound to an NB-IoT
 * meter in the second home. The CTWing meters stay unbound, so the first push of one lists it on 设备维护 for binding.
 */
final class DemoCarrier {

    static final String ONENET_TOKEN = "shouwang-demo-onenet";
    static final String CTWING_SECRET = "shouwang-demo-ctwing";
    static final int PORT = 8082;
    static final String NB_METER = "nb-meter-0002";

    private DemoCarrier() {
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
