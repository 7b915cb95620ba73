package org.shouwang.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.shouwang.standin.RecordingTwilioServer;
import org.shouwang.testkit.TestServices;

/**
 * The configuration every platform test starts from, as {@code SHOUWANG_*} variables: its own database, the test
 * broker under a client id of its own, every listener on a free port, Twilio pointed at the recording stand-in,
 * an outage journal in a fresh folder. A test adds or replaces what it is about.
 */
final class TestPlatform {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private TestPlatform() {
    }

    /** A mutable map, so the test can put its own keys over these. */
    static Map<String, String> env(String dbUrl, RecordingTwilioServer twilio, String name) {
        Map<String, String> env = new HashMap<>();
        env.put("SHOUWANG_DATABASE_URL", dbUrl);
        env.put("SHOUWANG_MQTT_URL", TestServices.mqttIngestUrl());
        env.put("SHOUWANG_MQTT_CLIENT_ID", "shouwang-it-" + name + "-" + UUID.randomUUID().toString().substring(0, 8));
        env.put("SHOUWANG_MQTT_SHARED_GROUP", "");
        env.put("SHOUWANG_CONSOLE_PORT", "0");
        env.put("SHOUWANG_WEBHOOKS_PORT", "0");
        env.put("SHOUWANG_MANAGEMENT_PORT", "0");
        env.put("SHOUWANG_TWILIO_ACCOUNT_SID", DemoCommand.DEMO_ACCOUNT_SID);
        env.put("SHOUWANG_TWILIO_AUTH_TOKEN", "it-token");
        env.put("SHOUWANG_TWILIO_FROM_NUMBER", "+12025550100");
        env.put("SHOUWANG_TWILIO_API_BASE_URL", twilio.baseUrl());
        try {
            env.put("SHOUWANG_ESCALATION_OUTAGE_JOURNAL",
                    Files.createTempDirectory("shouwang-" + name + "-").resolve("outage-pages.jsonl").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return env;
    }

    /**
     * The sum of a metric's samples (every label set) on a platform's Prometheus page, {@code GET /metrics} on its
     * management listener; 0 when the page has none.
     */
    static double metric(int managementPort, String name) throws IOException, InterruptedException {
        String page = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        return page.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
