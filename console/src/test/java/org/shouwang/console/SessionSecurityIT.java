package org.shouwang.console;

import org.shouwang.testkit.TestClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.shouwang.console.ConsoleHarness.PASSWORD;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.db.AuditEntry;
import org.shouwang.db.AuditStore;
import org.shouwang.model.Incident;
import org.shouwang.model.Rule;

/** Sessions, CSRF, the lock-out and the scoped live stream, over real HTTP on a real PostgreSQL. */
class SessionSecurityIT {

    private static final TestClock CLOCK = new TestClock(Instant.now());
    private static ConsoleHarness console;

    @BeforeAll
    static void start() {
        console = new ConsoleHarness(CLOCK);
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void apiWithoutASessionIs401AndTheCookieIsHttpOnlyAndSameSiteStrict() {
        HttpResponse<Buffer> r = console.anonymousGet("/api/incidents");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("请先登录");

        HttpResponse<Buffer> login = console.tryLogin("street", PASSWORD);
        assertThat(login.cookies()).singleElement().satisfies(c -> assertThat(c)
                .startsWith("sw_session=").containsIgnoringCase("HttpOnly").contains("SameSite=Strict").contains("Path=/")
                .doesNotContainIgnoringCase("Secure"));
        assertThat(login.bodyAsJsonObject().getString("role")).isEqualTo("STREET");
        assertThat(login.bodyAsString()).doesNotContain(PASSWORD);
    }

    @Test
    void changeWithoutOrWithAWrongCsrfTokenOrFromAnotherOriginIs403AndChangesNothing() {
        Incident incident = console.raise(console.newElder(), Rule.BUTTON_PRESSED);
        String ack = "/api/incidents/" + incident.id() + "/ack";

        HttpResponse<Buffer> missing = console.street.postWithoutCsrf(ack, new JsonObject());
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(missing.bodyAsJsonObject().getString("error")).contains("CSRF");

        StaffClient forged = new StaffClient(console.client, console.street.cookie, "not-the-token", null);
        assertThat(forged.post(ack, null).statusCode()).isEqualTo(403);

        HttpResponse<Buffer> crossSite = ConsoleHarness.await(console.client.post(ack)
                .putHeader("Cookie", "sw_session=" + console.street.cookie)
                .putHeader(Authenticator.CSRF_HEADER, console.street.csrf)
                .putHeader("Origin", "https://evil.example").send());
        assertThat(crossSite.statusCode()).isEqualTo(403);

        assertThat(console.incidents.find(incident.id()).orElseThrow().state().wire()).isEqualTo("open");
        // Behind a TLS proxy the browser's origin is the proxy's host, passed on as X-Forwarded-Host.
        HttpResponse<Buffer> proxied = ConsoleHarness.await(console.client.post(ack)
                .putHeader("Cookie", "sw_session=" + console.street.cookie)
                .putHeader(Authenticator.CSRF_HEADER, console.street.csrf)
                .putHeader("Origin", "https://shouwang.example").putHeader("X-Forwarded-Host", "shouwang.example").send());
        assertThat(proxied.statusCode()).isEqualTo(200);
    }

    @Test
    void fiveFailuresLockTheUsernameAtThatAddressEvenForTheRightPasswordUntilTheWindowPasses() {
        // Its own address, so the per-address throttle of the other tests' failures does not interfere.
        String desk = "127.0.0.20";
        ConsoleAccounts.createIfAbsent(console.accounts, "locky", "锁定测试", org.shouwang.db.AccountRole.STREET,
                ConsoleHarness.STREET, java.util.List.of(), PASSWORD, "t");
        for (int i = 0; i < 4; i++) {
            assertThat(console.tryLoginFrom(desk, "locky", "wrong-password-" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<Buffer> fifth = console.tryLoginFrom(desk, "locky", "wrong-password-5");
        assertThat(fifth.statusCode()).isEqualTo(429);
        assertThat(fifth.bodyAsJsonObject().getString("error")).contains("锁定", "15 分钟");

        HttpResponse<Buffer> right = console.tryLoginFrom(desk, "locky", PASSWORD);
        assertThat(right.statusCode()).isEqualTo(429);
        assertThat(right.cookies()).isEmpty();
        assertThat(console.tryLoginFrom(desk, "street", PASSWORD).statusCode()).as("other users unaffected").isEqualTo(200);

        CLOCK.advance(Duration.ofMinutes(16));
        assertThat(console.tryLoginFrom(desk, "locky", PASSWORD).statusCode()).isEqualTo(200);
        assertThat(new AuditStore(console.db.dataSource()).recent(50)).extracting(AuditEntry::action)
                .contains("LOGIN_FAILED", "LOGIN_LOCKED", "LOGIN");
    }

    @Test
    void unknownUsernameGetsTheSameAnswerAndIsLockedAlike() {
        String desk = "127.0.0.21";
        HttpResponse<Buffer> r = console.tryLoginFrom(desk, "nobody-here", "whatever-pass");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("用户名或密码错误");
        for (int i = 0; i < 4; i++) {
            console.tryLoginFrom(desk, "nobody-here", "whatever-pass");
        }
        assertThat(console.tryLoginFrom(desk, "nobody-here", "whatever-pass").statusCode()).isEqualTo(429);
    }

    @Test
    void afterLogoutTheSessionOpensNothing() {
        StaffClient me = console.login("worker");
        assertThat(me.get("/api/session").statusCode()).isEqualTo(200);

        assertThat(me.post("/api/logout", null).statusCode()).isEqualTo(200);

        assertThat(me.get("/api/incidents").statusCode()).isEqualTo(401);
    }

    @Test
    void liveStreamDeliversNewIncidentsOnlyWithinTheScope() {
        StringBuffer streetSaw = new StringBuffer();
        StringBuffer workerSaw = new StringBuffer();
        HttpClient http = console.vertx.createHttpClient();
        open(http, console.street, streetSaw);
        open(http, console.worker, workerSaw);
        await().alias("both streams open").atMost(Duration.ofSeconds(10))
                .until(() -> streetSaw.toString().contains("event: ready") && workerSaw.toString().contains("event: ready"));

        Incident mine = console.raise(console.newElder(), Rule.BUTTON_PRESSED);
        Incident theirs = console.raise(console.newElder(ConsoleHarness.OTHER_COMMUNITY), Rule.BUTTON_PRESSED);

        await().alias("street staff see both").atMost(Duration.ofSeconds(10)).until(() ->
                streetSaw.toString().contains("\"id\":" + mine.id() + ",") && streetSaw.toString().contains("\"id\":" + theirs.id() + ","));
        await().alias("worker sees their own").atMost(Duration.ofSeconds(10))
                .until(() -> workerSaw.toString().contains("\"id\":" + mine.id() + ","));
        console.post("/api/incidents/" + theirs.id() + "/ack", null);
        await().alias("street staff see the acknowledgement").atMost(Duration.ofSeconds(10))
                .until(() -> streetSaw.toString().contains("\"change\":\"acknowledged\""));
        assertThat(workerSaw.toString()).doesNotContain("\"id\":" + theirs.id() + ",");
        assertThat(streetSaw.toString()).contains("event: incident", "\"ruleLabel\":\"一键呼叫\"");
        ConsoleHarness.await(http.close());
    }

    @Test
    void logoutEndsTheLiveStreamOfThatSession() {
        StaffClient me = console.login("worker");
        StringBuffer saw = new StringBuffer();
        java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
        HttpClient http = console.vertx.createHttpClient();
        http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(console.port)
                        .setURI("/api/incidents/stream").putHeader("Cookie", "sw_session=" + me.cookie))
                .compose(req -> req.send())
                .onSuccess(res -> res.handler(chunk -> saw.append(chunk.toString())).endHandler(v -> ended.set(true)));
        await().alias("stream open").atMost(Duration.ofSeconds(10)).until(() -> saw.toString().contains("event: ready"));

        assertThat(me.post("/api/logout", null).statusCode()).isEqualTo(200);

        await().alias("stream ended").atMost(Duration.ofSeconds(10)).untilTrue(ended);
        ConsoleHarness.await(http.close());
    }

    @Test
    void configuredAdministratorIsCreatedAtStartAndCanSignIn() {
        ConsoleVerticle withAdmin = new ConsoleVerticle(new ConsoleConfig("127.0.0.1", 0).withAdmin("root.admin",
                "bootstrap-secret-1"), console.stores, console.commands, org.shouwang.model.RuleThresholds.DEFAULTS,
                CareServices.of(console.stores, java.time.Clock.systemUTC()), java.util.List.of(),
                java.time.Clock.systemUTC());
        ConsoleHarness.await(console.vertx.deployVerticle(withAdmin));
        try {
            assertThat(console.accounts.findByUsername("root.admin").orElseThrow().role())
                    .isEqualTo(org.shouwang.db.AccountRole.DISTRICT);
            assertThat(console.tryLogin("root.admin", "bootstrap-secret-1").statusCode()).isEqualTo(200);
        } finally {
            ConsoleHarness.await(console.vertx.undeploy(withAdmin.deploymentID()));
        }
    }

    private static void open(HttpClient http, StaffClient who, StringBuffer saw) {
        http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(console.port)
                        .setURI("/api/incidents/stream").putHeader("Cookie", "sw_session=" + who.cookie))
                .compose(req -> req.send())
                .onSuccess((HttpClientResponse res) -> res.handler(chunk -> saw.append(chunk.toString())));
    }
}
