package org.shouwang.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.Json;
import org.shouwang.model.Telemetry;
import org.shouwang.model.WaterInterval;

/** Builds v1 device payloads the way the installed meters and buttons format them. */
public final class DevicePayloads {

    /** Devices are set to China Standard Time, so their timestamps carry {@code +08:00}. */
    public static final ZoneId DEVICE_ZONE = ZoneId.of("Asia/Shanghai");

    private DevicePayloads() {
    }

    /** ISO-8601 with the device's offset, to the millisecond, e.g. {@code 2025-03-01T07:15:00.250+08:00}. */
    public static String timestamp(Instant t) {
        return OffsetDateTime.ofInstant(t.truncatedTo(ChronoUnit.MILLIS), DEVICE_ZONE)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    public static byte[] button(String msgId, Instant ts, DeviceEvent.Action action, Integer battery) {
        ObjectNode root = envelope(msgId, ts);
        root.put("kind", wire(DeviceEvent.Kind.BUTTON));
        root.put("action", wire(action));
        putIfSet(root, "battery", battery);
        return bytes(root);
    }

    public static byte[] alarm(String msgId, Instant ts, DeviceEvent.AlarmCode code, Integer battery) {
        ObjectNode root = envelope(msgId, ts);
        root.put("kind", wire(DeviceEvent.Kind.METER_ALARM));
        root.put("code", wire(code));
        putIfSet(root, "battery", battery);
        return bytes(root);
    }

    public static byte[] telemetry(String msgId, Instant ts, double totalLiters, List<WaterInterval> intervals,
                                   double flowLpm, Integer battery, Integer rssi) {
        ObjectNode root = envelope(msgId, ts);
        root.put("totalLiters", round(totalLiters));
        ArrayNode array = root.putArray("intervals");
        for (WaterInterval i : intervals) {
            array.addObject()
                    .put("start", timestamp(i.start()))
                    .put("end", timestamp(i.end()))
                    .put("liters", round(i.liters()));
        }
        root.put("flowLpm", round(flowLpm));
        putIfSet(root, "battery", battery);
        putIfSet(root, "rssi", rssi);
        return bytes(root);
    }

    /** The payload a meter sends for a reading a scenario made. */
    public static byte[] of(Telemetry t) {
        return telemetry(t.msgId(), t.ts(), t.totalLiters() == null ? 0 : t.totalLiters(), t.intervals(),
                t.flowLpm() == null ? 0 : t.flowLpm(), t.battery(), t.rssi());
    }

    /** The payload a button or meter sends for an event a scenario made. */
    public static byte[] of(DeviceEvent e) {
        return e.kind() == DeviceEvent.Kind.BUTTON
                ? button(e.msgId(), e.ts(), e.action(), e.battery())
                : alarm(e.msgId(), e.ts(), e.code(), e.battery());
    }

    /** The contract spells enum values in lower case: {@code long_press}, {@code meter_alarm}. */
    static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static ObjectNode envelope(String msgId, Instant ts) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("v", 1);
        root.put("msgId", msgId);
        root.put("ts", timestamp(ts));
        return root;
    }

    private static void putIfSet(ObjectNode root, String field, Integer value) {
        if (value != null) {
            root.put(field, value);
        }
    }

    /** Meters report to a tenth of a litre; rounding keeps the JSON free of float noise. */
    private static double round(double value) {
        return Math.round(value * 10.0) / 10.0;
    }

    private static byte[] bytes(ObjectNode root) {
        return Json.write(root).getBytes(StandardCharsets.UTF_8);
    }
}
