package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every answer forbids framing beside its CSP; behind TLS (secure cookies) every answer also sends HSTS. */
class SecurityHeadersIT {

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
    void everyKindOfAnswerSaysXFrameOptionsDenyBesideTheCspAndPlainHttpSendsNoHsts() {
        List<HttpResponse<Buffer>> answers = List.of(
                console.anonymousGet("/"),
                console.anonymousGet("/api/incidents"),
                console.anonymousGet("/health"),
                console.get("/api/no-such-route"),
                console.get("/api/incidents"),
                console.anonymousGet("/no-such-file.html"),
                console.tryLogin("street", "wrong-password"));

        assertThat(answers).allSatisfy(r -> {
            assertThat(r.getHeader("X-Frame-Options")).as(r.statusCode() + " " + r.bodyAsString()).isEqualTo("DENY");
            assertThat(r.getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'");
            assertThat(r.getHeader("Strict-Transport-Security")).isNull();
        });
    }

    @Test
    void withSecureCookiesEveryAnswerSendsStrictTransportSecurity() {
        ConsoleVerticle secure = console.deploy(new ConsoleConfig("127.0.0.1", 0).withSecureCookies(true), List.of(),
                Clock.systemUTC());
        WebClient client = WebClient.create(console.vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(secure.actualPort()));
        try {
            List<HttpResponse<Buffer>> answers = List.of(
                    ConsoleHarness.await(client.get("/").send()),
                    ConsoleHarness.await(client.get("/api/incidents").send()),
                    ConsoleHarness.await(client.get("/health").send()),
                    ConsoleHarness.await(client.post("/api/login").sendJsonObject(new JsonObject()
                            .put("username", "street").put("password", ConsoleHarness.PASSWORD))));

            assertThat(answers).allSatisfy(r -> {
                assertThat(r.getHeader("Strict-Transport-Security")).as(r.statusCode() + "")
                        .isEqualTo("max-age=31536000");
                assertThat(r.getHeader("X-Frame-Options")).isEqualTo("DENY");
            });
        } finally {
            client.close();
            ConsoleHarness.await(console.vertx.undeploy(secure.deploymentID()));
        }
    }
}
