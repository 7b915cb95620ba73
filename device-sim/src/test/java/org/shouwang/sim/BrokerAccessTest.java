package org.shouwang.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A site's broker URL and TLS settings are checked before any device connects. */
class BrokerAccessTest {

    @TempDir
    Path dir;

    @Test
    void tcpAndSslUrlsAreAcceptedWithTheirDefaultPorts() {
        assertThat(BrokerAccess.checkUrl("tcp://broker.example:1884")).isEqualTo("tcp://broker.example:1884");
        assertThat(BrokerAccess.checkUrl("tcp://10.0.0.5")).isEqualTo("tcp://10.0.0.5:1883");
        assertThat(BrokerAccess.checkUrl("SSL://broker.example")).isEqualTo("ssl://broker.example:8883");
    }

    @Test
    void otherSchemesPathsAndLoginsInTheUrlAreRefused() {
        assertThatThrownBy(() -> BrokerAccess.checkUrl("http://broker:1883")).hasMessageContaining("tcp:// or ssl://");
        assertThatThrownBy(() -> BrokerAccess.checkUrl("broker:1883")).hasMessageContaining("tcp:// or ssl://");
        assertThatThrownBy(() -> BrokerAccess.checkUrl("tcp://broker:1883/mqtt")).hasMessageContaining("host:port");
        assertThatThrownBy(() -> BrokerAccess.checkUrl("tcp://meter:secret@broker:1883"))
                .hasMessageContaining("--username").hasMessageNotContaining("secret");
    }

    @Test
    void tlsOptionsNeedAnSslUrl() {
        Path ca = Path.of("src/test/resources/test-ca.pem");
        assertThatThrownBy(() -> BrokerAccess.of("tcp://broker:1883", DeviceLogins.idOnly(), ca, true))
                .hasMessageContaining("ssl://");
        assertThatThrownBy(() -> BrokerAccess.of("tcp://broker:1883", DeviceLogins.idOnly(), null, false))
                .hasMessageContaining("ssl://");
    }

    @Test
    void aPemCaFileIsTrustedAndABadOneIsRefusedWithItsName() throws Exception {
        BrokerAccess access = BrokerAccess.of("ssl://broker:8883", DeviceLogins.idOnly(),
                Path.of("src/test/resources/test-ca.pem"), false);
        assertThat(access.describe()).contains("TLS (CA file)", "host name not verified");

        Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
        assertThatThrownBy(() -> BrokerAccess.of("ssl://broker:8883", DeviceLogins.idOnly(), notPem, true))
                .hasMessageContaining("ca.pem");
        Path none = dir.resolve("none.pem");
        assertThatThrownBy(() -> BrokerAccess.of("ssl://broker:8883", DeviceLogins.idOnly(), none, true))
                .hasMessageContaining("does not exist");
    }
}
