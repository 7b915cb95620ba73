package org.shouwang.carrier.decode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.shouwang.model.CarrierDecoder;

/**
 * Turns one product's data push into a reading in the device contract's v1 telemetry shape ({@code totalLiters},
 * {@code intervals}, {@code flowLpm}, {@code battery}, {@code rssi}, optionally {@code ts}); the caller adds
 * {@code v} and {@code msgId} and validates it with the same parser MQTT ingest uses, so a reading cannot tell
 * which path it came by. Chosen per product or device in the registry by {@link #kind()}.
 */
public interface Decoder {

    CarrierDecoder kind();

    ObjectNode decode(CarrierMessage message, PropertyMap map) throws DecodeException;
}
