package org.shouwang.demo;

import org.shouwang.app.Platform;
import org.shouwang.app.ConfigLoader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.db.Database;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.db.RegistryStore;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.ContactRole;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;
import org.shouwang.standin.RecordingAliyunServer;
import org.shouwang.standin.RecordingTwilioServer;
import org.shouwang.standin.TwilioStubRequest;
import org.shouwang.sim.CallButton;

/**
 * A press pages within seconds while the database refuses every connection (issue 9.10), on the whole platform:
 * real broker, real PostgreSQL (its database closed to connections and every session terminated), the real
 * Twilio SDK against the recording stand-in. Once the database is back, the incident is opened once, the calls
 * are booked as sent and not placed again, and each contact gets the SMS with the incident code.
 */
class PressDuringOutageIT {

    private static final String NEIGHBOUR = "+8613800004444";
    private static final String WORKER = "+8613800005555";
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private RecordingTwilioServer twilio;
    private RecordingAliyunServer aliyun;
    private Platform platform;
    private String dbUrl;
    private Path journal;
    private String buttonId;

    @BeforeEach
    void start() throws Exception {
        twilio = RecordingTwilioServer.start(0);
        dbUrl = TestServices.freshDatabase();
        buttonId = "btn-outage-" + run;
        try (Database db = Database.open(DatabaseConfig.of(dbUrl))) {
            RegistryStore registry = new RegistryStore(db.dataSource());
            long elder = registry.createElder(new Elder(0, "周桂英", null, "平江街道", "大儒巷社区", "平江街道大儒巷8号",
                    null, true)).id();
            registry.addContact(elder, ContactRole.NEIGHBOUR_VOLUNTEER, "陈阿姨", "13800004444", 1);
            registry.addContact(elder, ContactRole.COMMUNITY_WORKER, "刘社工", "13800005555", 1);
            registry.addDevice(buttonId, DeviceKind.CALL_BUTTON, elder);
        }
        journal = Files.createTempDirectory("shouwang-outage-").resolve("outage-pages.jsonl");
    }

