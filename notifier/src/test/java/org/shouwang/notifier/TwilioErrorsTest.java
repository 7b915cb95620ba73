package org.shouwang.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.AuthenticationException;
import com.twilio.exception.InvalidRequestException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import org.junit.jupiter.api.Test;
import org.shouwang.notifier.ChannelException.Kind;

class TwilioErrorsTest {

    private static final String NUMBER_IN_MESSAGE = "The 'To' number +8613800000001 is not a valid phone number.";

    @Test
    void invalidNumberIsPermanentAndKeepsTwilioCode() {
        ChannelException e = TwilioErrors.classify(new ApiException(NUMBER_IN_MESSAGE, 21211, null, 400, null));

        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(e.providerCode()).isEqualTo(21211);
        assertThat(e.httpStatus()).isEqualTo(400);
    }

    @Test
    void serverErrorIsRetriable() {
        assertThat(TwilioErrors.classify(new ApiException("Internal", 20500, null, 503, null)).kind())
                .isEqualTo(Kind.RETRIABLE);
    }

    @Test
    void throttlingIsRetriable() {
        assertThat(TwilioErrors.classify(new ApiException("Too many", 20429, null, 429, null)).kind())
                .isEqualTo(Kind.RETRIABLE);
    }

    @Test
    void noConnectionIsRetriable() {
        assertThat(TwilioErrors.classify(new ApiConnectionException("ConnectException", new ConnectException()))
                .kind()).isEqualTo(Kind.RETRIABLE);
        assertThat(TwilioErrors.classify(new ApiConnectionException("timed out after PT10S",
                new HttpConnectTimeoutException("connect timed out"))).kind()).isEqualTo(Kind.RETRIABLE);
    }

    @Test
    void noAnswerAfterTheRequestLeftIsUncertain() {
        ChannelException e = TwilioErrors.classify(new ApiConnectionException("timed out after PT10S",
                new HttpTimeoutException("request timed out")));

        assertThat(e.kind()).isEqualTo(Kind.UNCERTAIN);
        assertThat(e.isUncertain()).isTrue();
        assertThat(e.httpStatus()).isNull();
        assertThat(TwilioErrors.classify(new ApiConnectionException("IOException", new SocketTimeoutException()))
                .kind()).isEqualTo(Kind.UNCERTAIN);
    }

    @Test
    void sdkTransportFailureWithoutStatusIsRetriable() {
        assertThat(TwilioErrors.classify(new ApiException("Connection reset", new java.io.IOException())).kind())
                .isEqualTo(Kind.RETRIABLE);
    }

    @Test
    void missingCredentialsAndBadRequestsArePermanent() {
        assertThat(TwilioErrors.classify(new AuthenticationException("no credentials")).kind())
                .isEqualTo(Kind.PERMANENT);
        assertThat(TwilioErrors.classify(new InvalidRequestException("bad", "To")).kind()).isEqualTo(Kind.PERMANENT);
    }

    @Test
    void unexpectedFailureIsRetriableSoNoPageIsLost() {
        assertThat(TwilioErrors.classify(new IllegalStateException("unparseable")).kind()).isEqualTo(Kind.RETRIABLE);
    }

    @Test
    void twilioMessageQuotingTheNumberIsNotCarriedOn() {
        ChannelException e = TwilioErrors.classify(new ApiException(NUMBER_IN_MESSAGE, 21211, null, 400, null));

        assertThat(e.getMessage()).doesNotContain("8613800000001");
        assertThat(e.getCause()).isNull();
    }
}
