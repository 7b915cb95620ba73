package org.shouwang.carrier.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.shouwang.model.Json;

/** Reading pieces of pushed JSON, each failure a {@link DecodeException} with a reason. */
public final class Bodies {

    private Bodies() {
    }

    public static JsonNode json(String text, String what) throws DecodeException {
        try {
            JsonNode n = Json.MAPPER.readTree(text);
            if (n == null || !n.isObject()) {
                throw new DecodeException(DecodeException.MALFORMED_JSON, what + " is not a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new DecodeException(DecodeException.MALFORMED_JSON, what + " is not JSON");
        }
    }

    public static String text(JsonNode node, String field) throws DecodeException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isContainerNode() || v.asText().isBlank()) {
            throw new DecodeException(DecodeException.MISSING_FIELD, field + " is missing");
        }
        return v.asText();
    }

    public static String optionalText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() || v.asText().isBlank() ? null : v.asText();
    }

    /** Epoch milliseconds; {@code fallback} when absent. */
    public static Instant millis(JsonNode node, String field, Instant fallback) throws DecodeException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.canConvertToLong()) {
            throw new DecodeException(DecodeException.MISSING_FIELD, field + " is not epoch milliseconds");
        }
        return Instant.ofEpochMilli(v.asLong());
    }

    /** A dedup key for a body that names none of its own: its SHA-256. */
    public static String digest(String body) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
