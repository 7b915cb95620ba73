package org.shouwang.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Device logins from the CSV {@code shouwang devices mosquitto-auth} hands over, a shared account, or the id alone. */
class DeviceLoginsTest {

    @TempDir
    Path dir;

    @Test
    void theExportsCsvGivesEachDeviceItsOwnPassword() throws Exception {
        // as MosquittoAuthExport writes it, plus a second export's file appended by the installer
        Path csv = Files.writeString(dir.resolve("passwords.csv"),
                "deviceId,password\nmeter-0001,aBcD3fGh\nbtn-0001,Zz9yXx8w\n\n"
                        + "deviceId,password\r\nmeter-0002,Qq7rRs6t\r\n");

        DeviceLogins logins = DeviceLogins.fromCsv(csv);

        assertThat(logins.of("meter-0001")).isEqualTo(new DeviceLogins.Login("meter-0001", "aBcD3fGh"));
        assertThat(logins.of("btn-0001").password()).isEqualTo("Zz9yXx8w");
        assertThat(logins.of("meter-0002").password()).isEqualTo("Qq7rRs6t");
        assertThat(logins.describe()).contains("3 in the credentials file").doesNotContain("aBcD3fGh");
        assertThat(logins.of("meter-0001").toString()).doesNotContain("aBcD3fGh");
    }

    @Test
    void aDeviceMissingFromTheFileIsNamedBeforeAnythingConnects() throws Exception {
        DeviceLogins logins = DeviceLogins.fromCsv(Files.writeString(dir.resolve("p.csv"), "meter-0001,pw1\n"));

        assertThatThrownBy(() -> logins.requireAll(List.of("meter-0001", "btn-0001")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("btn-0001")
                .hasMessageNotContaining("meter-0001");
    }

    @Test
    void aBadLineIsNamedByItsNumberWithoutShowingWhatIsOnIt() throws Exception {
        Path csv = Files.writeString(dir.resolve("p.csv"), "deviceId,password\nmeter-0001,pw1\nbad id with secret\n");

        assertThatThrownBy(() -> DeviceLogins.fromCsv(csv)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3").hasMessageNotContaining("secret");
    }

    @Test
    void aMissingOrEmptyFileIsRefusedWithItsName() throws Exception {
        assertThatThrownBy(() -> DeviceLogins.fromCsv(dir.resolve("nope.csv")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope.csv")
                .hasMessageContaining("does not exist");
        Path empty = Files.writeString(dir.resolve("empty.csv"), "deviceId,password\n");
        assertThatThrownBy(() -> DeviceLogins.fromCsv(empty)).hasMessageContaining("no device passwords");
    }

    @Test
    void aSharedAccountOrTheIdAlone() {
        assertThat(DeviceLogins.shared("installer", "pw").of("meter-0009"))
                .isEqualTo(new DeviceLogins.Login("installer", "pw"));
        assertThat(DeviceLogins.idOnly().of("meter-0009")).isEqualTo(new DeviceLogins.Login("meter-0009", null));
        assertThat(DeviceLogins.shared("installer", "pw").describe()).doesNotContain("installer");
        assertThatThrownBy(() -> DeviceLogins.shared(" ", "pw")).isInstanceOf(IllegalArgumentException.class);
    }
}
