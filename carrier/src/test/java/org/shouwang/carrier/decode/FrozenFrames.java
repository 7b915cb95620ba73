package org.shouwang.carrier.decode;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;

/** Builds frozen-interval frames (decoder c) as a meter would, for tests. */
public final class FrozenFrames {

    private FrozenFrames() {
    }

    /** @param tenths litres per interval in 0.1 L; totalTenths -1 for "not given" */
    public static byte[] frame(Instant start, int minutes, int[] tenths, long totalTenths, int battery, int rssi) {
        ByteBuffer b = ByteBuffer.allocate(FrozenIntervalDecoder.HEADER + 2 * tenths.length + 1);
        b.put((byte) FrozenIntervalDecoder.MAGIC).put((byte) FrozenIntervalDecoder.VERSION)
                .putInt((int) start.getEpochSecond()).putShort((short) minutes).putShort((short) tenths.length)
                .putInt(totalTenths < 0 ? -1 : (int) totalTenths).put((byte) battery).put((byte) rssi);
        for (int t : tenths) {
            b.putShort((short) t);
        }
        byte[] raw = b.array();
        int sum = 0;
        for (int i = 0; i < raw.length - 1; i++) {
            sum += raw[i] & 0xFF;
        }
        raw[raw.length - 1] = (byte) sum;
        return raw;
    }

    public static String base64(byte[] raw) {
        return Base64.getEncoder().encodeToString(raw);
    }

    /** A CJ/T 188 901FH response for a water meter, cumulative in 0.01 m³, with its checksum. */
    public static byte[] cjt188(long hundredthsM3, int status0) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x68);
        out.write(0x10);
        for (int b : new int[] {0x78, 0x56, 0x34, 0x12, 0, 0, 0}) {
            out.write(b);
        }
        out.write(0x81);
        out.write(0x16);
        out.write(0x90);
        out.write(0x1F);
        out.write(0x01);
        long v = hundredthsM3;
        for (int i = 0; i < 4; i++) {
            int two = (int) (v % 100);
            out.write((two / 10) << 4 | two % 10);
            v /= 100;
        }
        out.write(0x2C);
        for (int i = 0; i < 4; i++) {
            out.write(0);
        }
        out.write(0x2C);
        for (int i = 0; i < 7; i++) {
            out.write(0);
        }
        out.write(status0);
        out.write(0);
        byte[] body = out.toByteArray();
        int sum = 0;
        for (byte x : body) {
            sum += x & 0xFF;
        }
        out.write(sum & 0xFF);
        out.write(0x16);
        return out.toByteArray();
    }
}
