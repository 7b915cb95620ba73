package org.shouwang.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.db.BrokerCredentialStore;
import org.shouwang.db.Database;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.db.RegistryStore;
import org.shouwang.testkit.PrivateMosquitto;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;

/**
 * The broker's password file and ACL exported from the registry, on a private Mosquitto that uses them: a device
 * connects with the password handed over once, writes only below its own id, and once deactivated and exported
 * again cannot connect after the broker reloads (issue 9.12).
 */
class MosquittoAuthExportIT {

    private static final String INGEST = "shouwang-ingest";
    private static final String INGEST_PASSWORD = "ingest-secret-1";
    private Database db;
    private PrivateMosquitto broker;
    private Path auth;
    private MosquittoAuthExport export;

    @BeforeEach
    void start() throws Exception {
        db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()));
        RegistryStore registry = new RegistryStore(db.dataSource());
        long elder = registry.createElder(new Elder(0, "吴老伯", null, "平江街道", "大儒巷社区", "大儒巷3号", null, true)).id();
        registry.addDevice("btn-a", DeviceKind.CALL_BUTTON, elder);
        registry.addDevice("meter-b", DeviceKind.WATER_METER, elder);
        registry.addDevice("AA:BB:CC", DeviceKind.WATER_METER, elder);
        auth = Files.createTempDirectory("shouwang-auth-");
        Files.setPosixFilePermissions(auth, PosixFilePermissions.fromString("rwxr-xr-x"));
        export = new MosquittoAuthExport(new BrokerCredentialStore(db.dataSource()), Clock.systemUTC());
        assertThat(export.export(auth, INGEST, INGEST_PASSWORD).unusable())
                .as("an id with a colon cannot be a Mosquitto username: reported, not written").containsExactly("AA:BB:CC");
        broker = PrivateMosquitto.recommended("allow_anonymous false",
                "password_file " + auth.resolve(MosquittoAuthExport.PASSWORD_FILE),
                "acl_file " + auth.resolve(MosquittoAuthExport.ACL_FILE));
        broker.start();
    }

    @AfterEach
    void stop() throws Exception {
        broker.close();
        db.close();
    }

    @Test
    void aDeviceWritesOnlyBelowItsOwnIdAndADeactivatedOneIsLockedOutAfterAReExport() throws Exception {
        Map<String, String> passwords = passwords();
        assertThat(passwords).containsOnlyKeys("btn-a", "meter-b");
        assertThat(Files.readString(auth.resolve(MosquittoAuthExport.PASSWORD_FILE))).doesNotContain(passwords.get("btn-a"));
        List<String> seen = new CopyOnWriteArrayList<>();
        MqttClient ingest = connect(INGEST, INGEST_PASSWORD);
        ingest.subscribe("shouwang/v1/#", 1, (topic, m) -> seen.add(topic + " " + new String(m.getPayload(),
                StandardCharsets.UTF_8)));

        MqttClient button = connect("btn-a", passwords.get("btn-a"));
        button.publish("shouwang/v1/meter-b/telemetry", "forged".getBytes(StandardCharsets.UTF_8), 1, false);
        button.publish("shouwang/v1/btn-a/event", "own".getBytes(StandardCharsets.UTF_8), 1, false);

        await().alias("the button's own message").atMost(Duration.ofSeconds(10))
                .until(() -> seen.contains("shouwang/v1/btn-a/event own"));
        assertThat(seen).as("a message written for another device is refused").noneMatch(s -> s.contains("forged"));
        assertThatThrownBy(() -> connect("btn-a", "wrong-password")).isInstanceOf(MqttException.class);
        button.disconnect();

        // WHEN the button is deactivated (as the console does), exported again and the broker reloads its files
        try (var c = db.dataSource().getConnection(); var s = c.createStatement()) {
            s.execute("UPDATE device SET active = false WHERE device_id = 'btn-a'");
        }
        MosquittoAuthExport.Result again = export.export(auth, INGEST, INGEST_PASSWORD);
        broker.reload();

        // THEN it cannot connect any more; the meter keeps its password, and nobody got a new one
        assertThat(again.leftOut()).isEqualTo(1);
        assertThat(again.created()).isZero();
        await().alias("the deactivated button is refused").atMost(Duration.ofSeconds(10)).until(() -> {
            try {
                connect("btn-a", passwords.get("btn-a")).disconnect();
                return false;
            } catch (MqttException e) {
                return e.getReasonCode() == MqttException.REASON_CODE_FAILED_AUTHENTICATION
                        || e.getReasonCode() == MqttException.REASON_CODE_NOT_AUTHORIZED;
            }
        });
        connect("meter-b", passwords.get("meter-b")).disconnect();
        ingest.disconnect();
    }

    private Map<String, String> passwords() throws Exception {
        Path csv;
        try (var files = Files.list(auth)) {
            csv = files.filter(p -> p.getFileName().toString().startsWith("new-device-passwords-")).findFirst()
                    .orElseThrow();
        }
        assertThat(Files.getPosixFilePermissions(csv)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Map<String, String> out = new HashMap<>();
        Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",")).forEach(p -> out.put(p[0], p[1]));
        return out;
    }

    private MqttClient connect(String user, String password) throws MqttException {
        MqttClient c = new MqttClient(broker.url(), user + "-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(user);
        o.setPassword(password.toCharArray());
        o.setConnectionTimeout(5);
        c.connect(o);
        return c;
    }
}
