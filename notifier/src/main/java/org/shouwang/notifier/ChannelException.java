package org.shouwang.notifier;

/**
 * A page the provider did not take, classified so the caller knows what to do: {@link Kind#PERMANENT}
 * (the number is invalid or blocked, the request is wrong: move on to the next person),
 * {@link Kind#RETRIABLE} (server error, throttling, no connection: certainly not sent, try again later)
 * or {@link Kind#UNCERTAIN} (sent, but no answer in time: the provider may have taken it, so a retry may
 * page the person twice). Messages carry statuses and provider codes only, never the recipient.
 */
public final class ChannelException extends Exception {

    /** Whether trying the same page again can succeed. */
    public enum Kind { PERMANENT, RETRIABLE, UNCERTAIN }

    private final Kind kind;
    private final Integer httpStatus;
    private final Integer providerCode;

    public ChannelException(Kind kind, String message, Integer httpStatus, Integer providerCode, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.providerCode = providerCode;
    }

    /**
     * The classification of an HTTP answer: a 4xx is the request's fault and permanent, except 408
     * (request timeout) and 429 (too many requests), which pass; a 5xx is the server's and retriable.
     */
    public static Kind classify(int httpStatus) {
        if (httpStatus == 408 || httpStatus == 429) {
            return Kind.RETRIABLE;
        }
        return httpStatus >= 400 && httpStatus < 500 ? Kind.PERMANENT : Kind.RETRIABLE;
    }

    /** The exception for an HTTP error answer, classified by {@link #classify(int)}. */
    public static ChannelException forStatus(int httpStatus, Integer providerCode) {
        return new ChannelException(classify(httpStatus), "provider refused the page [status: " + httpStatus
                + ", code: " + providerCode + "]", httpStatus, providerCode, null);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isPermanent() {
        return kind == Kind.PERMANENT;
    }

    /** The request went out but no answer came: the page may have been sent. */
    public boolean isUncertain() {
        return kind == Kind.UNCERTAIN;
    }

    /** The provider's HTTP status, or {@code null} when no answer came (timeout, I/O). */
    public Integer httpStatus() {
        return httpStatus;
    }

    /** The provider's own error code (Twilio: 21211 invalid number, 21610 unsubscribed …), if any. */
    public Integer providerCode() {
        return providerCode;
    }
}
