package org.shouwang.console;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import org.shouwang.db.CarrierStore;
import org.shouwang.db.DataAccessException;
import org.shouwang.db.RegistryStore;
import org.shouwang.model.Addresses;
import org.shouwang.model.CarrierDecoder;
import org.shouwang.model.CarrierPlatform;
import org.shouwang.model.Device;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carrier-platform meters on the device page (issue 14): the identities that pushed data but are bound to no device
 * ("未登记设备"), and binding one to a registered water meter in one step, after which its parked pushes are decoded.
 * An identity is a carrier device id and IMEI: device ids, no personal data. Audited.
 */
final class CarrierApi {

    private static final Logger LOG = LoggerFactory.getLogger(CarrierApi.class);
    private static final int MAX_LIST = 200;

    private final Vertx vertx;
    private final CarrierStore carrier;
    private final RegistryStore registry;
    private final Audit audit;

    CarrierApi(Vertx vertx, CarrierStore carrier, RegistryStore registry, Audit audit) {
        this.vertx = vertx;
        this.carrier = carrier;
        this.registry = registry;
        this.audit = audit;
    }

    void mount(Router router) {
        router.get("/api/carrier/unbound").handler(this::unbound);
        router.post("/api/carrier/bind").handler(this::bind);
    }

    private void unbound(RoutingContext ctx) {
        Replies.blocking(vertx, ctx, 200, () -> {
            JsonArray out = new JsonArray();
            carrier.unbound(MAX_LIST).forEach(u -> out.add(new JsonObject()
                    .put("platform", u.platform().name())
                    .put("platformLabel", label(u.platform()))
                    .put("carrierDeviceId", u.carrierDeviceId())
                    .put("productId", u.productId())
                    .put("imei", u.imei())
                    .put("seenCount", u.seenCount())
                    .put("firstSeen", u.firstSeen().toString())
                    .put("lastSeen", u.lastSeen().toString())));
            return out;
        });
    }

    /**
     * {@code {platform, carrierDeviceId, deviceId, decoder?, uploadIntervalHours?, missedUploads?}}: the decoder and
     * cadence may be left to the product's defaults when the product has them.
     */
    private void bind(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        JsonObject body = Forms.parse(ctx.body().buffer());
        CarrierPlatform platform = platform(body.getValue("platform"));
        String carrierDeviceId = Forms.required(body, "carrierDeviceId", "平台设备编号", 128);
        String deviceId = Forms.required(body, "deviceId", "设备编号", 64);
        String decoder = Forms.optional(body, "decoder", "解码方式", 32);
        if (decoder != null && CarrierDecoder.fromWire(decoder).isEmpty()) {
            throw ApiError.badField("decoder", "解码方式只能是 properties、cjt188 或 frozen-intervals");
        }
        Duration interval = hours(body.getValue("uploadIntervalHours"));
        Integer missed = missed(body.getValue("missedUploads"));
        Replies.blocking(vertx, ctx, 200, () -> {
            CarrierStore.Unbound u = carrier.unbound(platform, carrierDeviceId)
                    .orElseThrow(() -> ApiError.notFound("没有该未登记设备"));
            Device device = registry.findDevice(deviceId).orElseThrow(() -> ApiError.notFound("设备不存在"));
            if (device.kind() != DeviceKind.WATER_METER) {
                throw ApiError.badField("deviceId", "只能绑定到智能水表");
            }
            Elder elder = registry.findElder(device.elderId()).orElseThrow(() -> ApiError.notFound("老人不存在"));
            staff.requireScope(elder);
            boolean productDecodes = u.productId() != null && carrier.product(platform, u.productId()).isPresent();
            if (decoder == null && !productDecodes) {
                throw ApiError.badField("decoder", "该产品没有默认解码方式，请选择解码方式");
            }
            int requeued;
            try {
                requeued = carrier.bind(new CarrierStore.Binding(platform, carrierDeviceId, u.productId(), u.imei(),
                        deviceId, decoder, null, interval, missed));
            } catch (DataAccessException e) {
                if (e.isUniqueViolation()) {
                    throw ApiError.conflict("该平台设备或该水表已绑定");
                }
                throw e;
            }
            audit.record(staff, Audit.BIND_CARRIER, "device", deviceId, elder.id(), platform + " " + carrierDeviceId);
            LOG.info("carrier identity bound [platform: {}, device: {}, parked pushes: {}]", platform, deviceId,
                    requeued);
            vertx.eventBus().publish(Addresses.CARRIER_INBOX_PENDING, "{\"bound\":\"" + deviceId + "\"}");
            return new JsonObject().put("deviceId", deviceId).put("requeued", requeued);
        });
    }

    static String label(CarrierPlatform p) {
        return p == CarrierPlatform.ONENET ? "中国移动 OneNET" : "中国电信 CTWing";
    }

    private static CarrierPlatform platform(Object raw) {
        if (raw instanceof String s) {
            for (CarrierPlatform p : CarrierPlatform.values()) {
                if (p.name().equals(s)) {
                    return p;
                }
            }
        }
        throw ApiError.badField("platform", "平台（platform）只能是 ONENET 或 CTWING");
    }

    private static Duration hours(Object raw) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof Number n) || n.doubleValue() <= 0 || n.doubleValue() > 24 * 31) {
            throw ApiError.badField("uploadIntervalHours", "上传间隔（小时）必须在 0 到 744 之间");
        }
        return Duration.ofSeconds(Math.round(n.doubleValue() * 3600));
    }

    private static Integer missed(Object raw) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof Integer n) || n < 1 || n > 30) {
            throw ApiError.badField("missedUploads", "漏报次数必须是 1 到 30 的整数");
        }
        return n;
    }
}
