package org.shouwang.carrier.decode;

/**
 * A push that cannot be decoded: a permanent refusal with a reason (counted, stored on the inbox row) and a detail
 * that never quotes personal data (payloads carry meter data only).
 */
public final class DecodeException extends Exception {

    public static final String MALFORMED_JSON = "MALFORMED_JSON";
    public static final String MISSING_FIELD = "MISSING_FIELD";
    public static final String UNKNOWN_MESSAGE_TYPE = "UNKNOWN_MESSAGE_TYPE";
    public static final String BAD_BASE64 = "BAD_BASE64";
    public static final String BAD_CIPHERTEXT = "BAD_CIPHERTEXT";
    public static final String BAD_FRAME = "BAD_FRAME";
    public static final String BAD_CHECKSUM = "BAD_CHECKSUM";
    public static final String UNKNOWN_DECODER = "UNKNOWN_DECODER";
    public static final String DEVICE_INACTIVE = "DEVICE_INACTIVE";

    private final String reason;
    private final String detail;

    public DecodeException(String reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = reason;
        this.detail = detail;
    }

    public String reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }
}
