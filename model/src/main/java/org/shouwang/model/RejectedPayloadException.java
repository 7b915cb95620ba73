package org.shouwang.model;

/**
 * A device message that breaks the v1 contract; the detail names the offending field. The detail may quote
 * what the device sent, so it is made printable and short here: it goes to logs and to the quarantine table.
 */
public class RejectedPayloadException extends Exception {

    /** Longest detail kept; the payload itself is in quarantine for whoever needs more. */
    public static final int MAX_DETAIL = 300;

    private final RejectReason reason;
    private final String detail;

    public RejectedPayloadException(RejectReason reason, String detail) {
        super(reason + ": " + SafeText.printable(detail, MAX_DETAIL));
        this.reason = reason;
        this.detail = SafeText.printable(detail == null ? "" : detail, MAX_DETAIL);
    }

    public RejectReason reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }
}
