package org.shouwang.carrier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.shouwang.carrier.ctwing.CtwingPush;
import org.shouwang.carrier.decode.Bodies;
import org.shouwang.carrier.decode.CarrierMessage;
import org.shouwang.carrier.decode.DecodeException;
import org.shouwang.carrier.decode.Decoder;
import org.shouwang.carrier.decode.Decoders;
import org.shouwang.carrier.decode.PropertyMap;
import org.shouwang.carrier.onenet.OneNetPush;
import org.shouwang.db.CarrierStore;
import org.shouwang.db.DataAccessException;
import org.shouwang.db.RegistryStore;
import org.shouwang.db.StoreFailures;
import org.shouwang.db.TelemetryBatch;
import org.shouwang.db.TelemetryStore;
import org.shouwang.db.TelemetryWriteResult;
import org.shouwang.ingest.AcceptedAnnouncer;
import org.shouwang.model.Device;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.PayloadLimits;
import org.shouwang.model.PayloadParser;
import org.shouwang.model.RejectedPayloadException;
import org.shouwang.model.SafeText;
import org.shouwang.model.Telemetry;
import org.shouwang.model.WaterInterval;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One decoding round over the inbox: takes the oldest pending pushes, reads each out of its platform's envelope,
 * finds its identity in the registry, decodes it with the product's decoder and validates the reading with the MQTT
 * contract's own parser; then writes them all through ingest's {@link TelemetryStore} in one transaction and
 * announces them through ingest's {@link AcceptedAnnouncer}. A push that cannot be decoded is marked rejected with
 * its reason (counted); one from an unbound identity is parked for the console; neither holds back the others.
 * Writes are idempotent (the message id comes from the dedup key), so a round cut short by a crash is simply run
 * again. Blocking: runs on the decoder's own thread.
 */
final class InboxDecoder {

    /** A push decoded to something to write (or to nothing, for an ignored message type). */
    private record Ready(long rowId, Telemetry telemetry, TelemetryBatch.StatusChange status) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(InboxDecoder.class);
    private static final int MAX_MSG_ID = 64;
    /** Use between two cumulative readings further apart than this is not spread over an interval. */
    static final Duration MAX_DERIVED_SPAN = Duration.ofHours(48);

    private final CarrierStore carrier;
    private final TelemetryStore telemetry;
    private final RegistryStore registry;
    private final Decoders decoders;
    private final OneNetPush onenet;
    private final CtwingPush ctwing = new CtwingPush();
    private final PayloadLimits limits;
    private final PayloadParser parser;
    private final Clock clock;
    private final CarrierMetrics metrics;
    private final AcceptedAnnouncer announcer;

    InboxDecoder(CarrierStore carrier, TelemetryStore telemetry, RegistryStore registry, Decoders decoders,
                 OneNetPush onenet, PayloadLimits limits, Clock clock, CarrierMetrics metrics,
                 AcceptedAnnouncer announcer) {
        this.carrier = carrier;
        this.telemetry = telemetry;
        this.registry = registry;
        this.decoders = decoders;
        this.onenet = onenet;
        this.limits = limits;
        this.parser = new PayloadParser(limits);
        this.clock = clock;
        this.metrics = metrics;
        this.announcer = announcer;
    }

    /** Decodes up to {@code limit} pending pushes; returns how many it took. Throws when the database fails. */
    int runOnce(int limit) {
        List<CarrierStore.InboxRow> rows = carrier.pending(limit);
        List<Ready> ready = new ArrayList<>();
        Map<String, Optional<Device>> devices = new HashMap<>();
        Map<String, TelemetryStore.Total> totals = new HashMap<>();
        for (CarrierStore.InboxRow row : rows) {
            try {
                ready.add(decode(row, devices, totals));
            } catch (DecodeException e) {
                reject(row.id(), e.reason(), e.detail());
            } catch (Unbound u) {
                metrics.countUnbound();
                carrier.markUnbound(row.id(), row.platform(), u.message.carrierDeviceId(), u.message.productId(),
                        u.message.imei());
                LOG.info("carrier push from an unbound identity parked [platform: {}, carrier device: {}]",
                        row.platform(), SafeText.printable(u.message.carrierDeviceId(), 64));
            } catch (DataAccessException e) {
                throw e; // the database is in trouble, not this row: the round is retried
            } catch (RuntimeException e) {
                // A decoder bug must cost one push, not the inbox.
                reject(row.id(), "DECODER_ERROR", e.getClass().getSimpleName());
                LOG.warn("carrier push could not be decoded [inbox row: {}, error: {}]", row.id(), e.toString());
            }
        }
        write(ready);
        return rows.size();
    }

