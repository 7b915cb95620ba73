package org.shouwang.model;

/** Why ingest refused a message; each reason has its own counter and lands in quarantine. */
public enum RejectReason {
    UNKNOWN_TOPIC,
    UNKNOWN_DEVICE,
    OVERSIZE,
    MALFORMED_JSON,
    UNSUPPORTED_VERSION,
    MISSING_FIELD,
    WRONG_TYPE,
    INVALID_VALUE,
    FUTURE_TIMESTAMP
}
