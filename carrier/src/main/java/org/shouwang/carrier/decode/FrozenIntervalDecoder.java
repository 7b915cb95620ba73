package org.shouwang.carrier.decode;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import org.shouwang.model.CarrierDecoder;
import org.shouwang.model.Json;

/**
 * Decoder (c): Shouwang's frozen-interval layout, for meters that upload a day of interval increments at once
 * (docs/device-contract.md, "Frozen-interval layout"). Big-endian:
 * <pre>
 * offset  size  field
 * 0       1     magic F1H
 * 1       1     layout version 01H
 * 2       4     start of the first interval, Unix seconds (UTC)
 * 6       2     interval length in minutes, 1-1440
 * 8       2     count N of intervals, 1-500
 * 10      4     cumulative volume at the end of the last interval, 0.1 L; FFFFFFFFH = not given
 * 14      1     battery percent; FFH = not given
 * 15      1     signal, signed dBm; 7FH = not given
 * 16      2N    litres used in each interval, 0.1 L; FFFFH = point missing (skipped)
 * 16+2N   1     checksum: sum of bytes 0 .. 15+2N modulo 256
 * </pre>
 * The reading's time is the end of the last interval.
 */
final class FrozenIntervalDecoder implements Decoder {

    static final int MAGIC = 0xF1;
    static final int VERSION = 1;
    static final int HEADER = 16;
    static final int MAX_COUNT = 500;

    @Override
    public CarrierDecoder kind() {
        return CarrierDecoder.FROZEN_INTERVALS;
    }

    @Override
    public ObjectNode decode(CarrierMessage message, PropertyMap map) throws DecodeException {
        byte[] raw = AppData.of(message, map);
        if (raw.length < HEADER + 1) {
            throw frame(raw.length + " bytes, a frozen-interval frame has at least " + (HEADER + 1));
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        if ((b.get(0) & 0xFF) != MAGIC || (b.get(1) & 0xFF) != VERSION) {
            throw frame("not a frozen-interval frame (magic F1H, version 01H)");
        }
        long startSeconds = b.getInt(2) & 0xFFFFFFFFL;
        int minutes = b.getShort(6) & 0xFFFF;
        int count = b.getShort(8) & 0xFFFF;
        if (minutes < 1 || minutes > 1440 || count < 1 || count > MAX_COUNT) {
            throw frame("interval " + minutes + " min, count " + count + " (allowed 1-1440 min, 1-" + MAX_COUNT + ")");
        }
        if (raw.length != HEADER + 2 * count + 1) {
            throw frame("count " + count + " needs " + (HEADER + 2 * count + 1) + " bytes, frame has " + raw.length);
        }
        int sum = 0;
        for (int i = 0; i < raw.length - 1; i++) {
            sum += raw[i] & 0xFF;
        }
        if ((sum & 0xFF) != (raw[raw.length - 1] & 0xFF)) {
            throw new DecodeException(DecodeException.BAD_CHECKSUM, "frozen-interval checksum does not match");
        }
        Instant start = Instant.ofEpochSecond(startSeconds);
        Duration step = Duration.ofMinutes(minutes);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode intervals = out.putArray("intervals");
        for (int i = 0; i < count; i++) {
            int tenths = b.getShort(HEADER + 2 * i) & 0xFFFF;
            if (tenths != 0xFFFF) {
                Instant from = start.plus(step.multipliedBy(i));
                intervals.addObject().put("start", from.toString()).put("end", from.plus(step).toString())
                        .put("liters", tenths / 10.0);
            }
        }
        out.put("ts", start.plus(step.multipliedBy(count)).toString());
        long total = b.getInt(10) & 0xFFFFFFFFL;
        if (total != 0xFFFFFFFFL) {
            out.put("totalLiters", total / 10.0);
        }
        int battery = b.get(14) & 0xFF;
        if (battery != 0xFF) {
            out.put("battery", battery);
        }
        byte rssi = b.get(15);
        if (rssi != 0x7F) {
            out.put("rssi", (int) rssi);
        }
        return out;
    }

    private static DecodeException frame(String detail) {
        return new DecodeException(DecodeException.BAD_FRAME, detail);
    }
}
