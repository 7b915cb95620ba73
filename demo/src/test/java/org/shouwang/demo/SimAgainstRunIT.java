package org.shouwang.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shouwang.db.Database;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.db.RegistryStore;
import org.shouwang.testkit.ProcessLogs;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.ContactRole;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;
import org.shouwang.model.Topics;
import org.shouwang.standin.RecordingTwilioServer;

/**
 * {@code shouwang sim} drives a running {@code shouwang run} to an incident over the real Mosquitto (issue 10's
 * "Done when"): the server and the simulator are separate JVMs as on a site, the server reads a YAML config
 * pointing at a fresh database, the shared broker and a recording Twilio stand-in. A button press from the
 * simulator becomes a BUTTON_PRESSED incident in the database and an SMS at the stand-in.
 */
class SimAgainstRunIT {

    private static final String NEIGHBOUR = "+8613800004444";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    /** Ids of this run's own: the shared broker and other tests' servers see them too. */
    private final String meterId = "simit-" + run + "-m1";
    private final String buttonId = "simit-" + run + "-b1";
    private Path dir;
    private RecordingTwilioServer twilio;
    private String dbUrl;
    private long elderId;
    private Process server;

    @RegisterExtension
    final ProcessLogs logs = new ProcessLogs();

    @BeforeEach
    void startServer() throws Exception {
        dir = Files.createTempDirectory("shouwang-sim-it-");
        twilio = RecordingTwilioServer.start(0);
        dbUrl = TestServices.freshDatabase();
        try (Database db = Database.open(DatabaseConfig.of(dbUrl))) {
            RegistryStore registry = new RegistryStore(db.dataSource());
            elderId = registry.createElder(new Elder(0, "钱玉兰", null, "沧浪街道", "沧浪第一社区", "沧浪街道演示巷5号",
                    null, true)).id();
            registry.addContact(elderId, ContactRole.NEIGHBOUR_VOLUNTEER, "陈阿姨", "13800004444", 1);
            registry.addContact(elderId, ContactRole.COMMUNITY_WORKER, "刘社工", "13800005555", 1);
            registry.addDevice(meterId, DeviceKind.WATER_METER, elderId);
            registry.addDevice(buttonId, DeviceKind.CALL_BUTTON, elderId);
        }
        int consolePort = freePort();
        Path config = dir.resolve("shouwang.yaml");
        new ObjectMapper(new YAMLFactory()).writeValue(config.toFile(), Map.of(
                "database", Map.of("url", dbUrl),
                "mqtt", Map.of("url", TestServices.mqttUrl(), "clientId", "shouwang-it-sim-" + run, "sharedGroup", ""),
                "console", Map.of("port", consolePort),
                "webhooks", Map.of("port", 0),
                "escalation", Map.of("outageJournal", dir.resolve("outage-pages.jsonl").toString()),
                "twilio", Map.of("accountSid", DemoCommand.DEMO_ACCOUNT_SID, "authToken", "it-token",
                        "fromNumber", "+12025550100", "apiBaseUrl", twilio.baseUrl())));

        long start = System.nanoTime();
        server = shouwang("server", "run", "--config", config.toString());
        String health = "http://127.0.0.1:" + consolePort + "/health";
        await().alias("shouwang run ready (/health 200)").atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofMillis(200)).failFast("shouwang run exited", () -> !server.isAlive())
                .ignoreExceptions().until(() -> status(health) == 200);
        System.out.printf("sim-against-run: server_ready_ms=%d%n", (System.nanoTime() - start) / 1_000_000);
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(15, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (twilio != null) {
            twilio.close();
        }
        clearRetainedStatus();
    }

    @Test
    void aSimulatedButtonPressBecomesAnIncidentAndAPage() throws Exception {
        long start = System.nanoTime();

        // WHEN the simulator plays a button press in one home, as an installer would against the site
        Process sim = shouwang("sim", "sim", "--mqtt-url", TestServices.mqttUrl(), "--scenario", "button-press",
                "--homes", "1", "--meter-id-format", "simit-" + run + "-m%d", "--button-id-format",
                "simit-" + run + "-b%d");
        assertThat(sim.waitFor(40, TimeUnit.SECONDS)).as("sim finished").isTrue();
        assertThat(sim.exitValue()).as("sim exit code").isZero();
        assertThat(Files.readString(dir.resolve("sim.log")))
                .contains("sim button-press: ", "1 button events from 1 buttons", TestServices.mqttUrl())
                .contains("sim sent [scenario: button-press");
        long simMs = (System.nanoTime() - start) / 1_000_000;

        // THEN the server opens a BUTTON_PRESSED incident for the elder
        String code = await().alias("BUTTON_PRESSED incident in the database").atMost(Duration.ofSeconds(20))
                .failFast("shouwang run exited", () -> !server.isAlive())
                .until(() -> text("SELECT code FROM incident WHERE rule = 'BUTTON_PRESSED' AND state = 'OPEN'"
                        + " AND elder_id = " + elderId + " AND device_id = '" + buttonId + "'"), c -> c != null);
        long incidentMs = (System.nanoTime() - start) / 1_000_000;

        // AND pages the neighbour through the Twilio stand-in with the incident's code
        await().alias("SMS with the incident code to the neighbour").atMost(Duration.ofSeconds(20))
                .until(() -> twilio.messages().stream()
                        .anyMatch(m -> NEIGHBOUR.equals(m.to()) && m.body() != null && m.body().contains(code)));
        System.out.printf("sim-against-run: sim_process_ms=%d sim_start_to_incident_ms=%d sim_start_to_sms_ms=%d%n",
                simMs, incidentMs, (System.nanoTime() - start) / 1_000_000);
        assertThat(count("SELECT count(*) FROM incident")).as("one incident, nothing else raised").isEqualTo(1);
    }

    /**
     * {@code shouwang <args>} in a JVM of its own on the test's class path, output into {@code <name>.log}: the
     * server's command line for the server, the lab's (which has {@code sim}) for the simulator.
     */
    private Process shouwang(String name, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Quick start-up flags: both JVMs live for seconds on a 2-core machine.
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                "server".equals(name) ? org.shouwang.app.Main.class.getName() : Main.class.getName()));
        command.addAll(List.of(args));
        Path log = dir.resolve(name + ".log");
        logs.add(log);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The YAML file is the whole configuration: no SHOUWANG_* variable of the developer's may override it.
        pb.environment().keySet().removeIf(k -> k.startsWith("SHOUWANG_"));
        return pb.start();
    }

    private static int status(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String text(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(dbUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private long count(String sql) throws Exception {
        return Long.parseLong(text(sql));
    }

    /** The simulated devices leave a retained offline status on the shared broker: removed for the next tests. */
    private void clearRetainedStatus() throws Exception {
        MqttClient c = new MqttClient(TestServices.mqttUrl(), "simit-clear-" + run, new MemoryPersistence());
        c.connect();
        for (String id : List.of(meterId, buttonId)) {
            c.publish(Topics.of(id, Topics.Channel.STATUS), new byte[0], 1, true);
        }
        c.disconnect();
        c.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
