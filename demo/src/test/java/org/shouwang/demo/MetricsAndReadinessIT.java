package org.shouwang.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shouwang.app.AppConfig;
import org.shouwang.app.ConfigLoader;
import org.shouwang.app.Platform;
import org.shouwang.db.Database;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.db.RegistryStore;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.ContactRole;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;
import org.shouwang.standin.RecordingTwilioServer;
import org.shouwang.sim.CallButton;

/**
 * What an operator sees of the whole platform, on the real broker and PostgreSQL with the real Twilio SDK against
 * the recording stand-in: {@code GET /metrics} on the management listener after a button press, and readiness
 * ({@code /health/ready}) going down, naming the rule engine, when the rule clock stops moving.
 */
class MetricsAndReadinessIT {

    /** HTTP/1.1, as Prometheus scrapes (the JDK client would otherwise try an h2c upgrade). */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final String NEIGHBOUR = "+8613800006666";

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private RecordingTwilioServer twilio;
    private Platform platform;

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
        if (twilio != null) {
            twilio.close();
        }
    }

    @Test
    void aButtonPressShowsInThePrometheusMetricsOfTheManagementListener() throws Exception {
        // GIVEN a platform with an elder whose button is registered, ready on every check
        String dbUrl = TestServices.freshDatabase();
        String buttonId = "btn-metrics-" + run;
        register(dbUrl, buttonId);
        twilio = RecordingTwilioServer.start(0);
        platform = Platform.start(config(dbUrl, Map.of()), Clock.systemUTC());
        HttpResponse<String> ready = awaitReadiness(200);
        assertThat(new JsonObject(ready.body()).getJsonObject("checks").fieldNames())
                .containsExactlyInAnyOrder("database", "broker", "ingest", "rules", "notifier", "twilio");

        // WHEN the button is pressed and the neighbour has been texted
        try (CallButton button = new CallButton(TestServices.mqttUrl(), buttonId, Clock.systemUTC())) {
            button.connect();
            button.press();
            await().alias("SMS to the neighbour").atMost(Duration.ofSeconds(20))
                    .until(() -> twilio.messages().stream().anyMatch(m -> NEIGHBOUR.equals(m.to())));
        }

        // THEN the scrape counts the page as sent, the message, the alert, and shows the pool and the JVM
        String metrics = await().alias("the sent SMS counted").atMost(Duration.ofSeconds(30))
                .until(this::scrape, m -> value(m, "shouwang_pages_total", "channel=\"sms\"", "outcome=\"sent\"")
                        .orElse(0.0) >= 1);
        assertThat(value(metrics, "shouwang_ingest_messages_received_total")).hasValueSatisfying(
                v -> assertThat(v).isGreaterThanOrEqualTo(1));
        assertThat(value(metrics, "shouwang_ingest_messages_accepted_total")).hasValueSatisfying(
                v -> assertThat(v).isGreaterThanOrEqualTo(1));
        assertThat(value(metrics, "shouwang_rules_alerts_total", "rule=\"BUTTON_PRESSED\"")).hasValueSatisfying(
                v -> assertThat(v).isGreaterThanOrEqualTo(1));
        assertThat(value(metrics, "shouwang_rules_inputs_total", "kind=\"event\"")).hasValueSatisfying(
                v -> assertThat(v).isGreaterThanOrEqualTo(1));
        assertThat(value(metrics, "shouwang_page_latency_seconds_count")).hasValueSatisfying(
                v -> assertThat(v).isGreaterThanOrEqualTo(1));
        assertThat(value(metrics, "shouwang_ingest_messages_rejected_total", "reason=\"MALFORMED_JSON\"")).hasValue(0.0);
        assertThat(value(metrics, "shouwang_webhook_rejections_total", "reason=\"invalid_signature\"")).hasValue(0.0);
        assertThat(value(metrics, "shouwang_provider_up", "provider=\"twilio\"")).hasValue(1.0);
        assertThat(metrics).contains("shouwang_ingest_batch_commit_seconds_count", "shouwang_ingest_queue_depth",
                "shouwang_rules_clock_lag_seconds", "shouwang_incidents{state=\"open\"}",
                "shouwang_outbox_oldest_due_seconds", "shouwang_rounds_unreached_total",
                "hikaricp_connections{pool=\"shouwang-db\"}", "jvm_memory_used_bytes", "jvm_gc_", "process_uptime_seconds",
                "vertx_http_server_");
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(management() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(management() + "/elsewhere")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
    }

    @Test
    void aRuleClockThatStopsMovingTurnsReadinessDownNamingTheRuleEngineUntilItMovesAgain() throws Exception {
        // GIVEN a platform whose rule clock ticks every 0.2 s (stalled after 3 ticks + 5 s), ready
        StallingClock clock = new StallingClock();
        twilio = RecordingTwilioServer.start(0);
        platform = Platform.start(config(TestServices.freshDatabase(), Map.of("SHOUWANG_RULES_TICK", "PT0.2S")), clock);
        awaitReadiness(200);

        // WHEN the platform clock stands still (as after a step back), so the rule clock cannot move
        clock.stall();

        // THEN readiness is 503, naming the rule engine and why, while every other part is up
        HttpResponse<String> down = awaitReadiness(503);
        JsonObject checks = new JsonObject(down.body()).getJsonObject("checks");
        assertThat(checks.getJsonObject("rules").getBoolean("up")).isFalse();
        assertThat(checks.getJsonObject("rules").getString("reason")).contains("规则时钟已", "秒未推进");
        assertThat(checks.getJsonObject("database").getBoolean("up")).isTrue();
        assertThat(checks.getJsonObject("broker").getBoolean("up")).isTrue();
        assertThat(checks.getJsonObject("ingest").getBoolean("up")).isTrue();
        assertThat(get(console() + "/health").statusCode()).as("/health answers as readiness").isEqualTo(503);
        assertThat(get(console() + "/health/live").statusCode()).as("the process is alive").isEqualTo(200);
        assertThat(value(scrape(), "shouwang_rules_clock_lag_seconds")).hasValueSatisfying(
                lag -> assertThat(lag).isGreaterThan(5.0));

        // WHEN the clock moves again THEN the rules are ready again
        clock.resume();
        awaitReadiness(200);
    }

    private HttpResponse<String> awaitReadiness(int status) {
        return await().alias("readiness " + status).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().until(() -> get(console() + "/health/ready"), r -> r.statusCode() == status);
    }

    private String scrape() throws Exception {
        HttpResponse<String> r = get(management() + "/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    /** The value of the first sample of {@code name} whose labels contain every one of {@code labels}. */
    private static Optional<Double> value(String metrics, String name, String... labels) {
        return metrics.lines()
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> Arrays.stream(labels).allMatch(l::contains))
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String console() {
        return "http://127.0.0.1:" + platform.consolePort();
    }

    private String management() {
        return "http://127.0.0.1:" + platform.managementPort();
    }

    private static void register(String dbUrl, String buttonId) {
        try (Database db = Database.open(DatabaseConfig.of(dbUrl))) {
            RegistryStore registry = new RegistryStore(db.dataSource());
            long elder = registry.createElder(new Elder(0, "孙玉兰", null, "平江街道", "大儒巷社区", "平江街道大儒巷9号",
                    null, true)).id();
            registry.addContact(elder, ContactRole.NEIGHBOUR_VOLUNTEER, "吴阿姨", "13800006666", 1);
            registry.addDevice(buttonId, DeviceKind.CALL_BUTTON, elder);
        }
    }

    private AppConfig config(String dbUrl, Map<String, String> extra) throws Exception {
        Map<String, String> env = TestPlatform.env(dbUrl, twilio, "metrics");
        env.putAll(extra);
        return ConfigLoader.load(null, env);
    }
}
