package org.shouwang.model;

/** A device message that breaks the v1 contract; the detail names the offending field. */
public class RejectedPayloadException extends Exception {

    private final RejectReason reason;

    public RejectedPayloadException(RejectReason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }

    public String detail() {
        String m = getMessage();
        return m.substring(m.indexOf(':') + 2);
    }
}
