package org.shouwang.notifier.channel.aliyun;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.tea.TeaException;
import com.aliyun.tea.TeaUnretryableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shouwang.notifier.ChannelException;
import org.shouwang.notifier.ChannelException.Kind;

/** Each of Alibaba Cloud's answers is classified as retriable, uncertain or permanent. */
class AliyunErrorsTest {

    @ParameterizedTest
    @ValueSource(strings = {"isv.BUSINESS_LIMIT_CONTROL", "Throttling.User", "Throttling.Api", "isp.SYSTEM_ERROR",
            "isp.GATEWAY_ERROR", "isv.OUT_OF_SERVICE", "isv.AMOUNT_NOT_ENOUGH", "ServiceUnavailable"})
    void throttlingAndTheProvidersOwnFailuresAreRetriable(String code) {
        assertThat(AliyunErrors.refused("sms", code).kind()).isEqualTo(Kind.RETRIABLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"isv.MOBILE_NUMBER_ILLEGAL", "isv.SMS_TEMPLATE_ILLEGAL", "isv.SMS_SIGNATURE_ILLEGAL",
            "isv.TEMPLATE_MISSING_PARAMETERS", "isv.INVALID_PARAMETERS", "isv.DAY_LIMIT_CONTROL",
            "isv.BLACK_KEY_CONTROL_LIMIT", "isv.PARAM_LENGTH_LIMIT", "InvalidAccessKeyId.NotFound"})
    void theRequestsOwnFaultsArePermanent(String code) {
        assertThat(AliyunErrors.refused("voice", code).kind()).isEqualTo(Kind.PERMANENT);
    }

    @Test
    void aNullCodeIsPermanentAndTheMessageNamesTheCodeOnly() {
        ChannelException e = AliyunErrors.refused("sms", "isv.MOBILE_NUMBER_ILLEGAL");

        assertThat(AliyunErrors.refused("sms", null).kind()).isEqualTo(Kind.PERMANENT);
        assertThat(e.getMessage()).isEqualTo("aliyun sms refused the page [code: isv.MOBILE_NUMBER_ILLEGAL]");
    }

    @Test
    void aServerErrorAnswerIsRetriableAClientErrorPermanentUnlessItsCodeSaysThrottled() {
        assertThat(AliyunErrors.classify("sms", tea(503, "ServiceUnavailable")).kind()).isEqualTo(Kind.RETRIABLE);
        assertThat(AliyunErrors.classify("sms", tea(500, "InternalError")).httpStatus()).isEqualTo(500);
        assertThat(AliyunErrors.classify("sms", tea(400, "MissingPhoneNumbers")).kind()).isEqualTo(Kind.PERMANENT);
        assertThat(AliyunErrors.classify("sms", tea(403, "Forbidden.RAM")).kind()).isEqualTo(Kind.PERMANENT);
        assertThat(AliyunErrors.classify("sms", tea(400, "Throttling.User")).kind()).isEqualTo(Kind.RETRIABLE);
        assertThat(AliyunErrors.classify("sms", tea(429, "SomethingNew")).kind()).isEqualTo(Kind.RETRIABLE);
    }

    @Test
    void noConnectionIsRetriableNoAnswerAfterSendingUncertain() {
        assertThat(AliyunErrors.classify("sms", new TeaUnretryableException(new ConnectException("refused"))).kind())
                .isEqualTo(Kind.RETRIABLE);
        assertThat(AliyunErrors.classify("sms", new TeaUnretryableException(new SocketTimeoutException("connect timed out")))
                .kind()).isEqualTo(Kind.RETRIABLE);
        assertThat(AliyunErrors.classify("sms", new TeaUnretryableException(new SocketTimeoutException("timeout"))).kind())
                .isEqualTo(Kind.UNCERTAIN);
        assertThat(AliyunErrors.classify("sms", new TeaUnretryableException(new IOException("reset"))).kind())
                .isEqualTo(Kind.UNCERTAIN);
        assertThat(AliyunErrors.classify("sms", new IllegalStateException("unreadable")).kind()).isEqualTo(Kind.RETRIABLE);
    }

    private static TeaException tea(int status, String code) {
        return new TeaException(Map.of("code", code, "message", "x", "statusCode", status,
                "data", Map.of("statusCode", status)));
    }
}
