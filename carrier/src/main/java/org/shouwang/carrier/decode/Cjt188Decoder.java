package org.shouwang.carrier.decode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.shouwang.model.CarrierDecoder;
import org.shouwang.model.Json;

/**
 * Decoder (b): a CJ/T 188 read-data response for data identifier 901FH (current cumulative flow and status), as
 * many NB-IoT household water meters carry it in APPdata:
 * <pre>
 * [FE..] 68 T A0..A6 81 L  DI DI SER  C0..C3 U  S0..S3 U  RT0..RT6  ST0 ST1  CS 16
 * </pre>
 * T is 10H-13H (water), A the 7-byte BCD address (low byte first), L the data length (at least 16H), DI 901FH (either
 * byte order), C the cumulative flow in 4-byte BCD, low byte first, in 0.01 of unit U (2CH m³, 29H litres), S the
 * settlement-day flow, RT the meter clock, ST the status (ST0 bits 0-1 valve: 00 open, 01 closed, 11 fault; bit 2
 * battery low) and CS the sum of every byte from 68H to ST1 modulo 256. Leading FEH wake-up bytes are skipped.
 * The reading's time is the platform's report time (meter clocks on these devices drift and are often unset). A low
 * battery bit reads as {@value #LOW_BATTERY_PERCENT} % (under the LOW_BATTERY threshold): the frame has no percentage.
 */
final class Cjt188Decoder implements Decoder {

    static final int LOW_BATTERY_PERCENT = 10;
    private static final int HEADER = 11;
    private static final int MIN_LENGTH = 0x16;

    @Override
    public CarrierDecoder kind() {
        return CarrierDecoder.CJT188;
    }

    @Override
    public ObjectNode decode(CarrierMessage message, PropertyMap map) throws DecodeException {
        byte[] raw = AppData.of(message, map);
        int start = 0;
        while (start < raw.length && (raw[start] & 0xFF) == 0xFE) {
            start++;
        }
        int n = raw.length - start;
        if (n < HEADER + 2 || u(raw, start) != 0x68) {
            throw frame("no 68H frame start");
        }
        int type = u(raw, start + 1);
        if (type < 0x10 || type > 0x13) {
            throw frame("meter type " + hex(type) + " is not a water meter (10H-13H)");
        }
        int control = u(raw, start + 9);
        if (control != 0x81) {
            throw frame("control code " + hex(control) + " is not a read response (81H)");
        }
        int length = u(raw, start + 10);
        if (n != HEADER + length + 2) {
            throw frame("length byte says " + length + " data bytes, frame has " + (n - HEADER - 2));
        }
        int sum = 0;
        for (int i = start; i < start + HEADER + length; i++) {
            sum += u(raw, i);
        }
        int checksum = u(raw, start + HEADER + length);
        if ((sum & 0xFF) != checksum) {
            throw new DecodeException(DecodeException.BAD_CHECKSUM, "checksum " + hex(checksum) + ", frame sums to "
                    + hex(sum & 0xFF));
        }
        if (u(raw, start + HEADER + length + 1) != 0x16) {
            throw frame("no 16H frame end");
        }
        int d = start + HEADER;
        boolean di901f = (u(raw, d) == 0x90 && u(raw, d + 1) == 0x1F) || (u(raw, d) == 0x1F && u(raw, d + 1) == 0x90);
        if (!di901f) {
            throw frame("data identifier " + hex(u(raw, d)) + hex(u(raw, d + 1)) + " is not 901FH");
        }
        if (length < MIN_LENGTH) {
            throw frame("901FH data needs " + MIN_LENGTH + " bytes, has " + length);
        }
        long hundredths = bcd(raw, d + 3, 4);
        int unit = u(raw, d + 7);
        double liters = switch (unit) {
            case 0x2C -> hundredths * 10.0;   // 0.01 m³ = 10 L
            case 0x29 -> hundredths / 100.0;  // 0.01 L
            default -> throw frame("flow unit " + hex(unit) + " is neither m³ (2CH) nor litres (29H)");
        };
        int status = u(raw, d + 20);
        ObjectNode out = Json.MAPPER.createObjectNode().put("totalLiters", liters);
        if ((status & 0x04) != 0) {
            out.put("battery", LOW_BATTERY_PERCENT);
        }
        return out;
    }

    /** Little-endian packed BCD. */
    private static long bcd(byte[] raw, int from, int bytes) throws DecodeException {
        long value = 0;
        for (int i = from + bytes - 1; i >= from; i--) {
            int b = u(raw, i);
            int hi = b >> 4;
            int lo = b & 0x0F;
            if (hi > 9 || lo > 9) {
                throw frame("cumulative flow is not BCD");
            }
            value = value * 100 + hi * 10 + lo;
        }
        return value;
    }

    private static int u(byte[] raw, int i) {
        return raw[i] & 0xFF;
    }

    private static String hex(int b) {
        return String.format("%02XH", b);
    }

    private static DecodeException frame(String detail) {
        return new DecodeException(DecodeException.BAD_FRAME, detail);
    }
}
