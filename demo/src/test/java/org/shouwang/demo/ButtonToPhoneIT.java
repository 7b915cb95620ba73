package org.shouwang.demo;

import org.shouwang.app.Platform;
import org.shouwang.app.ConfigLoader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.testkit.ConsoleSession;
import org.shouwang.testkit.TestServices;
import org.shouwang.standin.RecordingTwilioServer;
import org.shouwang.standin.TwilioStubRequest;
import org.shouwang.sim.CallButton;
import org.shouwang.sim.SentMessage;

/**
 * The walking skeleton end to end on the real broker and database: a simulated button press becomes
 * an open incident, an SMS to each contact through the real Twilio SDK, and an acknowledgement.
 */
class ButtonToPhoneIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private static RecordingTwilioServer twilio;
    private static Platform platform;
    private static String api;
    private static ConsoleSession staff;
    private static final String ADMIN = "it-admin";
    private static final String ADMIN_PASSWORD = "it-admin-password-1";

    @BeforeAll
    static void start() {
        twilio = RecordingTwilioServer.start(0);
        Map<String, String> env = TestPlatform.env(TestServices.freshDatabase(), twilio, "e2e");
        env.put("SHOUWANG_CONSOLE_ADMIN_USER", ADMIN);
        env.put("SHOUWANG_CONSOLE_ADMIN_PASSWORD", ADMIN_PASSWORD);
        platform = Platform.start(ConfigLoader.load(null, env), Clock.systemUTC());
        api = "http://127.0.0.1:" + platform.consolePort();
    }

    /** Signs in as the bootstrap admin: API calls carry the session cookie and, on changes, the CSRF token. */
    @BeforeEach
    void signIn() {
        staff = ConsoleSession.login(api, ADMIN, ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        twilio.close();
    }

    @Test
    void buttonPressOpensIncidentPagesEveryContactAndCanBeAcknowledged() throws Exception {
        // GIVEN an elder registered through the API, with two contacts and a call button
        String buttonId = "btn-e2e-" + RUN;
        long elderId = post("/api/elders", Map.of("name", "王秀英", "idNumber", "32050819400101123X",
                "street", "平江街道", "community", "平江第一社区", "address", "平江街道大儒巷12号301室",
                "phone", "13800001111"), 201).get("id").asLong();
        post("/api/elders/" + elderId + "/contacts", Map.of("role", "NEIGHBOUR_VOLUNTEER", "name", "李阿姨",
                "phone", "13800002222", "priority", 1), 201);
        post("/api/elders/" + elderId + "/contacts", Map.of("role", "COMMUNITY_WORKER", "name", "张社工",
                "phone", "13800003333", "priority", 1), 201);
        post("/api/devices", Map.of("deviceId", buttonId, "kind", "CALL_BUTTON", "elderId", elderId), 201);

        // WHEN the simulated button is pressed
        try (CallButton button = new CallButton(TestServices.mqttUrl(), buttonId, Clock.systemUTC())) {
            button.connect();
            button.press();

            // THEN an incident is open, in the database and through the API
            JsonNode incident = await().alias("incident open").atMost(Duration.ofSeconds(20))
                    .until(() -> openIncidentOf(elderId), i -> i != null);
            assertThat(incident.get("rule").asText()).isEqualTo("BUTTON_PRESSED");
            assertThat(count("SELECT count(*) FROM incident WHERE elder_id = " + elderId + " AND state = 'OPEN'"))
                    .isEqualTo(1);

            // AND each contact got an SMS naming the elder and the address, with the incident code, and a call
            String code = incident.get("code").asText();
            List<TwilioStubRequest> sms = await().alias("two SMS").atMost(Duration.ofSeconds(20))
                    .until(() -> smsFor(code), l -> l.size() == 2);
            assertThat(sms).extracting(TwilioStubRequest::to)
                    .containsExactlyInAnyOrder("+8613800002222", "+8613800003333");
            assertThat(sms).allSatisfy(m -> {
                assertThat(m.path()).endsWith("/Messages.json");
                assertThat(m.body()).contains("王秀英", "86岁", "平江街道大儒巷12号301室", "一键呼叫", code);
            });
            await().alias("two voice calls").atMost(Duration.ofSeconds(20)).until(() -> twilio.calls().stream()
                    .filter(c -> c.to().equals("+8613800002222") || c.to().equals("+8613800003333")).count() == 2);

            // WHEN staff acknowledge it
            JsonNode acked = post("/api/incidents/" + incident.get("id").asLong() + "/ack",
                    Map.of("actor", "值班员小周"), 200);

            // THEN it is acknowledged, and listed so
            assertThat(acked.get("state").asText()).isEqualToIgnoringCase("acknowledged");
            assertThat(get("/api/incidents?state=acknowledged")).anySatisfy(
                    i -> assertThat(i.get("id").asLong()).isEqualTo(incident.get("id").asLong()));
        }
    }

    @Test
    void redeliveredPressCreatesNoSecondRowIncidentOrPage() throws Exception {
        String buttonId = "btn-dup-" + RUN;
        long elderId = post("/api/elders", Map.of("name", "陈德明", "idNumber", "320508193805052315",
                "street", "沧浪街道", "community", "沧浪第二社区", "address", "沧浪街道演示巷3号",
                "phone", "13800004444"), 201).get("id").asLong();
        post("/api/elders/" + elderId + "/contacts", Map.of("role", "COMMUNITY_WORKER", "name", "周社工",
                "phone", "13800005555", "priority", 1), 201);
        post("/api/devices", Map.of("deviceId", buttonId, "kind", "CALL_BUTTON", "elderId", elderId), 201);

        try (CallButton button = new CallButton(TestServices.mqttUrl(), buttonId, Clock.systemUTC())) {
            button.connect();
            button.press();
            SentMessage press = button.lastMessage();
            JsonNode incident = await().alias("incident open").atMost(Duration.ofSeconds(20))
                    .until(() -> openIncidentOf(elderId), i -> i != null);
            String code = incident.get("code").asText();
            await().alias("one SMS").atMost(Duration.ofSeconds(20)).until(() -> smsFor(code).size() == 1);

            // WHEN the device sends the same message again (it missed the PUBACK) and then a fresh event
            button.resend(press);
            button.cancel();
            await().alias("the later cancel is stored").atMost(Duration.ofSeconds(20)).until(() ->
                    count("SELECT count(*) FROM device_event WHERE device_id = '" + buttonId + "'") == 2);

            // THEN the press is stored once, one incident exists, and nobody was paged twice
            assertThat(count("SELECT count(*) FROM device_event WHERE device_id = '" + buttonId
                    + "' AND action = 'PRESS'")).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM incident WHERE elder_id = " + elderId)).isEqualTo(1);
            assertThat(smsFor(code)).hasSize(1);
        }
    }

    private static JsonNode openIncidentOf(long elderId) throws Exception {
        for (JsonNode i : get("/api/incidents?state=open")) {
            if (i.get("elder").get("id").asLong() == elderId) {
                return i;
            }
        }
        return null;
    }

    private static List<TwilioStubRequest> smsFor(String code) {
        return twilio.messages().stream().filter(m -> m.body() != null && m.body().contains(code)).toList();
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = platform.database().dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static JsonNode get(String path) {
        return staff.get(path);
    }

    private static JsonNode post(String path, Object body, int expectedStatus) {
        return staff.post(path, body, expectedStatus);
    }
}
