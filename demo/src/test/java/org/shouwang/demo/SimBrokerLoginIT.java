package org.shouwang.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.app.MosquittoAuthExport;
import org.shouwang.db.BrokerCredentialStore;
import org.shouwang.db.Database;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.db.RegistryStore;
import org.shouwang.testkit.PrivateMosquitto;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;
import picocli.CommandLine;

/**
 * {@code shouwang sim} logs in to a Mosquitto set up as a site's is: no anonymous clients, the password file and
 * ACL that {@code shouwang devices mosquitto-auth} exports, a TLS listener with a certificate of a private CA.
 * Each device logs in with its password from the export's CSV, over TCP and TLS; a wrong password, an untrusted
 * certificate or a host name the certificate does not name ends the run with a clear message and exit code.
 */
class SimBrokerLoginIT {

    private static final String INGEST = "shouwang-ingest";
    private static final String INGEST_PASSWORD = "ingest-secret-1";
    private static Path dir;
    private static Path csv;
    private static PrivateMosquitto broker;
    private static int tlsPort;
    private MqttClient ingest;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startBroker() throws Exception {
        dir = Files.createTempDirectory("shouwang-sim-login-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Database db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()))) {
            RegistryStore registry = new RegistryStore(db.dataSource());
            long elder = registry.createElder(new Elder(0, "孙凤英", null, "金阊街道", "金阊第二社区", "金阊街道样板街9号",
                    null, true)).id();
            registry.addDevice("meter-0001", DeviceKind.WATER_METER, elder);
            registry.addDevice("btn-0001", DeviceKind.CALL_BUTTON, elder);
            csv = new MosquittoAuthExport(new BrokerCredentialStore(db.dataSource()), Clock.systemUTC())
                    .export(dir, INGEST, INGEST_PASSWORD).newPasswords();
        }
        certificates();
        tlsPort = freePort();
        broker = PrivateMosquitto.recommended("allow_anonymous false",
                "password_file " + dir.resolve(MosquittoAuthExport.PASSWORD_FILE),
                "acl_file " + dir.resolve(MosquittoAuthExport.ACL_FILE),
                "listener " + tlsPort + " 127.0.0.1",
                "cafile " + dir.resolve("ca.pem"),
                "certfile " + dir.resolve("server.pem"),
                "keyfile " + dir.resolve("server.key"));
        broker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void subscribeAsIngest() throws Exception {
        ingest = new MqttClient(broker.url(), "ingest-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(INGEST);
        o.setPassword(INGEST_PASSWORD.toCharArray());
        ingest.connect(o);
        ingest.subscribe("shouwang/v1/+/event", 1, (topic, m) -> seen.add(topic));
    }

    @AfterEach
    void disconnect() throws Exception {
        ingest.disconnect();
        ingest.close();
    }

    @Test
    void eachDeviceLogsInWithItsPasswordFromTheExportsCsv() {
        assertThat(sim("--mqtt-url", broker.url(), "--credentials", csv.toString(), "--scenario", "button-press"))
                .as(err.toString()).isZero();

        await().alias("the press reached the broker").atMost(Duration.ofSeconds(10))
                .until(() -> seen.contains("shouwang/v1/btn-0001/event"));
        assertThat(out.toString()).contains("1 button events from 1 buttons");
    }

    @Test
    void aWrongPasswordEndsTheRunWithExitThreeAndNeverShowsThePassword() throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong.csv"), "deviceId,password\nmeter-0001,Wrong-Secret-1\n"
                + "btn-0001,Wrong-Secret-2\n");

        assertThat(sim("--mqtt-url", broker.url(), "--credentials", wrong.toString(), "--scenario", "button-press"))
                .isEqualTo(SimCommand.EXIT_LOGIN_REFUSED);
        assertThat(err.toString()).contains("the broker refused the login", "--credentials")
                .doesNotContain("Wrong-Secret");
        assertThat(seen).isEmpty();
    }

    @Test
    void overTlsTheBrokersCertificateIsCheckedAgainstTheCaFile() {
        String tls = "ssl://127.0.0.1:" + tlsPort;

        assertThat(sim("--mqtt-url", tls, "--ca-file", dir.resolve("ca.pem").toString(),
                "--credentials", csv.toString(), "--scenario", "button-press")).as(err.toString()).isZero();
        await().alias("the press over TLS").atMost(Duration.ofSeconds(10))
                .until(() -> seen.contains("shouwang/v1/btn-0001/event"));

        // the JVM's trust store does not know the site's private CA
        err.getBuffer().setLength(0);
        assertThat(sim("--mqtt-url", tls, "--credentials", csv.toString(), "--scenario", "button-press"))
                .isEqualTo(SimCommand.EXIT_UNREACHABLE);
        assertThat(err.toString()).contains("TLS with the broker failed", "--ca-file");
    }

    @Test
    void aHostNameTheCertificateDoesNotNameIsRefusedUnlessInsecure() {
        // the certificate names 127.0.0.1 only
        String byName = "ssl://localhost:" + tlsPort;
        String ca = dir.resolve("ca.pem").toString();

        assertThat(sim("--mqtt-url", byName, "--ca-file", ca, "--credentials", csv.toString(),
                "--scenario", "button-press")).isEqualTo(SimCommand.EXIT_UNREACHABLE);
        assertThat(err.toString()).contains("TLS with the broker failed", "No name matching localhost", "--insecure");
        err.getBuffer().setLength(0);
        assertThat(sim("--mqtt-url", byName, "--ca-file", ca, "--insecure", "--credentials", csv.toString(),
                "--scenario", "button-press")).as(err.toString()).isZero();
    }

    private int sim(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> words = new ArrayList<>(List.of("sim"));
        words.addAll(List.of(args));
        return cli.execute(words.toArray(String[]::new));
    }

    /** A private CA and a broker certificate it signed for 127.0.0.1, made with openssl as a site would. */
    private static void certificates() throws Exception {
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Shouwang IT CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.pem", "-days", "2", "-extfile", "san.ext");
        // Mosquitto drops root and must still read its key
        Files.setPosixFilePermissions(dir.resolve("server.key"), PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed: " + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
