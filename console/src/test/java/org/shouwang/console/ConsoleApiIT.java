package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.console.ConsoleHarness.await;
import static org.shouwang.console.ConsoleHarness.ids;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.db.Database;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.Incident;
import org.shouwang.model.IncidentChange;
import org.shouwang.model.IncidentState;
import org.shouwang.model.Rule;

/** The incident queue, acknowledge and resolve, health and the page, over real HTTP on a real PostgreSQL. */
class ConsoleApiIT {

    private static ConsoleHarness console;

    @BeforeAll
    static void start() {
        console = new ConsoleHarness();
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void openQueueShowsTheIncidentWithItsElderAndPutsCriticalFirst() {
        long elderId = console.newElder();
        Incident quiet = console.raise(elderId, Rule.NO_WATER_USE);
        Incident pressed = console.raise(elderId, Rule.BUTTON_PRESSED);

        HttpResponse<Buffer> r = console.get("/api/incidents");

        assertThat(r.statusCode()).isEqualTo(200);
        List<Long> ids = ids(r.bodyAsJsonArray());
        assertThat(ids).contains(pressed.id(), quiet.id());
        assertThat(ids.indexOf(pressed.id())).isLessThan(ids.indexOf(quiet.id()));
        JsonObject row = row(r.bodyAsJsonArray(), pressed.id());
        assertThat(row.getString("ruleLabel")).isEqualTo("一键呼叫");
        assertThat(row.getString("severity")).isEqualTo("CRITICAL");
        assertThat(row.getString("state")).isEqualTo("open");
        assertThat(row.getJsonObject("elder").getString("name")).isEqualTo("张桂英");
        assertThat(row.getJsonObject("elder").getString("street")).isEqualTo("平江街道");
        assertThat(row.getJsonObject("elder").getString("community")).isEqualTo("大儒巷社区");
        // Street staff go to the home, so they see the address; nobody has been paged in this test.
        assertThat(row.getJsonObject("elder").getString("address")).isEqualTo("姑苏区大儒巷12号201室");
        assertThat(row.getJsonArray("paged")).isEmpty();
        assertThat(Instant.parse(row.getString("openedAt"))).isEqualTo(pressed.openedAt());
    }

    @Test
    void acknowledgingMovesAnOpenIncidentToAcknowledgedExactlyOnce() {
        long elderId = console.newElder();
        Incident incident = console.raise(elderId, Rule.BUTTON_PRESSED);
        String ack = "/api/incidents/" + incident.id() + "/ack";

        HttpResponse<Buffer> first = console.post(ack, null);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.bodyAsJsonObject().getString("state")).isEqualTo("acknowledged");
        assertThat(first.bodyAsJsonObject().getString("acknowledgedBy")).isEqualTo("陈值班");
        assertThat(ids(console.get("/api/incidents?state=open").bodyAsJsonArray())).doesNotContain(incident.id());
        assertThat(ids(console.get("/api/incidents?state=acknowledged").bodyAsJsonArray())).contains(incident.id());
        assertThat(console.changes)
                .contains(new IncidentChange(incident.id(), elderId, IncidentState.ACKNOWLEDGED, "acknowledged"));

        HttpResponse<Buffer> again = console.post(ack, null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.bodyAsJsonObject().getString("state")).isEqualTo("acknowledged");
    }

