package org.shouwang.notifier;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.AuthenticationException;
import com.twilio.exception.CertificateValidationException;
import com.twilio.exception.InvalidRequestException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import org.shouwang.notifier.ChannelException.Kind;

/**
 * Turns the Twilio SDK's exceptions into {@link ChannelException}s. Twilio's own messages often quote
 * the phone number ("The 'To' number +86… is not valid"), so they are dropped, and so is the SDK
 * exception as a cause: only the HTTP status and Twilio's error code travel on.
 */
final class TwilioErrors {

    private TwilioErrors() {
    }

    static ChannelException classify(RuntimeException e) {
        if (e instanceof ApiConnectionException) {
            // Our transport's own message (timeout, connection refused): no personal data in it.
            return new ChannelException(connectionFailure(e.getCause()), "twilio unreachable [" + e.getMessage() + "]",
                    null, null, e);
        }
        if (e instanceof ApiException api) {
            if (api.getStatusCode() != null) {
                return ChannelException.forStatus(api.getStatusCode(), api.getCode());
            }
            // No status: the SDK's own transport failed before an answer came (I/O).
            return new ChannelException(Kind.RETRIABLE, "twilio request failed without an answer", null,
                    api.getCode(), null);
        }
        if (e instanceof AuthenticationException || e instanceof InvalidRequestException
                || e instanceof CertificateValidationException) {
            // Missing credentials, a malformed request, an untrusted certificate: retrying changes nothing.
            return new ChannelException(Kind.PERMANENT, "twilio request not possible [" + e.getClass().getSimpleName()
                    + "]", null, null, null);
        }
        // Anything else (an unreadable answer, a bug): a page must not be lost to it, so try again.
        // An unreadable answer came after the provider took the request, though: see the README.
        return new ChannelException(Kind.RETRIABLE, "twilio call failed [" + e.getClass().getSimpleName() + "]",
                null, null, null);
    }

    /**
     * No connection (refused, or no connect within the deadline): the request never left, retrying is safe.
     * Anything after the request went out (no answer in time, a reset, an interrupt): the provider may
     * have taken it, so the page is uncertain.
     */
    static Kind connectionFailure(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException
                || cause instanceof UnknownHostException) {
            return Kind.RETRIABLE;
        }
        return cause instanceof IOException || cause instanceof InterruptedException ? Kind.UNCERTAIN : Kind.RETRIABLE;
    }
}
