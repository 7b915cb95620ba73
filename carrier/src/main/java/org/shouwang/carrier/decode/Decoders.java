package org.shouwang.carrier.decode;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.shouwang.model.CarrierDecoder;

/** The decoders a product can be bound to, by their registry name. */
public final class Decoders {

    private final Map<CarrierDecoder, Decoder> byKind = new EnumMap<>(CarrierDecoder.class);

    public Decoders(List<Decoder> decoders) {
        decoders.forEach(d -> byKind.put(d.kind(), d));
    }

    /** Property JSON, CJ/T 188 901FH frames and the frozen-interval layout. */
    public static Decoders standard() {
        return new Decoders(List.of(new PropertyDecoder(), new Cjt188Decoder(), new FrozenIntervalDecoder()));
    }

    /** The decoder of a registry name; empty for a name no decoder has. */
    public Optional<Decoder> find(String wireName) {
        return CarrierDecoder.fromWire(wireName).map(byKind::get);
    }
}
