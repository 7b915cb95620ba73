package org.shouwang.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.app.ConfigLoader;
import org.shouwang.app.Platform;
import org.shouwang.standin.RecordingTwilioServer;
import org.shouwang.testkit.ConsoleSession;
import org.shouwang.testkit.TestServices;

/** The demo's sign-ins are seeded once, one per role, and each signs in to the real console with its scope. */
class DemoAccountsIT {

    private static RecordingTwilioServer twilio;
    private static Platform platform;

    @BeforeAll
    static void start() {
        twilio = RecordingTwilioServer.start(0);
        Map<String, String> env = TestPlatform.env(TestServices.freshDatabase(), twilio, "demo-accounts");
        platform = Platform.start(ConfigLoader.load(null, env), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        twilio.close();
    }

    @Test
    void demoAccountsAreSeededOnceOnePerRoleAndSignIn() {
        List<DemoAccounts.DemoAccount> first = DemoAccounts.seed(platform.database().dataSource());
        List<DemoAccounts.DemoAccount> again = DemoAccounts.seed(platform.database().dataSource());

        assertThat(again).isEqualTo(first);
        assertThat(first).extracting(DemoAccounts.DemoAccount::username)
                .containsExactly("district", "pingjiang", "pingjiang-1");
        String console = "http://127.0.0.1:" + platform.consolePort();
        ConsoleSession worker = ConsoleSession.login(console, "pingjiang-1", DemoAccounts.PASSWORD);
        assertThat(worker.session().get("role").asText()).isEqualTo("COMMUNITY_WORKER");
        assertThat(worker.session().get("communities").get(0).asText()).isEqualTo("平江第一社区");
        assertThat(worker.session().get("communities")).hasSize(1);
        assertThat(ConsoleSession.login(console, "pingjiang", DemoAccounts.PASSWORD).session().get("street").asText())
                .isEqualTo("平江街道");
    }
}
