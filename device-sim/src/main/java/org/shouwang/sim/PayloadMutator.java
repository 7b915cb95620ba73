package org.shouwang.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.shouwang.model.Json;

/**
 * Turns valid device payloads into hostile ones, deterministically from a seed: control characters and NULs in
 * any text (field names too), numbers past every integer and floating-point limit, dates no database holds,
 * wrong types, deep nesting, and byte-level damage. For fuzzing an installation's ingest: every mutant must be
 * stored or refused with a reason, and never stop the messages behind it.
 */
public final class PayloadMutator {

    private static final String[] NASTY_TEXT = {
        "\u0000", "a\u0000b", "\u0001\u0002\u001f", "\u007f", "\ud800", "\udfff\ud800", "\u202eevil", "😀",
        "\\", "\"", "'; DROP TABLE telemetry; --", "x".repeat(70), "x".repeat(5_000), "", " ",
        "0000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
        "1970-01-01T00:00:00Z", "2026-02-30T00:00:00+08:00", "2026-11-29T09:00:00+18:00", "2026-11-29T09:00:00-25:00",
        "button", "press", "meter_alarm", "leak", "PRESS", "online",
    };
    private static final String[] NASTY_NUMBERS = {
        "9223372036854775808", "-9223372036854775809", "4294967383", "2147483648", "-2147483649", "1e400", "-1e400",
        "1e-400", "1.7976931348623157e308", "-0", "0", "-1", "101", "99999999999999999999999999999999999999",
        "0.000000000000000000001", "3.4e38",
    };

    private final Random random;

    public PayloadMutator(long seed) {
        this.random = new Random(seed);
    }

    /** Mutants stay below this, well within any broker's packet limit (Moquette's is set to 256 KB). */
    public static final int MAX_MUTANT_BYTES = 128 * 1024;

    /** One mutant of a valid payload: one to three structural changes, sometimes byte damage on top. */
    public byte[] mutate(byte[] valid) {
        byte[] out;
        do {
            out = mutateOnce(valid);
        } while (out.length > MAX_MUTANT_BYTES);
        return out;
    }

    private byte[] mutateOnce(byte[] valid) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(valid);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a valid payload to start from", e);
        }
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            root = structural(root);
        }
        byte[] out = write(root);
        return random.nextInt(4) == 0 ? damage(out) : out;
    }

    private JsonNode structural(JsonNode root) {
        if (!(root instanceof ObjectNode object) || object.isEmpty()) {
            return root;
        }
        List<String> fields = new ArrayList<>();
        object.fieldNames().forEachRemaining(fields::add);
        String field = fields.get(random.nextInt(fields.size()));
        switch (random.nextInt(8)) {
            case 0 -> object.set(field, nastyText());
            case 1 -> object.set(field, nastyNumber());
            case 2 -> object.set(field, wrongType());
            case 3 -> object.set(field, nest(object.get(field), 1 + random.nextInt(random.nextBoolean() ? 10 : 3_000)));
            case 4 -> object.remove(field);
            case 5 -> object.set(pick(NASTY_TEXT).isEmpty() ? "extra" : "extra" + pick(NASTY_TEXT), nastyText());
            case 6 -> mutateIntervals(object);
            default -> {
                return random.nextBoolean() ? wrongType() : nest(object, 1 + random.nextInt(5));
            }
        }
        return object;
    }

    private void mutateIntervals(ObjectNode object) {
        JsonNode intervals = object.get("intervals");
        if (!(intervals instanceof ArrayNode array) || array.isEmpty()) {
            object.set("intervals", random.nextBoolean() ? nastyText() : wrongType());
            return;
        }
        JsonNode item = array.get(random.nextInt(array.size()));
        if (item instanceof ObjectNode interval) {
            structural(interval);
        }
        if (random.nextInt(5) == 0 && array.size() < 10) {
            // Past the contract's 500 intervals, and past its byte limit, but well within any broker's.
            for (int i = 0; i < 600; i++) {
                array.add(array.get(0));
            }
        }
    }

    private JsonNode nastyText() {
        return JsonNodeFactory.instance.textNode(pick(NASTY_TEXT));
    }

    /** Written exactly as listed (BigDecimal keeps 1e400 and 2^63 as they are), so the receiver parses them. */
    private JsonNode nastyNumber() {
        String n = pick(NASTY_NUMBERS);
        return n.matches("-?\\d+") ? JsonNodeFactory.instance.numberNode(new java.math.BigInteger(n))
                : JsonNodeFactory.instance.numberNode(new java.math.BigDecimal(n));
    }

    private JsonNode wrongType() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (random.nextInt(6)) {
            case 0 -> f.arrayNode();
            case 1 -> f.objectNode();
            case 2 -> f.booleanNode(random.nextBoolean());
            case 3 -> f.nullNode();
            case 4 -> f.textNode(pick(NASTY_NUMBERS));
            default -> f.numberNode(random.nextDouble() * 1e6);
        };
    }

    private static JsonNode nest(JsonNode value, int depth) {
        JsonNode node = value == null ? JsonNodeFactory.instance.nullNode() : value;
        for (int i = 0; i < depth; i++) {
            node = JsonNodeFactory.instance.arrayNode().add(node);
        }
        return node;
    }

    /** Byte-level damage: a flipped, inserted or removed byte, or a cut-off message. */
    private byte[] damage(byte[] bytes) {
        if (bytes.length == 0) {
            return bytes;
        }
        int at = random.nextInt(bytes.length);
        return switch (random.nextInt(4)) {
            case 0 -> {
                byte[] copy = bytes.clone();
                copy[at] = (byte) random.nextInt(256);
                yield copy;
            }
            case 1 -> {
                byte[] copy = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, copy, 0, at);
                copy[at] = (byte) random.nextInt(256);
                System.arraycopy(bytes, at, copy, at + 1, bytes.length - at);
                yield copy;
            }
            case 2 -> {
                byte[] copy = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, copy, 0, at);
                System.arraycopy(bytes, at + 1, copy, at, bytes.length - at - 1);
                yield copy;
            }
            default -> Arrays.copyOf(bytes, at);
        };
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** Writes deep trees without Jackson's own depth limit getting in the way of making the mutant. */
    private static byte[] write(JsonNode root) {
        StringBuilder out = new StringBuilder();
        append(out, root);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void append(StringBuilder out, JsonNode node) {
        // Iterative over array nesting (the deep part); objects are shallow.
        int depth = 0;
        while (node.isArray() && node.size() == 1 && node.get(0).isArray()) {
            out.append('[');
            node = node.get(0);
            depth++;
        }
        if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                append(out, node.get(i));
            }
            out.append(']');
        } else if (node.isObject()) {
            out.append('{');
            Iterator<java.util.Map.Entry<String, JsonNode>> fields = node.fields();
            boolean first = true;
            while (fields.hasNext()) {
                var f = fields.next();
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(JsonNodeFactory.instance.textNode(f.getKey())).append(':');
                append(out, f.getValue());
            }
            out.append('}');
        } else {
            out.append(node);
        }
        out.append("]".repeat(depth));
    }
}