    @Test
    void theSignedInPersonIsTheActorWhateverTheBodyClaims() {
        Incident incident = console.raise(console.newElder(), Rule.BUTTON_PRESSED);

        HttpResponse<Buffer> ack = console.worker.post("/api/incidents/" + incident.id() + "/ack",
                new JsonObject().put("actor", "冒名者"));

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.bodyAsJsonObject().getString("acknowledgedBy")).isEqualTo("李社工");
    }

    @Test
    void resolvingWithAnOutcomeOutsideTheListIsRefused() {
        Incident incident = console.raise(console.newElder(), Rule.BUTTON_PRESSED);

        HttpResponse<Buffer> r = console.post("/api/incidents/" + incident.id() + "/resolve",
                new JsonObject().put("outcome", "随便写的"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getString("error")).contains("老人安全", "已送医");
    }

    @Test
    void resolvingNeedsAnOutcomeAndLeavesTheWholeStoryInTheTimeline() {
        Incident incident = console.raise(console.newElder(), Rule.BUTTON_PRESSED);
        String base = "/api/incidents/" + incident.id();
        assertThat(console.post(base + "/ack", new JsonObject().put("actor", "陈值班")).statusCode()).isEqualTo(200);

        HttpResponse<Buffer> noOutcome = console.post(base + "/resolve", new JsonObject().put("actor", "陈值班"));
        assertThat(noOutcome.statusCode()).isEqualTo(400);
        assertThat(noOutcome.bodyAsJsonObject().getString("error")).contains("处置结果");

        HttpResponse<Buffer> resolved = console.post(base + "/resolve", new JsonObject()
                .put("outcome", "误报").put("actor", "陈值班").put("note", "老人误触，已电话确认平安"));
        assertThat(resolved.statusCode()).isEqualTo(200);
        assertThat(resolved.bodyAsJsonObject().getString("state")).isEqualTo("resolved");
        assertThat(resolved.bodyAsJsonObject().getString("outcome")).isEqualTo("误报");

        JsonObject detail = console.get(base).bodyAsJsonObject();
        List<String> kinds = detail.getJsonArray("timeline").stream()
                .map(e -> ((JsonObject) e).getString("kind")).toList();
        assertThat(kinds).containsExactly("ALERT_RAISED", "ACKNOWLEDGED", "RESOLVED", "NOTE");
        assertThat(detail.getJsonArray("timeline").getJsonObject(3).getString("kindLabel")).isEqualTo("服务记录");
        assertThat(detail.getJsonArray("outcomes")).contains("老人安全", "误报", "设备故障", "已送医", "其他");
        assertThat(detail.getJsonObject("elder").getString("idNumber")).contains("********");
        assertThat(ids(console.get("/api/incidents?state=resolved").bodyAsJsonArray())).contains(incident.id());

        assertThat(console.post(base + "/resolve", new JsonObject().put("outcome", "误报")).statusCode()).isEqualTo(409);
        assertThat(console.post(base + "/ack", null).statusCode()).isEqualTo(409);
    }

    @Test
    void anAlertThatArrivedAfterTheCaseWasReadStopsItsResolutionUntilSeen() {
        long elder = console.newElder();
        Incident incident = console.raise(elder, Rule.NO_WATER_USE);
        String base = "/api/incidents/" + incident.id();
        int seen = console.get(base).bodyAsJsonObject().getInteger("alerts");
        assertThat(seen).isEqualTo(1);

        console.raise(elder, Rule.NO_WATER_USE); // attaches while the page is open

        HttpResponse<Buffer> stale = console.post(base + "/resolve",
                new JsonObject().put("outcome", "老人安全").put("alertsSeen", seen));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.bodyAsJsonObject().getString("error")).contains("1 条新报警");
        assertThat(stale.bodyAsJsonObject().getInteger("alerts")).isEqualTo(2);
        assertThat(console.get(base).bodyAsJsonObject().getString("state")).isEqualTo("open");
        JsonObject row = console.get("/api/incidents?state=open").bodyAsJsonArray().stream()
                .map(JsonObject.class::cast).filter(r -> r.getLong("id") == incident.id()).findFirst().orElseThrow();
        assertThat(row.getInteger("alerts")).isEqualTo(2);

        assertThat(console.post(base + "/resolve", new JsonObject().put("outcome", "老人安全").put("alertsSeen", -1))
                .statusCode()).isEqualTo(400);
        HttpResponse<Buffer> resolved = console.post(base + "/resolve",
                new JsonObject().put("outcome", "老人安全").put("alertsSeen", 2));
        assertThat(resolved.statusCode()).isEqualTo(200);
        assertThat(resolved.bodyAsJsonObject().getString("state")).isEqualTo("resolved");
    }

    @Test
    void theOperationsPageSeesEachProvidersLastSuccessAndFailure() {
        console.twilioHealth.succeeded();
        console.aliyunHealth.succeeded();
        console.aliyunHealth.failed(new org.shouwang.notifier.ChannelException(
                org.shouwang.notifier.ChannelException.Kind.RETRIABLE, "aliyun 503", 503, null, null));

        HttpResponse<Buffer> r = console.street.get("/api/operations/providers");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject twilio = r.bodyAsJsonArray().getJsonObject(0);
        JsonObject aliyun = r.bodyAsJsonArray().getJsonObject(1);
        assertThat(twilio.getString("name")).isEqualTo("twilio");
        assertThat(twilio.getString("lastSuccess")).isNotNull();
        assertThat(twilio.getBoolean("down")).isFalse();
        assertThat(aliyun.getString("label")).contains("阿里云");
        assertThat(aliyun.getString("lastFailure")).isNotNull();
        assertThat(aliyun.getString("lastFailureWhy")).contains("HTTP 503");
        assertThat(aliyun.getBoolean("down")).isTrue();
        assertThat(console.worker.get("/api/operations/providers").statusCode()).isEqualTo(403);
    }

    @Test
    void eachContactsNumberShowsTheProviderThatReachesIt() {
        long elderId = console.newElder();
        console.post("/api/elders/" + elderId + "/contacts", new JsonObject().put("role", "FAMILY_CONTACT")
                .put("name", "张女儿").put("phone", "13800001111"));

        JsonObject elder = console.street.get("/api/elders/" + elderId).bodyAsJsonObject();

        JsonObject daughter = elder.getJsonArray("contacts").getJsonObject(0);
        assertThat(daughter.getString("name")).isEqualTo("张女儿");
        // The harness routes by number, as a site with Alibaba Cloud configured does: mainland mobiles go there.
        assertThat(daughter.getString("provider")).isEqualTo("阿里云");
    }

    @Test
    void unknownStateIsABadRequestAndUnknownIncidentIsNotFound() {
        HttpResponse<Buffer> state = console.get("/api/incidents?state=closed");
        assertThat(state.statusCode()).isEqualTo(400);
        assertThat(state.bodyAsJsonObject().getString("error")).contains("open");

        assertThat(console.get("/api/incidents/987654").statusCode()).isEqualTo(404);
        assertThat(console.post("/api/incidents/987654/ack", null).statusCode()).isEqualTo(404);
        assertThat(console.post("/api/incidents/987654/resolve", new JsonObject().put("outcome", "误报")).statusCode())
                .isEqualTo(404);
        assertThat(console.get("/api/incidents/abc").statusCode()).isEqualTo(400);
        HttpResponse<Buffer> nowhere = console.get("/api/nowhere");
        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(nowhere.bodyAsJsonObject().getString("error")).isEqualTo("接口不存在");
    }

    @Test
    void malformedOrOversizedBodiesAreRefusedAsJson() {
        HttpResponse<Buffer> notJson = console.postRaw("/api/elders", "{name: 张");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.bodyAsJsonObject().getString("error")).contains("JSON");

        HttpResponse<Buffer> huge = console.postRaw("/api/elders", "{\"name\":\"" + "长".repeat(40_000) + "\"}");
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.bodyAsJsonObject().getString("error")).isEqualTo("请求内容过大");
    }

    @Test
    void healthIsUpWhenEveryCheckPasses() {
        HttpResponse<Buffer> r = console.get("/health");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("UP");
        assertThat(r.bodyAsJsonObject().getJsonObject("checks").getJsonObject("database").getBoolean("up")).isTrue();
    }

    @Test
    void healthIsDownWithTheReasonWhenTheDatabaseIsGone() {
        Database gone = Database.open(DatabaseConfig.of(TestServices.freshDatabase()));
        gone.close();
        HealthCheck pool = new HealthCheck() {
            @Override
            public String name() {
                return "pool";
            }

            @Override
            public boolean healthy() throws Exception {
                try (Connection c = gone.dataSource().getConnection()) {
                    return c.isValid(1);
                }
            }
        };
        ConsoleVerticle sick = console.deploy(List.of(HealthCheck.of("database", () -> gone.ping(1), "数据库无响应"),
                pool, HealthCheck.of("live", () -> console.db.ping(2), "数据库无响应")));
        try {
            HttpResponse<Buffer> r = await(console.client.get(sick.actualPort(), "127.0.0.1", "/health").send());

            assertThat(r.statusCode()).isEqualTo(503);
            JsonObject body = r.bodyAsJsonObject();
            assertThat(body.getString("status")).isEqualTo("DOWN");
            JsonObject checks = body.getJsonObject("checks");
            assertThat(checks.getJsonObject("database").getMap())
                    .containsEntry("up", false).containsEntry("reason", "数据库无响应");
            assertThat(checks.getJsonObject("pool").getBoolean("up")).isFalse();
            assertThat(checks.getJsonObject("pool").getString("reason")).contains("SQLException");
            assertThat(checks.getJsonObject("live").getBoolean("up")).isTrue();
        } finally {
            await(console.vertx.undeploy(sick.deploymentID()));
        }
    }

    @Test
    void aHangingProbeIsDownAfterFiveSecondsWhileLivenessStaysUpAndReadinessMatchesHealth() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ConsoleVerticle sick = console.deploy(List.of(HealthCheck.of("database", () -> console.db.ping(2), "数据库无响应"),
                HealthCheck.of("broker", () -> {
                    try {
                        return release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }, "MQTT 代理未连接"),
                HealthCheck.reporting("rules", () -> "规则时钟已 40 秒未推进")));
        try {
            long asked = System.nanoTime();
            HttpResponse<Buffer> ready = await(console.client.get(sick.actualPort(), "127.0.0.1", "/health/ready").send());
            long tookMs = (System.nanoTime() - asked) / 1_000_000;

            assertThat(ready.statusCode()).isEqualTo(503);
            JsonObject checks = ready.bodyAsJsonObject().getJsonObject("checks");
            assertThat(checks.getJsonObject("broker").getMap()).containsEntry("up", false)
                    .containsEntry("reason", "超过 5 秒未响应");
            assertThat(checks.getJsonObject("rules").getString("reason")).isEqualTo("规则时钟已 40 秒未推进");
            assertThat(checks.getJsonObject("database").getBoolean("up")).isTrue();
            assertThat(tookMs).as("answered at the probe timeout, not when the probe returns").isBetween(4_500L, 15_000L);

            HttpResponse<Buffer> live = await(console.client.get(sick.actualPort(), "127.0.0.1", "/health/live").send());
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(live.bodyAsJsonObject().getString("status")).isEqualTo("UP");

            release.countDown();
            HttpResponse<Buffer> health = await(console.client.get(sick.actualPort(), "127.0.0.1", "/health").send());
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.bodyAsJsonObject().getJsonObject("checks").fieldNames())
                    .containsExactlyInAnyOrder("database", "broker", "rules");
            assertThat(health.bodyAsJsonObject().getJsonObject("checks").getJsonObject("broker").getBoolean("up")).isTrue();
        } finally {
            release.countDown();
            await(console.vertx.undeploy(sick.deploymentID()));
        }
    }

    @Test
    void rootServesTheChinesePageAndItsScript() {
        HttpResponse<Buffer> page = console.anonymousGet("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.getHeader("Content-Type")).startsWith("text/html");
        assertThat(page.bodyAsString()).contains("<title>守望 · 事件处置台</title>", "lang=\"zh-CN\"", "登录", "用户名");
        HttpResponse<Buffer> script = console.anonymousGet("/js/queue.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.bodyAsString()).contains("/api/incidents/stream", "确认接手", "老人安全", "已送医");
    }

    private static JsonObject row(JsonArray rows, long id) {
        return rows.stream().map(JsonObject.class::cast).filter(r -> r.getLong("id") == id).findFirst().orElseThrow();
    }
}
