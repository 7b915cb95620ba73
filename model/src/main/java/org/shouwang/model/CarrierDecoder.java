package org.shouwang.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a carrier product's pushes are decoded, chosen per product or device in the carrier registry; {@link #wire}
 * is the name stored there and typed into the console. Formats: docs/device-contract.md, carrier chapter.
 */
public enum CarrierDecoder {
    /** Reported properties (JSON), mapped by configurable names to litres, intervals, flow, battery, signal. */
    PROPERTIES("properties"),
    /** Base64 application data carrying a CJ/T 188 901FH read response. */
    CJT188("cjt188"),
    /** Base64 application data in Shouwang's frozen-interval layout (a day of increments in one upload). */
    FROZEN_INTERVALS("frozen-intervals");

    private final String wire;

    CarrierDecoder(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<CarrierDecoder> fromWire(String name) {
        return Arrays.stream(values()).filter(d -> d.wire.equals(name)).findFirst();
    }
}
