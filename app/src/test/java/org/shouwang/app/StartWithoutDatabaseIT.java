package org.shouwang.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.shouwang.testkit.TestServices;

/**
 * {@code shouwang run} with the database down waits for it instead of exiting, answering readiness 503 with the
 * reason meanwhile, and starts once the database answers (issue 9.11).
 */
class StartWithoutDatabaseIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void theServerWaitsForTheDatabaseAnsweringNotReadyAndStartsWhenItIsBack() throws Exception {
        String dbUrl = TestServices.freshDatabase();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = new HashMap<>();
        env.put("SHOUWANG_DATABASE_URL", dbUrl);
        env.put("SHOUWANG_MQTT_URL", TestServices.mqttUrl());
        env.put("SHOUWANG_MQTT_CLIENT_ID", "shouwang-it-nodb-" + run);
        env.put("SHOUWANG_MQTT_SHARED_GROUP", "");
        env.put("SHOUWANG_CONSOLE_PORT", Integer.toString(port));
        env.put("SHOUWANG_WEBHOOKS_PORT", "0");
        env.put("SHOUWANG_MANAGEMENT_PORT", "0");
        env.put("SHOUWANG_TWILIO_ACCOUNT_SID", "AC" + "0".repeat(32));
        env.put("SHOUWANG_TWILIO_AUTH_TOKEN", "it-token");
        env.put("SHOUWANG_TWILIO_FROM_NUMBER", "+12025550100");
        env.put("SHOUWANG_ESCALATION_OUTAGE_JOURNAL",
                java.nio.file.Files.createTempDirectory("shouwang-nodb").resolve("j.jsonl").toString());
        AppConfig cfg = ConfigLoader.load(null, env);
        String health = "http://127.0.0.1:" + port + "/health";

        TestServices.allowConnections(dbUrl, false);
        CompletableFuture<Platform> starting = CompletableFuture.supplyAsync(() -> {
            try {
                return Platform.startWhenDatabaseAnswers(cfg, Clock.systemUTC());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Platform platform = null;
        try {
            HttpResponse<String> waiting = await().alias("readiness answered while the database is down")
                    .atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> get(health), r -> r.statusCode() == 503);
            assertThat(waiting.body()).contains("DOWN", "database", "数据库无响应");
            assertThat(get(health + "/ready").body()).as("readiness answers as /health").isEqualTo(waiting.body());
            assertThat(get(health + "/ready").statusCode()).isEqualTo(503);
            assertThat(get(health + "/live").statusCode()).as("alive while waiting").isEqualTo(200);
            assertThat(starting).as("still waiting, not exited").isNotDone();

            TestServices.allowConnections(dbUrl, true);

            platform = starting.get(60, java.util.concurrent.TimeUnit.SECONDS);
            HttpResponse<String> ready = await().alias("ready once started").atMost(Duration.ofSeconds(30))
                    .ignoreExceptions().until(() -> get(health), r -> r.statusCode() == 200);
            assertThat(ready.body()).contains("UP");
            assertThat(get(health + "/ready").statusCode()).isEqualTo(200);
            assertThat(get(health + "/live").statusCode()).isEqualTo(200);
        } finally {
            TestServices.allowConnections(dbUrl, true);
            if (platform != null) {
                platform.close();
            } else {
                starting.thenAccept(Platform::close);
            }
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
