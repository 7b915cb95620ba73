package org.shouwang.notifier.channel.aliyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Alibaba Cloud options: defaults, endpoints as the SDK wants them, and refusals. */
class AliyunConfigTest {

    private static final AliyunConfig REAL = AliyunConfig.of("LTAI-key", "secret", "守望", "057112345678");

    @Test
    void defaultsAreTheRealEndpointsOverHttps() {
        assertThat(REAL.smsEndpoint()).isEqualTo("https://dysmsapi.aliyuncs.com");
        assertThat(REAL.voiceEndpoint()).isEqualTo("https://dyvmsapi.aliyuncs.com");
        assertThat(REAL.sdkConfig(REAL.smsEndpoint()).getEndpoint()).isEqualTo("dysmsapi.aliyuncs.com");
        assertThat(REAL.sdkConfig(REAL.smsEndpoint()).getProtocol()).isEqualTo("HTTPS");
        assertThat(REAL.playTimes()).isEqualTo(2);
        assertThat(REAL.keyTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aStandInIsReachedOverPlainHttpWithItsPort() {
        AliyunConfig local = REAL.withEndpoints("http://127.0.0.1:18080/");

        assertThat(local.sdkConfig(local.voiceEndpoint()).getEndpoint()).isEqualTo("127.0.0.1:18080");
        assertThat(local.sdkConfig(local.voiceEndpoint()).getProtocol()).isEqualTo("HTTP");
    }

    @Test
    void theSecretNeverShows() {
        assertThat(REAL.toString()).doesNotContain("secret=secret").contains("accessKeySecret=***");
    }

    @Test
    void wrongValuesAreRefused() {
        assertThatThrownBy(() -> AliyunConfig.of("", "s", "守望", null)).hasMessageContaining("access key id");
        assertThatThrownBy(() -> AliyunConfig.of("k", "s", "【守望】", null)).hasMessageContaining("sign name");
        assertThatThrownBy(() -> AliyunConfig.of("k", "s", "守望", "+86 571")).hasMessageContaining("caller number");
        assertThatThrownBy(() -> REAL.withEndpoints("ftp://dysmsapi.aliyuncs.com")).hasMessageContaining("endpoint");
        assertThatThrownBy(() -> REAL.withEndpoints("https://dysmsapi.aliyuncs.com/path")).hasMessageContaining("endpoint");
        assertThatThrownBy(() -> new AliyunConfig("k", "s", "守望", null, null, null, null, 4, null))
                .hasMessageContaining("play times");
    }
}
