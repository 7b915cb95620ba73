package org.shouwang.notifier.channel.aliyun;

import com.aliyun.tea.TeaException;
import com.aliyun.tea.TeaUnretryableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;
import org.shouwang.notifier.ChannelException;
import org.shouwang.notifier.ChannelException.Kind;

/**
 * Turns Alibaba Cloud's answers into {@link ChannelException}s. Alibaba answers business errors with HTTP 200
 * and a {@code Code} other than {@code OK}; the SDK throws for 4xx/5xx answers ({@link TeaException}) and for
 * no answer at all ({@link TeaUnretryableException}). Only the status and Alibaba's code travel on: its
 * messages may quote the number.
 */
final class AliyunErrors {

    /**
     * Codes after which the same page may go through later: throttling (per number per minute/hour, or the
     * API's own flow control), the provider's own failures. Everything else under {@code isv.} (an invalid
     * number, a template or signature not approved, a missing variable, the day's cap for the number) is the
     * request's fault or will not change today: the escalation moves on.
     */
    static final Set<String> RETRIABLE_CODES = Set.of("isv.BUSINESS_LIMIT_CONTROL", "Throttling.User",
            "Throttling", "Throttling.Api", "isp.SYSTEM_ERROR", "isp.GATEWAY_ERROR",
            "isv.OUT_OF_SERVICE", "isv.AMOUNT_NOT_ENOUGH", "ServiceUnavailable", "InternalError", "SignatureNonceUsed");

    private AliyunErrors() {
    }

    /** The exception for an answer whose {@code Code} is not {@code OK}. */
    static ChannelException refused(String service, String code) {
        Kind kind = code != null && (RETRIABLE_CODES.contains(code) || code.startsWith("isp.")
                || code.startsWith("Throttling")) ? Kind.RETRIABLE : Kind.PERMANENT;
        return new ChannelException(kind, "aliyun " + service + " refused the page [code: " + code + "]", null, null, null);
    }

    /** The exception for what the SDK threw. */
    static ChannelException classify(String service, Exception e) {
        if (e instanceof TeaException tea) {
            Integer status = status(tea);
            if (status != null && status >= 500) {
                return new ChannelException(Kind.RETRIABLE, "aliyun " + service + " failed [status: " + status
                        + ", code: " + tea.getCode() + "]", status, null, null);
            }
            ChannelException byCode = refused(service, tea.getCode());
            Kind kind = status == null || byCode.kind() == Kind.RETRIABLE ? byCode.kind() : ChannelException.classify(status);
            return new ChannelException(kind, "aliyun " + service + " refused the page [status: " + status + ", code: "
                    + tea.getCode() + "]", status, null, null);
        }
        if (e instanceof TeaUnretryableException || e.getCause() instanceof IOException) {
            return new ChannelException(connectionFailure(rootCause(e)), "aliyun " + service + " unreachable ["
                    + rootCause(e).getClass().getSimpleName() + "]", null, null, null);
        }
        // Anything else (an answer the SDK cannot read, a bug): a page must not be lost to it, so try again.
        return new ChannelException(Kind.RETRIABLE, "aliyun " + service + " call failed [" + e.getClass().getSimpleName()
                + "]", null, null, null);
    }

    /**
     * No connection: the request never left, retrying is safe. No answer after it went out (a read timeout, a
     * reset): Alibaba may have taken it, so the page is uncertain.
     */
    static Kind connectionFailure(Throwable cause) {
        if (cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException) {
            return Kind.RETRIABLE;
        }
        if (cause instanceof SocketTimeoutException timeout && String.valueOf(timeout.getMessage()).contains("connect")) {
            return Kind.RETRIABLE;
        }
        return cause instanceof IOException ? Kind.UNCERTAIN : Kind.RETRIABLE;
    }

    private static Integer status(TeaException tea) {
        if (tea.getStatusCode() != null) {
            return tea.getStatusCode();
        }
        Object s = tea.getData() == null ? null : tea.getData().get("statusCode");
        return s instanceof Number n ? n.intValue() : null;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
