package org.shouwang.rules;

import org.shouwang.testkit.TestClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.db.Database;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.db.RegistryStore;
import org.shouwang.db.RuleStore;
import org.shouwang.db.TelemetryStore;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.Addresses;
import org.shouwang.model.Alert;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;
import org.shouwang.model.Json;
import org.shouwang.model.RuleHistory;

/**
 * The rules start at once and page presses while their state is still being rebuilt: a history that
 * takes long to read must not keep a press waiting (issue 9, item 3). The database read is held open by
 * the test, so "while recovering" is a fact, not a race.
 */
class RulesStartIT {

    private static final Instant T0 = Instant.parse("2025-02-03T00:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String BUTTON = "start-b1";
    private static final String METER = "start-m1";

    private final TestClock clock = new TestClock(T0);
    private final List<Alert> raised = new CopyOnWriteArrayList<>();
    private final CountDownLatch historyAsked = new CountDownLatch(1);
    private final CountDownLatch historyMayAnswer = new CountDownLatch(1);
    private Database db;
    private TelemetryStore telemetry;
    private RuleContextSource slowHistory;
    private Vertx vertx;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()));
        telemetry = new TelemetryStore(db.dataSource());
        RegistryStore registry = new RegistryStore(db.dataSource());
        long elder = registry.createElder(new Elder(0, "周阿公", null, "金阊街道", "石路社区", "石路9号", null, true)).id();
        registry.addDevice(BUTTON, DeviceKind.CALL_BUTTON, elder);
        registry.addDevice(METER, DeviceKind.WATER_METER, elder);
        RuleStore store = new RuleStore(db.dataSource());
        // The real store; its history answers only when the test lets it (a history of millions of rows).
        slowHistory = RuleContextSource.of(store::context, request -> heldHistory(store, request), store::water,
                store::record, store::record, store::resolution);
        vertx = Vertx.vertx();
        vertx.eventBus().<String>consumer(Addresses.ALERT_RAISED, m -> raised.add(Json.read(m.body(), Alert.class)))
                .completion().await(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() throws Exception {
        historyMayAnswer.countDown();
        vertx.close().await(30, TimeUnit.SECONDS);
        db.close();
    }

    @Test
    void aPressDuringRecoveryIsPagedBeforeRecoveryEndsAndOnlyOnce() throws Exception {
        // GIVEN the rules deployed, reading their history
        RulesVerticle rules = new RulesVerticle(RuleSettings.DEFAULTS.withTick(Duration.ofMillis(10)), clock, slowHistory);
        Future<String> deployed = vertx.deployVerticle(rules);
        assertThat(historyAsked.await(120, TimeUnit.SECONDS)).as("recovery reads the history").isTrue();

        // THEN the start is complete: the rest of the platform need not wait for the history
        await().alias("rules verticle started").atMost(TIMEOUT).until(deployed::isComplete);
        assertThat(deployed.succeeded()).isTrue();

        // WHEN a press is stored and announced, as ingest does, while recovery still runs
        press("p1");

        // THEN it is paged while the history is still unread
        await().alias("press paged during recovery").atMost(TIMEOUT).until(() -> !raised.isEmpty());
        assertThat(rules.recovered().isComplete()).as("recovery still in progress").isFalse();
        assertThat(raised).singleElement().satisfies(alert -> {
            assertThat(alert.alertId()).isEqualTo("BUTTON_PRESSED:" + BUTTON + ":p1");
            assertThat(alert.at()).isEqualTo(T0);
        });

        // WHEN the history is read and the rules go live, and the button is pressed again
        historyMayAnswer.countDown();
        rules.recovered().await(60, TimeUnit.SECONDS);
        clock.advance(Duration.ofMinutes(1));
        press("p2");

        // THEN the second press follows the first, which was not paged a second time by the recovery
        await().alias("second press paged").atMost(TIMEOUT).until(() -> raised.size() >= 2);
        assertThat(raised).extracting(Alert::alertId)
                .containsExactly("BUTTON_PRESSED:" + BUTTON + ":p1", "BUTTON_PRESSED:" + BUTTON + ":p2");
        await().alias("both journaled once").atMost(TIMEOUT).until(() -> journaled() == 2);
    }

    @Test
    void readingsThatWaitedForRecoveryAreJudgedAtTheirOwnArrivalNotAsIfTheMeterHadBeenSilent() throws Exception {
        // GIVEN the rules reading their history while a meter reports every two hours (silent after 3 h)
        RulesVerticle rules = new RulesVerticle(RuleSettings.DEFAULTS.withTick(Duration.ofMillis(10)), clock, slowHistory);
        vertx.deployVerticle(rules).await(60, TimeUnit.SECONDS);
        assertThat(historyAsked.await(120, TimeUnit.SECONDS)).isTrue();
        for (int hour = 0; hour <= 6; hour += 2) {
            clock.set(T0.plus(Duration.ofHours(hour)));
            reading("r" + hour);
        }

        // WHEN recovery ends, six hours after the first of them, and the button is pressed
        historyMayAnswer.countDown();
        rules.recovered().await(60, TimeUnit.SECONDS);
        press("after");

        // THEN the press is the only alert: no DEVICE_SILENT from the clock running ahead of the readings
        await().alias("press paged").atMost(TIMEOUT).until(() -> !raised.isEmpty());
        assertThat(raised).extracting(Alert::rule).containsExactly(org.shouwang.model.Rule.BUTTON_PRESSED);
    }

    private void reading(String msgId) {
        Instant t = clock.instant();
        org.shouwang.model.Telemetry reading = new org.shouwang.model.Telemetry(METER, msgId, t, t, 1000.0,
                List.of(new org.shouwang.model.WaterInterval(t.minusSeconds(900), t, 12)), 0.0, 90, -80);
        telemetry.writeBatch(List.of(reading), List.of());
        vertx.eventBus().publish(Addresses.TELEMETRY_ACCEPTED, Json.write(reading));
    }

    private RuleHistory heldHistory(RuleStore store, RuleHistory.Request request) {
        historyAsked.countDown();
        try {
            if (!historyMayAnswer.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the history answer");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return store.history(request);
    }

    private void press(String msgId) {
        Instant t = clock.instant();
        DeviceEvent press = new DeviceEvent(BUTTON, msgId, t, t, DeviceEvent.Kind.BUTTON, DeviceEvent.Action.PRESS, null, 90);
        telemetry.writeBatch(List.of(), List.of(press));
        vertx.eventBus().publish(Addresses.EVENT_ACCEPTED, Json.write(press));
    }

    private long journaled() {
        return new org.shouwang.db.Jdbc(db.dataSource()).one("SELECT count(*) FROM rule_alert", rs -> rs.getLong(1))
                .orElse(0L);
    }
}
