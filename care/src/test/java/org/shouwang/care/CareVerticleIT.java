package org.shouwang.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.shouwang.care.CareHarness.MONDAY;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.LocalTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.care.CareHarness.Home;

/** The verticle ticks the rounds on its own worker, undeploys cleanly, and does nothing when disabled. */
class CareVerticleIT {

    private static final CareConfig CONFIG = new CareConfig(true, LocalTime.of(9, 0), LocalTime.of(21, 50),
            CareConfig.defaults().quietHours(), Duration.ofSeconds(1), CareConfig.DEFAULT_RETRY);

    private CareHarness h;
    private Vertx vertx;

    @BeforeEach
    void start() {
        h = new CareHarness(CareHarness.at(MONDAY, "09:00"));
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        h.close();
    }

    @Test
    void deployedVerticleSendsTheDaysRemindersOnItsTick() throws Exception {
        Home home = h.keyElder("王秀英");
        String id = vertx.deployVerticle(h.care(CONFIG).verticle()).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        await().alias("reminder sent by the verticle").atMost(Duration.ofSeconds(15))
                .until(() -> h.textsTo(home.neighbour()).size() == 1);
        vertx.undeploy(id).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(vertx.deploymentIDs()).isEmpty();
        assertThat(h.textsTo(home.neighbour())).containsExactly("【守望】今日请探访或致电王秀英，完成后回复 0");
    }

    @Test
    void disabledVerticleDeploysAndSendsNothing() throws Exception {
        Home home = h.keyElder("王秀英");
        vertx.deployVerticle(h.care(CONFIG.withEnabled(false)).verticle()).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        await().alias("nothing sent while disabled").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> h.stub.requests().isEmpty());

        assertThat(h.textsTo(home.neighbour())).isEmpty();
        assertThat(h.messages()).isEmpty();
    }
}