    /** The platform, paging through Twilio only, or with {@code extra} (Alibaba Cloud for mainland numbers). */
    private void startPlatform(Map<String, String> extra) {
        Map<String, String> env = TestPlatform.env(dbUrl, twilio, "outage");
        env.put("SHOUWANG_ESCALATION_OUTAGE_JOURNAL", journal.toString());
        env.put("SHOUWANG_ESCALATION_TICK", "PT0.5S");
        env.putAll(extra);
        platform = Platform.start(ConfigLoader.load(null, env), Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        allowConnections(true);
        if (platform != null) {
            platform.close();
        }
        twilio.close();
        if (aliyun != null) {
            aliyun.close();
        }
    }

    @Test
    void aPressWhileTheDatabaseIsDownPagesTheFirstRoundFromMemoryAndNobodyTwiceOnceItIsBack() throws Exception {
        startPlatform(Map.of());
        try (CallButton button = new CallButton(TestServices.mqttUrl(), buttonId, Clock.systemUTC())) {
            button.connect();
            await().alias("button online in the database").atMost(Duration.ofSeconds(20))
                    .until(() -> count("SELECT count(*) FROM device WHERE device_id = '" + buttonId + "' AND online") == 1);

            allowConnections(false);
            long pressedAt = System.nanoTime();
            String press = button.press();

            // THEN both contacts get an SMS and a call while the database still refuses every connection
            await().alias("SMS and call to both contacts during the outage").atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> to(twilio.messages(), NEIGHBOUR) == 1 && to(twilio.messages(), WORKER) == 1
                            && to(twilio.calls(), NEIGHBOUR) == 1 && to(twilio.calls(), WORKER) == 1);
            long pagedMs = (System.nanoTime() - pressedAt) / 1_000_000;
            System.out.printf("outage-page: press_to_all_first_round_pages_ms=%d (database refusing connections)%n",
                    pagedMs);
            assertThat(databaseRefuses()).as("the pages left while the database was down").isTrue();
            HttpResponse<String> health = health("/health");
            assertThat(health.statusCode()).as("not ready while the writer cannot commit").isEqualTo(503);
            assertThat(health.body()).contains("\"ingest\"", "设备数据写入数据库失败");
            HttpResponse<String> ready = health("/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(new JsonObject(ready.body()).getJsonObject("checks").getJsonObject("database").getMap())
                    .as("the database named with its reason").containsEntry("up", false)
                    .containsEntry("reason", "数据库无响应");
            assertThat(twilio.messages()).filteredOn(m -> m.to().equals(NEIGHBOUR)).first()
                    .extracting(TwilioStubRequest::body).asString().contains("周桂英", "大儒巷8号", "一键呼叫", "立即");

            if (TestServices.clusteredBroker() != null) {
                // NATS re-sends the unacknowledged press every ack_wait (5 s) while the database stays down: the
                // copy arrives, and pages nobody again
                double received = ingestReceived();
                await().alias("the broker re-sent the unacknowledged press").atMost(Duration.ofSeconds(25))
                        .pollInterval(Duration.ofMillis(200)).until(() -> ingestReceived() > received);
                assertThat(databaseRefuses()).as("still down through the re-send").isTrue();
                await().alias("no second page for the copy").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                        .until(() -> twilio.messages().size() == 2 && twilio.calls().size() == 2);
            }

            // WHEN the database is back
            allowConnections(true);

            // THEN one incident, the press stored once, the calls booked as sent and each SMS followed by the code
            String code = await().alias("incident opened after the outage").atMost(Duration.ofSeconds(60))
                    .until(() -> text("SELECT code FROM incident WHERE rule = 'BUTTON_PRESSED'"), c -> c != null);
            await().alias("the SMS with the incident code to both contacts").atMost(Duration.ofSeconds(30))
                    .until(() -> twilio.messages().stream().filter(m -> m.body().contains(code)).count() == 2);
            assertThat(count("SELECT count(*) FROM incident")).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM device_event WHERE device_id = '" + buttonId + "' AND msg_id = '"
                    + press + "'")).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM notification WHERE channel = 'VOICE' AND step = 0 AND round_no = 0"
                    + " AND status = 'SENT'")).isEqualTo(2);
            assertThat(count("SELECT count(*) FROM incident_event WHERE kind = 'PAGED_DURING_OUTAGE'")).isEqualTo(4);
        }
        assertThat(to(twilio.calls(), NEIGHBOUR)).as("calls to the neighbour, outage and after").isEqualTo(1);
        assertThat(to(twilio.calls(), WORKER)).as("calls to the community worker").isEqualTo(1);
        assertThat(to(twilio.messages(), NEIGHBOUR)).as("the outage SMS and the one with the code").isEqualTo(2);
        assertThat(to(twilio.messages(), WORKER)).isEqualTo(2);
        await().alias("ready again once the database answers").atMost(Duration.ofSeconds(30))
                .until(() -> health("/health/ready").statusCode() == 200);
    }

    @Test
    void aPressWhileTheDatabaseIsDownReachesMainlandPhonesThroughAlibabaCloud() throws Exception {
        aliyun = RecordingAliyunServer.start(0);
        java.nio.file.Path templates = DemoTemplates.write();
        startPlatform(Map.of("SHOUWANG_ALIYUN_ENABLED", "true", "SHOUWANG_ALIYUN_ACCESS_KEY_ID", "LTAI-it",
                "SHOUWANG_ALIYUN_ACCESS_KEY_SECRET", "it-secret", "SHOUWANG_ALIYUN_SIGN_NAME", "守望",
                "SHOUWANG_ALIYUN_CALLER_NUMBER", "051265000000", "SHOUWANG_ALIYUN_SMS_ENDPOINT", aliyun.baseUrl(),
                "SHOUWANG_ALIYUN_VOICE_ENDPOINT", aliyun.baseUrl(), "SHOUWANG_ALIYUN_TEMPLATES_FILE",
                templates.toString()));
        try (CallButton button = new CallButton(TestServices.mqttUrl(), buttonId, Clock.systemUTC())) {
            button.connect();
            await().alias("button online in the database").atMost(Duration.ofSeconds(20))
                    .until(() -> count("SELECT count(*) FROM device WHERE device_id = '" + buttonId + "' AND online") == 1);

            allowConnections(false);
            button.press();

            // THEN both mainland contacts get the outage SMS and call through Alibaba, by the outage templates
            String neighbour = NEIGHBOUR.substring(3);
            String worker = WORKER.substring(3);
            await().alias("SMS and call to both contacts through Alibaba during the outage")
                    .atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> phones(aliyun.messages()).containsAll(List.of(neighbour, worker))
                            && phones(aliyun.calls()).containsAll(List.of(neighbour, worker)));
            assertThat(databaseRefuses()).as("the pages left while the database was down").isTrue();
            org.shouwang.notifier.channel.aliyun.AliyunTemplates codes =
                    org.shouwang.notifier.channel.aliyun.AliyunTemplates.load(templates);
            assertThat(aliyun.messages()).allSatisfy(m -> assertThat(m.templateCode()).isEqualTo(codes.sms(
                    org.shouwang.notifier.MessageType.OUTAGE_CRITICAL).orElseThrow().code()));
            assertThat(aliyun.messages().get(0).templateParams()).contains("周桂英", "大儒巷8号");
            assertThat(twilio.calls()).as("no call to a mainland number through Twilio").isEmpty();
        }
    }

    private static List<String> phones(List<org.shouwang.standin.AliyunStubRequest> requests) {
        return requests.stream().map(org.shouwang.standin.AliyunStubRequest::phone).toList();
    }

    @Test
    void aPressWhileTheDatabaseHangsIsPagedFromMemoryAndTheOutboxBooksTheCallsOnceItAnswers() throws Exception {
        startPlatform(Map.of());
        try (CallButton button = new CallButton(TestServices.mqttUrl(), buttonId, Clock.systemUTC())) {
            button.connect();
            await().alias("button online in the database").atMost(Duration.ofSeconds(20))
                    .until(() -> count("SELECT count(*) FROM device WHERE device_id = '" + buttonId + "' AND online") == 1);

            // GIVEN a database that takes connections but hangs every statement on the tables a press needs
            try (Connection hang = DriverManager.getConnection(dbUrl)) {
                hang.setAutoCommit(false);
                try (Statement s = hang.createStatement()) {
                    s.execute("LOCK TABLE ingested_message, incident_alert IN ACCESS EXCLUSIVE MODE");
                }
                long pressedAt = System.nanoTime();
                button.press();

                await().alias("SMS and call to both contacts while the database hangs").atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> to(twilio.messages(), NEIGHBOUR) == 1 && to(twilio.messages(), WORKER) == 1
                                && to(twilio.calls(), NEIGHBOUR) == 1 && to(twilio.calls(), WORKER) == 1);
                System.out.printf("outage-page: press_to_all_first_round_pages_ms=%d (database hanging)%n",
                        (System.nanoTime() - pressedAt) / 1_000_000);
                assertThat(count("SELECT count(*) FROM incident")).as("no incident yet: the database hangs").isZero();
                hang.rollback();
            }

            String code = await().alias("incident opened once the database answers").atMost(Duration.ofSeconds(60))
                    .until(() -> text("SELECT code FROM incident WHERE rule = 'BUTTON_PRESSED'"), c -> c != null);
            await().alias("the SMS with the incident code to both contacts").atMost(Duration.ofSeconds(30))
                    .until(() -> twilio.messages().stream().filter(m -> m.body().contains(code)).count() == 2);
            assertThat(count("SELECT count(*) FROM notification WHERE channel = 'VOICE' AND step = 0 AND round_no = 0"
                    + " AND status = 'SENT'")).isEqualTo(2);
        }
        assertThat(to(twilio.calls(), NEIGHBOUR)).isEqualTo(1);
        assertThat(to(twilio.calls(), WORKER)).isEqualTo(1);
        assertThat(to(twilio.messages(), NEIGHBOUR)).isEqualTo(2);
        assertThat(to(twilio.messages(), WORKER)).isEqualTo(2);
    }

    /** {@code shouwang_ingest_messages_received_total} from the management listener's Prometheus page. */
    private double ingestReceived() throws Exception {
        return TestPlatform.metric(platform.managementPort(), "shouwang_ingest_messages_received_total");
    }

    private HttpResponse<String> health(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + platform.consolePort() + path)).timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long to(List<TwilioStubRequest> requests, String number) {
        return requests.stream().filter(r -> number.equals(r.to())).count();
    }

    private boolean databaseRefuses() {
        try (Connection c = DriverManager.getConnection(dbUrl)) {
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(dbUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String text(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(dbUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private void allowConnections(boolean allow) {
        TestServices.allowConnections(dbUrl, allow);
    }
}