    private Ready decode(CarrierStore.InboxRow row, Map<String, Optional<Device>> devices,
                         Map<String, TelemetryStore.Total> totals) throws DecodeException, Unbound {
        CarrierMessage m = switch (row.platform()) {
            case ONENET -> onenet.read(row.body(), row.dedupKey());
            case CTWING -> ctwing.read(row.body(), row.dedupKey());
        };
        if (SafeText.unstorable(m.carrierDeviceId()) || m.carrierDeviceId().length() > 128) {
            throw new DecodeException(DecodeException.MISSING_FIELD, "device id is not storable text");
        }
        if (m.type() == CarrierMessage.Type.IGNORED) {
            return new Ready(row.id(), null, null);
        }
        CarrierStore.Binding binding = carrier.binding(m.platform(), m.carrierDeviceId()).orElse(null);
        if (binding == null) {
            throw new Unbound(m);
        }
        Device device = devices.computeIfAbsent(binding.deviceId(), registry::findDevice).orElse(null);
        if (device == null || !device.active()) {
            throw new DecodeException(DecodeException.DEVICE_INACTIVE, "the bound device is not active");
        }
        if (device.kind() != DeviceKind.WATER_METER) {
            throw new DecodeException(DecodeException.DEVICE_INACTIVE, "the bound device is not a water meter");
        }
        if (m.type() != CarrierMessage.Type.DATA) {
            return new Ready(row.id(), null, new TelemetryBatch.StatusChange(device.deviceId(),
                    m.type() == CarrierMessage.Type.ONLINE));
        }
        Decoder decoder = decoders.find(binding.decoder()).orElseThrow(() -> new DecodeException(
                DecodeException.UNKNOWN_DECODER, "no decoder named " + binding.decoder()));
        PropertyMap map;
        try {
            map = PropertyMap.parse(binding.propertyMap());
        } catch (IllegalArgumentException e) {
            throw new DecodeException(DecodeException.UNKNOWN_DECODER, e.getMessage());
        }
        ObjectNode reading = decoder.decode(m, map);
        reading.put("v", 1).put("msgId", msgId(m));
        if (!reading.has("ts")) {
            reading.put("ts", m.ts().toString());
        }
        Telemetry t;
        try {
            t = parser.telemetry(device.deviceId(), reading.toString().getBytes(StandardCharsets.UTF_8), clock.instant());
        } catch (RejectedPayloadException e) {
            throw new DecodeException(e.reason().name(), e.detail());
        }
        return new Ready(row.id(), withUseSinceLastTotal(t, totals), null);
    }

    /**
     * A meter that reports only its cumulative volume (CJ/T 188) tells how much water ran between two uploads; as an
     * interval that use counts for NO_WATER_USE, which judges only time that intervals cover. Derived when the last
     * cumulative reading is at most {@link #MAX_DERIVED_SPAN} older and the volume did not go backwards (a replaced
     * or reset meter).
     */
    private Telemetry withUseSinceLastTotal(Telemetry t, Map<String, TelemetryStore.Total> totals) {
        if (t.totalLiters() == null) {
            return t;
        }
        TelemetryStore.Total last = totals.containsKey(t.deviceId()) ? totals.get(t.deviceId())
                : telemetry.lastTotalBefore(t.deviceId(), t.ts()).orElse(null);
        totals.put(t.deviceId(), new TelemetryStore.Total(t.ts(), t.totalLiters()));
        if (!t.intervals().isEmpty() || last == null || !last.ts().isBefore(t.ts())
                || Duration.between(last.ts(), t.ts()).compareTo(MAX_DERIVED_SPAN) > 0) {
            return t;
        }
        double used = t.totalLiters() - last.liters();
        if (used < 0 || used > limits.maxIntervalLiters()) {
            return t;
        }
        return new Telemetry(t.deviceId(), t.msgId(), t.ts(), t.receivedAt(), t.totalLiters(),
                List.of(new WaterInterval(last.ts(), t.ts(), used)), t.flowLpm(), t.battery(), t.rssi());
    }

    /** The platform and dedup key: the same push always makes the same message id, so a repeat writes nothing. */
    static String msgId(CarrierMessage m) {
        String prefix = m.platform().name().toLowerCase(Locale.ROOT) + ":";
        String id = prefix + m.dedupKey();
        return id.length() <= MAX_MSG_ID ? id : prefix + Bodies.digest(m.dedupKey()).substring(0, 50);
    }

    /** Writes the round in one transaction; when the database refuses its data, one push at a time. */
    private void write(List<Ready> ready) {
        if (ready.isEmpty()) {
            return;
        }
        try {
            commit(ready);
        } catch (RuntimeException e) {
            if (StoreFailures.classify(e) != StoreFailures.Kind.DATA_REFUSED) {
                throw e; // transient: nothing was marked, the round is retried
            }
            if (ready.size() == 1) {
                reject(ready.get(0).rowId(), "STORE_REFUSED", "sqlstate " + StoreFailures.sqlState(e));
                return;
            }
            ready.forEach(r -> write(List.of(r)));
        }
    }

    private void commit(List<Ready> ready) {
        List<Telemetry> readings = ready.stream().map(Ready::telemetry).filter(t -> t != null).toList();
        List<TelemetryBatch.StatusChange> statuses = ready.stream().map(Ready::status).filter(s -> s != null).toList();
        TelemetryWriteResult result = telemetry.write(new TelemetryBatch(readings, List.of(), List.of(), statuses));
        carrier.markDecoded(ready.stream().map(Ready::rowId).toList());
        metrics.countDecoded(ready.size());
        LOG.debug("carrier pushes decoded [rows: {}, new readings: {}, statuses: {}]", ready.size(),
                result.newTelemetry().size(), statuses.size());
        try {
            announcer.announce(result.newTelemetry(), List.of(), distinctLast(statuses));
        } catch (RuntimeException e) {
            LOG.warn("decoded carrier data not announced [error: {}]", e.toString());
        }
    }

    private static List<TelemetryBatch.StatusChange> distinctLast(List<TelemetryBatch.StatusChange> statuses) {
        Map<String, TelemetryBatch.StatusChange> last = new LinkedHashMap<>();
        statuses.forEach(s -> last.put(s.deviceId(), s));
        return List.copyOf(last.values());
    }

    private void reject(long rowId, String reason, String detail) {
        metrics.countRejected(reason);
        carrier.markRejected(rowId, reason, SafeText.printable(detail, 500));
        LOG.info("carrier push rejected [inbox row: {}, reason: {}]", rowId, reason);
    }

    /** The push's identity is bound to no device. */
    private static final class Unbound extends Exception {
        private final transient CarrierMessage message;

        Unbound(CarrierMessage message) {
            super(null, null, false, false);
            this.message = message;
        }
    }
}
