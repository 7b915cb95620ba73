package org.shouwang.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shouwang.notifier.ChannelException.Kind;

class ChannelExceptionTest {

    @ParameterizedTest(name = "HTTP {0} is permanent")
    @ValueSource(ints = {400, 401, 403, 404, 409, 422})
    void clientErrorsArePermanent(int status) {
        assertThat(ChannelException.classify(status)).isEqualTo(Kind.PERMANENT);
    }

    @ParameterizedTest(name = "HTTP {0} is retriable")
    @ValueSource(ints = {500, 502, 503, 504})
    void serverErrorsAreRetriable(int status) {
        assertThat(ChannelException.classify(status)).isEqualTo(Kind.RETRIABLE);
    }

    @ParameterizedTest(name = "HTTP {0} passes")
    @ValueSource(ints = {408, 429})
    void timeoutAndThrottlingPass(int status) {
        assertThat(ChannelException.classify(status)).isEqualTo(Kind.RETRIABLE);
    }

    @Test
    void forStatusKeepsStatusAndProviderCode() {
        ChannelException e = ChannelException.forStatus(400, 21211);

        assertThat(e.isPermanent()).isTrue();
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.providerCode()).isEqualTo(21211);
    }
}
