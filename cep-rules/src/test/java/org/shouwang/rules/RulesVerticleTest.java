package org.shouwang.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.shouwang.rules.TestRecords.button;
import static org.shouwang.rules.TestRecords.reading;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.model.Addresses;
import org.shouwang.model.Alert;
import org.shouwang.model.DeviceEvent.Action;
import org.shouwang.model.Json;
import org.shouwang.model.Rule;

/** The rules on a real event bus: accepted records in, alert JSON out, the rule clock following a test clock. */
class RulesVerticleTest {

    private static final Instant T0 = Instant.parse("2025-01-06T08:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock(T0);
    private final List<Alert> raised = new CopyOnWriteArrayList<>();
    private Vertx vertx;
    private String deploymentId;

    @BeforeEach
    void deploy() throws Exception {
        vertx = Vertx.vertx();
        vertx.eventBus().<String>consumer(Addresses.ALERT_RAISED, message -> raised.add(Json.read(message.body(), Alert.class)))
                .completion().await(10, TimeUnit.SECONDS);
        // A short tick so a clock moved by the test reaches the rules within milliseconds.
        RuleSettings settings = RuleSettings.DEFAULTS.withTick(Duration.ofMillis(10));
        deploymentId = vertx.deployVerticle(new RulesVerticle(settings, clock)).await(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void buttonPressOnTheBusComesBackAsAlertJson() {
        vertx.eventBus().publish(Addresses.EVENT_ACCEPTED, Json.write(button("button-1", "msg-1", T0, Action.PRESS)));

        await().alias("BUTTON_PRESSED raised").atMost(TIMEOUT).until(() -> !raised.isEmpty());
        assertThat(raised).containsExactly(new Alert(
                "BUTTON_PRESSED:button-1:msg-1", Rule.BUTTON_PRESSED, "button-1", T0, "button press"));
    }

    @Test
    void cancelAndUnreadableMessagesRaiseNothingAndDoNotStopTheConsumer() {
        vertx.eventBus().publish(Addresses.EVENT_ACCEPTED, Json.write(button("button-1", "msg-1", T0, Action.CANCEL)));
        vertx.eventBus().publish(Addresses.EVENT_ACCEPTED, "{not json");
        // Messages from one sender reach a consumer in order: once this press is seen, the two before it were judged.
        vertx.eventBus().publish(Addresses.EVENT_ACCEPTED, Json.write(button("button-1", "msg-2", T0, Action.PRESS)));

        await().alias("the press after the cancel raised").atMost(TIMEOUT).until(() -> !raised.isEmpty());
        assertThat(raised).extracting(Alert::alertId).containsExactly("BUTTON_PRESSED:button-1:msg-2");
    }

    @Test
    void noWaterUseIsRaisedWhenTheInjectedClockPassesTheWindow() {
        // GIVEN a meter that reported without use at T0
        vertx.eventBus().publish(Addresses.TELEMETRY_ACCEPTED, Json.write(reading("meter-1", "msg-1", T0, 0)));
        // and a press that proves the reading was fed before the clock moves
        vertx.eventBus().publish(Addresses.EVENT_ACCEPTED, Json.write(button("button-1", "msg-1", T0, Action.PRESS)));
        await().alias("marker press raised").atMost(TIMEOUT).until(() -> raised.size() == 1);

        // WHEN a day passes on the platform clock (the verticle's tick moves the rule clock)
        clock.advance(Duration.ofHours(24));

        // THEN NO_WATER_USE arrives, raised at the moment the window ran out
        await().alias("NO_WATER_USE raised").atMost(TIMEOUT).until(() -> raised.size() == 2);
        assertThat(raised.get(1)).satisfies(alert -> {
            assertThat(alert.rule()).isEqualTo(Rule.NO_WATER_USE);
            assertThat(alert.deviceId()).isEqualTo("meter-1");
            assertThat(alert.at()).isEqualTo(T0.plus(Duration.ofHours(24)));
            assertThat(alert.alertId()).isEqualTo("NO_WATER_USE:meter-1:" + T0.toEpochMilli());
        });
    }

    @Test
    void undeployStopsTheRulesAndStopTwiceIsHarmless() throws Exception {
        RulesVerticle verticle = new RulesVerticle(RuleSettings.DEFAULTS, clock);
        String second = vertx.deployVerticle(verticle).await(10, TimeUnit.SECONDS);

        vertx.undeploy(second).await(10, TimeUnit.SECONDS);
        verticle.stop(io.vertx.core.Promise.promise());
        vertx.undeploy(deploymentId).await(10, TimeUnit.SECONDS);

        // With both verticles gone, a press reaches no rules: a marker consumer proves delivery happened.
        List<String> delivered = new CopyOnWriteArrayList<>();
        vertx.eventBus().<String>consumer(Addresses.EVENT_ACCEPTED, message -> delivered.add(message.body()))
                .completion().await(10, TimeUnit.SECONDS);
        vertx.eventBus().publish(Addresses.EVENT_ACCEPTED, Json.write(button("button-1", "msg-3", T0, Action.PRESS)));
        await().alias("press delivered to the marker").atMost(TIMEOUT).until(() -> !delivered.isEmpty());
        assertThat(raised).isEmpty();
    }
}
