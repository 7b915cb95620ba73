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
    FUTURE_TIMESTAMP,
    /** Older than the contract's window: a device clock that was reset, or a value no database can hold. */
    PAST_TIMESTAMP,
    /** The message does not fit the kind of device registered under its id (a meter "pressing" a button). */
    WRONG_DEVICE_KIND,
    /** Passed validation but the database refused it for good (a constraint or value the parser did not foresee). */
    STORE_REFUSED
}
