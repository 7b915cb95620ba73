package org.shouwang.rules;

import org.shouwang.testkit.TestClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.shouwang.rules.TestRecords.button;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.model.Addresses;
import org.shouwang.model.Alert;
import org.shouwang.model.AlertCleared;
import org.shouwang.model.DeviceEvent.Action;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.DeviceStatus;
import org.shouwang.model.IncidentChange;
import org.shouwang.model.IncidentResolution;
import org.shouwang.model.IncidentState;
import org.shouwang.model.Json;
import org.shouwang.model.Rule;
import org.shouwang.model.RuleContext;
import org.shouwang.model.RuleThresholds;
import org.shouwang.model.WaterInterval;

/** The rules on a real event bus: accepted records in, alert and clear JSON out, the rule clock following a test clock. */
class RulesVerticleTest {

    private static final Instant T0 = Instant.parse("2025-01-06T08:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final TestClock clock = new TestClock(T0);
    private final List<Alert> raised = new CopyOnWriteArrayList<>();
    private final List<AlertCleared> cleared = new CopyOnWriteArrayList<>();
    private final MemoryRuleStore store = new MemoryRuleStore();
    private Vertx vertx;
    private String deploymentId;

    @BeforeEach
    void deploy() throws Exception {
        vertx = Vertx.vertx();
        vertx.eventBus().<String>consumer(Addresses.ALERT_RAISED, m -> raised.add(Json.read(m.body(), Alert.class)))
                .completion().await(10, TimeUnit.SECONDS);
        vertx.eventBus().<String>consumer(Addresses.ALERT_CLEARED, m -> cleared.add(Json.read(m.body(), AlertCleared.class)))
                .completion().await(10, TimeUnit.SECONDS);
        store.context = new RuleContext(List.of(
                new RuleContext.DeviceHome("meter-1", DeviceKind.WATER_METER, 1, "平江街道", null, null),
                new RuleContext.DeviceHome("button-1", DeviceKind.CALL_BUTTON, 1, "平江街道", null, null)),
                RuleThresholds.NONE, Map.of(), Map.of(), false, Set.of(), List.of());
        // A short tick so a clock moved by the test reaches the rules within milliseconds; the meter
        // reports twice a day here, so it is not silent between the test's readings.
        RuleSettings settings = RuleSettings.DEFAULTS.withTick(Duration.ofMillis(10))
                .withDefaults(RuleThresholds.NONE.withMeterReportInterval(Duration.ofHours(12)));
        deploymentId = vertx.deployVerticle(new RulesVerticle(settings, clock, store)).await(60, TimeUnit.SECONDS);
    }

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void buttonPressOnTheBusComesBackAsAlertJsonAndIsJournaled() {
        vertx.eventBus().publish(Addresses.EVENT_ACCEPTED, Json.write(button("button-1", "msg-1", T0, Action.PRESS)));

        await().alias("BUTTON_PRESSED raised").atMost(TIMEOUT).until(() -> !raised.isEmpty());
        assertThat(raised).singleElement().satisfies(alert -> {
            assertThat(alert.alertId()).isEqualTo("BUTTON_PRESSED:button-1:msg-1");
            assertThat(alert.at()).isEqualTo(T0);
        });
        await().alias("journaled").atMost(TIMEOUT).until(() -> store.journal.containsKey("BUTTON_PRESSED:button-1:msg-1"));
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
    void noWaterUseIsRaisedWhenTheClockPassesTheWindowAndClearedWhenWaterRunsAgain() {
        // GIVEN a meter that used water at T0, and reported at T0+24h that nothing was used since
        publishReading(T0, 20);
        clock.advance(Duration.ofHours(24));
        publishReading(T0.plus(Duration.ofHours(24)), 0);

        // THEN NO_WATER_USE arrives, raised when the window ran out
        await().alias("NO_WATER_USE raised").atMost(TIMEOUT).until(() -> !raised.isEmpty());
        assertThat(raised).singleElement().satisfies(alert -> {
            assertThat(alert.rule()).isEqualTo(Rule.NO_WATER_USE);
            assertThat(alert.at()).isEqualTo(T0.plus(Duration.ofHours(24)));
            assertThat(alert.alertId()).isEqualTo("NO_WATER_USE:meter-1:" + T0.toEpochMilli());
        });

        // WHEN water runs again THEN the clear goes out on its own address with the alert's id
        clock.advance(Duration.ofHours(1));
        publishReading(T0.plus(Duration.ofHours(25)), 15);
        await().alias("NO_WATER_USE cleared").atMost(TIMEOUT).until(() -> !cleared.isEmpty());
        assertThat(cleared).singleElement().satisfies(c -> assertThat(c.alertId()).isEqualTo(raised.get(0).alertId()));
        await().alias("clear journaled").atMost(TIMEOUT)
                .until(() -> store.journal.get(raised.get(0).alertId()).clearedAt() != null);
    }

    @Test
    void aResolvedIncidentOnTheBusRearmsItsRuleFromTheResolution() {
        // GIVEN NO_WATER_USE raised at T0+24h
        publishReading(T0, 20);
        clock.advance(Duration.ofHours(24));
        publishReading(T0.plus(Duration.ofHours(24)), 0);
        await().alias("NO_WATER_USE raised").atMost(TIMEOUT).until(() -> !raised.isEmpty());

        // WHEN staff resolve its incident at T0+25h (the notifier announces the change; the store holds it)
        clock.advance(Duration.ofHours(1));
        Instant resolvedAt = clock.instant();
        store.resolutions.put(42L, new IncidentResolution(resolvedAt, List.of(raised.get(0).alertId())));
        vertx.eventBus().publish(Addresses.INCIDENT_CHANGED,
                Json.write(new IncidentChange(42L, 7L, IncidentState.RESOLVED, "resolved")));
        await().alias("episode closed by the resolution").atMost(TIMEOUT).until(() -> !cleared.isEmpty());
        await().alias("watch restart kept").atMost(TIMEOUT).until(() -> !store.watches.isEmpty());

        // THEN with still no water, the rule raises again a day after the resolution
        clock.advance(Duration.ofHours(24));
        publishReading(clock.instant(), 0);
        await().alias("raised again").atMost(TIMEOUT).until(() -> raised.size() == 2);
        assertThat(raised.get(1).alertId()).isEqualTo("NO_WATER_USE:meter-1:" + resolvedAt.toEpochMilli());
    }

    @Test
    void aRulesChangedNotificationAppliesNewThresholdsWithoutARestart() {
        publishReading(T0, 20);
        clock.advance(Duration.ofHours(13));
        publishReading(T0.plus(Duration.ofHours(13)), 0);
        await().during(Duration.ofMillis(300)).atMost(TIMEOUT).until(raised::isEmpty);

        // WHEN extreme weather is switched on district-wide in the database and announced
        store.context = new RuleContext(store.context.devices(), RuleThresholds.NONE, Map.of(), Map.of(), true,
                Set.of(), List.of());
        vertx.eventBus().publish(Addresses.RULES_CHANGED, "{\"what\":\"weather\"}");

        // THEN the 12-hour window applies at once
        await().alias("NO_WATER_USE under extreme weather").atMost(TIMEOUT).until(() -> !raised.isEmpty());
        assertThat(raised.get(0).detail()).contains("极端天气模式");
    }

    @Test
    void aButtonStatusOnTheBusIsJudged() {
        // The status carries its own time, so it counts from T0 whenever the rules get to it.
        vertx.eventBus().publish(Addresses.STATUS_ACCEPTED, Json.write(new DeviceStatus("button-1", false, T0)));
        clock.advance(Duration.ofHours(1));

        await().alias("button offline for its heartbeat").atMost(TIMEOUT).until(() -> !raised.isEmpty());
        assertThat(raised).extracting(Alert::rule).containsExactly(Rule.DEVICE_SILENT);
    }

    @Test
    void undeployStopsTheRulesAndStopTwiceIsHarmless() throws Exception {
        RulesVerticle verticle = new RulesVerticle(RuleSettings.DEFAULTS, clock);
        String second = vertx.deployVerticle(verticle).await(60, TimeUnit.SECONDS);

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

    /** A reading at {@code at}: its last quarter hour used {@code liters}, and nothing since the previous reading. */
    private void publishReading(Instant at, double liters) {
        Instant quarter = at.minus(Duration.ofMinutes(15));
        List<WaterInterval> intervals = new ArrayList<>();
        if (lastReading != null && lastReading.isBefore(quarter)) {
            intervals.add(new WaterInterval(lastReading, quarter, 0));
        }
        intervals.add(new WaterInterval(quarter, at, liters));
        lastReading = at;
        vertx.eventBus().publish(Addresses.TELEMETRY_ACCEPTED, Json.write(
                TestRecords.batch("meter-1", "m" + at.toEpochMilli(), at, at, intervals, 90)));
    }

    private Instant lastReading;
}
