package org.shouwang.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.app.ConfigLoader;
import org.shouwang.app.Platform;
import org.shouwang.model.Json;
import org.shouwang.notifier.MessageType;
import org.shouwang.notifier.channel.aliyun.AliyunTemplates;
import org.shouwang.sim.CallButton;
import org.shouwang.standin.AliyunStubRequest;
import org.shouwang.standin.RecordingAliyunServer;
import org.shouwang.standin.RecordingTwilioServer;
import org.shouwang.testkit.ConsoleSession;
import org.shouwang.testkit.TestServices;

/**
 * Mainland phones end to end on the wired platform (issue 13): a button press through the real broker pages a
 * +86 contact through the real Alibaba Cloud SDKs (template SMS and IVR call, at the stand-in), Twilio carries
 * nothing for them, and the receipts Alibaba pushes to the webhook listener take the case: a key press "1" in the
 * voice result stops the escalation; an SMS reply "1" takes a case and is answered by the confirmation template.
 */
class MainlandPagingIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TOKEN = "it-aliyun-receipts-" + RUN;
    private static final String ADMIN = "it-admin";
    private static final String ADMIN_PASSWORD = "it-admin-password-1";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private static RecordingTwilioServer twilio;
    private static RecordingAliyunServer aliyun;
    private static AliyunTemplates templates;
    private static Platform platform;
    private static ConsoleSession staff;
    private static int phones;

    @BeforeAll
    static void start() {
        twilio = RecordingTwilioServer.start(0);
        aliyun = RecordingAliyunServer.start(0);
        Path templatesFile = DemoTemplates.write();
        templates = AliyunTemplates.load(templatesFile);
        Map<String, String> env = TestPlatform.env(TestServices.freshDatabase(), twilio, "mainland");
        env.put("SHOUWANG_CONSOLE_ADMIN_USER", ADMIN);
        env.put("SHOUWANG_CONSOLE_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("SHOUWANG_ALIYUN_ENABLED", "true");
        env.put("SHOUWANG_ALIYUN_ACCESS_KEY_ID", "LTAI-it");
        env.put("SHOUWANG_ALIYUN_ACCESS_KEY_SECRET", "it-secret");
        env.put("SHOUWANG_ALIYUN_SIGN_NAME", "守望");
        env.put("SHOUWANG_ALIYUN_CALLER_NUMBER", "051265000000");
        env.put("SHOUWANG_ALIYUN_SMS_ENDPOINT", aliyun.baseUrl());
        env.put("SHOUWANG_ALIYUN_VOICE_ENDPOINT", aliyun.baseUrl());
        env.put("SHOUWANG_ALIYUN_TEMPLATES_FILE", templatesFile.toString());
        env.put("SHOUWANG_ALIYUN_RECEIPT_TOKEN", TOKEN);
        platform = Platform.start(ConfigLoader.load(null, env), Clock.systemUTC());
        staff = ConsoleSession.login("http://127.0.0.1:" + platform.consolePort(), ADMIN, ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        aliyun.close();
        twilio.close();
    }

    /** An elder with one +86 neighbour and a call button; returns the neighbour's national number. */
    private record Home(long elderId, String neighbour, String button) {
    }

    private static Home home(String name) {
        int n = ++phones;
        long elderId = staff.post("/api/elders", Map.of("name", name, "idNumber", idNumber(n), "street", "平江街道",
                "community", "平江第一社区", "address", "平江街道大儒巷" + n + "号", "phone", "1390000" + (1000 + n)),
                201).get("id").asLong();
        String neighbour = "1370000" + (1000 + n);
        staff.post("/api/elders/" + elderId + "/contacts", Map.of("role", "NEIGHBOUR_VOLUNTEER", "name", "李阿姨",
                "phone", "+86" + neighbour, "priority", 1), 201);
        String button = "btn-cn-" + RUN + "-" + n;
        staff.post("/api/devices", Map.of("deviceId", button, "kind", "CALL_BUTTON", "elderId", elderId), 201);
        return new Home(elderId, neighbour, button);
    }

    private static String idNumber(int n) {
        String body = "32050819400101" + String.format("%03d", 100 + n);
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * w[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    private static JsonNode pressAndAwaitIncident(Home home) throws Exception {
        try (CallButton button = new CallButton(TestServices.mqttUrl(), home.button(), Clock.systemUTC())) {
            button.connect();
            button.press();
            return await().alias("incident open").atMost(Duration.ofSeconds(20)).until(() -> {
                for (JsonNode i : staff.get("/api/incidents?state=open")) {
                    if (i.get("elder").get("id").asLong() == home.elderId()) {
                        return i;
                    }
                }
                return null;
            }, i -> i != null);
        }
    }

    @Test
    void aKeyPressInAlibabasVoiceResultTakesTheCaseAndStopsTheEscalation() throws Exception {
        Home home = home("王秀英");
        assertThat(staff.get("/api/elders/" + home.elderId()).get("contacts").get(0).get("provider").asText())
                .isEqualTo("阿里云");

        JsonNode incident = pressAndAwaitIncident(home);
        String code = incident.get("code").asText();

        AliyunStubRequest sms = await().alias("template SMS at the Alibaba stand-in").atMost(Duration.ofSeconds(20))
                .until(() -> to(aliyun.messages(), home.neighbour()), l -> !l.isEmpty()).get(0);
        assertThat(sms.templateCode()).isEqualTo(templates.sms(MessageType.CRITICAL).orElseThrow().code());
        assertThat(Json.read(sms.templateParams(), Map.class)).containsEntry("code", code).containsEntry("name", "王秀英");
        AliyunStubRequest call = await().alias("IVR call at the Alibaba stand-in").atMost(Duration.ofSeconds(20))
                .until(() -> to(aliyun.calls(), home.neighbour()), l -> !l.isEmpty()).get(0);
        assertThat(call.menu()).containsKeys("1", "2");
        assertThat(twilio.requests()).as("Twilio carries nothing for a mainland number")
                .noneMatch(r -> ("+86" + home.neighbour()).equals(r.to()));

        // Alibaba reports a call once it ended; by then the outbox has booked it with its CallId.
        await().alias("the call booked as sent").atMost(Duration.ofSeconds(20))
                .until(() -> sentPages(incident.get("id").asLong(), "+86" + home.neighbour(), "VOICE") > 0);
        HttpResponse<String> pushed = push("voice-report", new io.vertx.core.json.JsonArray().add(
                new io.vertx.core.json.JsonObject().put("call_id", call.providerId()).put("out_id", call.outId())
                        .put("status_code", "200000").put("dtmf", "1").put("status_msg", "用户接听")
                        .put("end_time", LOCAL.format(Instant.now()))).encode());

        assertThat(pushed.statusCode()).isEqualTo(200);
        long id = incident.get("id").asLong();
        assertThat(staff.get("/api/incidents/" + id).get("state").asText()).isEqualToIgnoringCase("acknowledged");
        assertThat(escalationActive(id)).as("the escalation stopped").isFalse();
    }

    @Test
    void anSmsReplyPushedByAlibabaTakesTheCaseAndIsConfirmedByItsTemplate() throws Exception {
        Home home = home("陈德明");
        JsonNode incident = pressAndAwaitIncident(home);
        // The reply answers a page the outbox has booked as sent, not merely one the stand-in has seen.
        await().alias("the page booked as sent").atMost(Duration.ofSeconds(20))
                .until(() -> sentPages(incident.get("id").asLong(), "+86" + home.neighbour(), "SMS") > 0);

        HttpResponse<String> pushed = push("sms-up", new io.vertx.core.json.JsonArray().add(
                new io.vertx.core.json.JsonObject().put("phone_number", home.neighbour()).put("content", "1")
                        .put("sign_name", "守望").put("sequence_id", 900_000L + phones)
                        .put("send_time", LOCAL.format(Instant.now()))).encode());

        assertThat(pushed.statusCode()).isEqualTo(200);
        long id = incident.get("id").asLong();
        assertThat(staff.get("/api/incidents/" + id).get("state").asText()).isEqualToIgnoringCase("acknowledged");
        assertThat(escalationActive(id)).isFalse();
        String confirmation = templates.sms(MessageType.ACK_CONFIRMATION).orElseThrow().code();
        AliyunStubRequest answer = await().alias("the confirmation SMS").atMost(Duration.ofSeconds(10))
                .until(() -> to(aliyun.messages(), home.neighbour()).stream()
                        .filter(m -> confirmation.equals(m.templateCode())).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(Json.read(answer.templateParams(), Map.class)).containsEntry("code", incident.get("code").asText());
    }

    @Test
    void aPushWithTheWrongTokenIsAPlainNotFound() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + platform.webhooksPort() + "/aliyun/not-the-token-0000000/voice-report"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("[]")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(404);
    }

    private static List<AliyunStubRequest> to(List<AliyunStubRequest> requests, String national) {
        return requests.stream().filter(r -> national.equals(r.phone())).toList();
    }

    private static HttpResponse<String> push(String kind, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + platform.webhooksPort() + "/aliyun/" + TOKEN + "/" + kind))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long sentPages(long incidentId, String e164, String channel) throws Exception {
        try (Connection c = platform.database().dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM notification WHERE incident_id = ?"
                     + " AND recipient_e164 = ? AND channel = ? AND status = 'SENT'")) {
            s.setLong(1, incidentId);
            s.setString(2, e164);
            s.setString(3, channel);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static boolean escalationActive(long incidentId) throws Exception {
        try (Connection c = platform.database().dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT active FROM escalation WHERE incident_id = ?")) {
            s.setLong(1, incidentId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
