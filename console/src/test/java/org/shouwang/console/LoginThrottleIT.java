package org.shouwang.console;

import org.shouwang.testkit.TestClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.console.ConsoleHarness.PASSWORD;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.db.AccountRole;

/**
 * The login throttle per client address and the lock-out per username and address, over real HTTP on a
 * real PostgreSQL. Each test plays its machines from its own loopback addresses (127.0.0.x), and the
 * clock only moves by hand, so every answer is decided by the policy, never by how fast the machine is.
 */
class LoginThrottleIT {

    private static final int FREE_FAILURES = LoginThrottle.FREE_FAILURES;

    /**
     * Nanoseconds past the microsecond, as the JDK's clock on Linux gives them: PostgreSQL rounds them away,
     * and the throttle must still judge a finished wait as finished.
     */
    private static final TestClock CLOCK = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS)
            .plusNanos(999_999_999));
    private static ConsoleHarness console;

    @BeforeAll
    static void start() {
        console = new ConsoleHarness(CLOCK);
        ConsoleAccounts.createIfAbsent(console.accounts, "duty", "值班长", AccountRole.STREET, ConsoleHarness.STREET,
                List.of(), PASSWORD, "t");
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void oneAddressGuessingOverManyUsernamesGets429WithARetryAfterThatDoubles() {
        String attacker = "127.0.0.2";
        for (int i = 0; i < FREE_FAILURES; i++) {
            assertThat(console.tryLoginFrom(attacker, "guess-" + i, "wrong-password").statusCode())
                    .as("failure %d is answered", i + 1).isEqualTo(401);
        }

        HttpResponse<Buffer> throttled = console.tryLoginFrom(attacker, "guess-x", "wrong-password");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.getHeader("Retry-After")).isEqualTo("1");
        assertThat(throttled.bodyAsJsonObject().getString("error")).contains("过于频繁", "1 秒");
        HttpResponse<Buffer> rightPassword = console.tryLoginFrom(attacker, "street", PASSWORD);
        assertThat(rightPassword.statusCode()).as("no password is checked while the address waits").isEqualTo(429);
        assertThat(rightPassword.cookies()).isEmpty();
        assertThat(console.tryLoginFrom("127.0.0.3", "street", PASSWORD).statusCode())
                .as("another address is not held up").isEqualTo(200);

        CLOCK.advance(Duration.ofSeconds(1));
        assertThat(console.tryLoginFrom(attacker, "guess-y", "wrong-password").statusCode()).isEqualTo(401);
        assertThat(console.tryLoginFrom(attacker, "guess-z", "wrong-password").getHeader("Retry-After")).isEqualTo("2");
        CLOCK.advance(Duration.ofSeconds(2));
        assertThat(console.tryLoginFrom(attacker, "guess-w", "wrong-password").statusCode()).isEqualTo(401);
        assertThat(console.tryLoginFrom(attacker, "guess-v", "wrong-password").getHeader("Retry-After")).isEqualTo("4");

        CLOCK.advance(Duration.ofMinutes(16));
        assertThat(console.tryLoginFrom(attacker, "street", PASSWORD).statusCode())
                .as("the failures have left the window").isEqualTo(200);
    }

    @Test
    void aBurstFromOneAddressGetsNoMoreAnswersThanTheFreeFailures() {
        List<Future<HttpResponse<Buffer>>> burst = new ArrayList<>();
        IntStream.range(0, 40).forEach(i ->
                burst.add(console.sendLoginFrom("127.0.0.4", "burst-" + i, "wrong-password", null)));
        List<HttpResponse<Buffer>> answers = burst.stream().map(ConsoleHarness::await).toList();

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(401, 429)
                .filteredOn(status -> status == 401).hasSizeLessThanOrEqualTo(FREE_FAILURES);
        assertThat(answers).filteredOn(r -> r.statusCode() == 429)
                .allSatisfy(r -> assertThat(r.getHeader("Retry-After")).isNotBlank());
    }

    @Test
    void failuresFromOneAddressLockTheAccountThereButItsOwnerStillSignsInFromAnother() {
        String attacker = "127.0.0.5";
        for (int i = 0; i < 4; i++) {
            assertThat(console.tryLoginFrom(attacker, "duty", "wrong-password-" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<Buffer> fifth = console.tryLoginFrom(attacker, "duty", "wrong-password-5");
        assertThat(fifth.statusCode()).isEqualTo(429);
        assertThat(fifth.bodyAsJsonObject().getString("error")).contains("锁定", "15 分钟");
        assertThat(console.tryLoginFrom(attacker, "duty", PASSWORD).statusCode())
                .as("locked at the attacker's address, even for the right password").isEqualTo(429);

        HttpResponse<Buffer> owner = console.tryLoginFrom("127.0.0.6", "duty", PASSWORD);
        assertThat(owner.statusCode()).as("the duty officer at their own desk").isEqualTo(200);
        assertThat(owner.cookies()).isNotEmpty();
        assertThat(fifth.getHeader("Retry-After")).isEqualTo(String.valueOf(Duration.ofMinutes(15).toSeconds()));
    }

    @Test
    void withoutATrustedProxyXForwardedForIsIgnored() {
        String attacker = "127.0.0.7";
        for (int i = 0; i < FREE_FAILURES; i++) {
            assertThat(ConsoleHarness.await(console.sendLoginFrom(attacker, "xff-" + i, "wrong-password",
                    "198.51.100." + i)).statusCode()).isEqualTo(401);
        }
        assertThat(ConsoleHarness.await(console.sendLoginFrom(attacker, "xff-x", "wrong-password", "198.51.100.99"))
                .statusCode()).as("a forged X-Forwarded-For does not make a new address").isEqualTo(429);
    }

    @Test
    void behindATrustedProxyTheClientItForwardedForCountsAndForgedEntriesToTheLeftDoNot() {
        ConsoleVerticle proxied = console.deploy(new ConsoleConfig("127.0.0.1", 0)
                .withTrustedProxies(List.of("127.0.0.1")), List.of(), CLOCK);
        WebClient viaProxy = WebClient.create(console.vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(proxied.actualPort()));
        try {
            for (int i = 0; i < FREE_FAILURES; i++) {
                assertThat(login(viaProxy, "203.0.113.9", "proxied-" + i, "wrong-password").statusCode()).isEqualTo(401);
            }
            assertThat(login(viaProxy, "203.0.113.9", "proxied-x", "wrong-password").statusCode()).isEqualTo(429);
            assertThat(login(viaProxy, "203.0.113.10, 203.0.113.9", "proxied-y", "wrong-password").statusCode())
                    .as("the client cannot pick its address by writing to the left of the proxy's entry")
                    .isEqualTo(429);
            assertThat(login(viaProxy, "203.0.113.10", "street", PASSWORD).statusCode())
                    .as("another client behind the same proxy").isEqualTo(200);
        } finally {
            viaProxy.close();
            ConsoleHarness.await(console.vertx.undeploy(proxied.deploymentID()));
        }
    }

    private static HttpResponse<Buffer> login(WebClient client, String forwardedFor, String username, String password) {
        return ConsoleHarness.await(client.post("/api/login").putHeader(ClientAddress.FORWARDED_FOR, forwardedFor)
                .sendJsonObject(new JsonObject().put("username", username).put("password", password)));
    }
}
