package org.shouwang.notifier;

import org.shouwang.standin.TwilioStubRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.db.NotificationChannel;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.Addresses;
import org.shouwang.model.Alert;
import org.shouwang.model.IncidentChange;
import org.shouwang.model.IncidentState;
import org.shouwang.model.Json;

/** The notifier on a real event bus and timer, PostgreSQL, and the Twilio stand-in driven by the real SDK. */
class NotifierVerticleIT {

    private static NotifierHarness h;
    private static Vertx vertx;

    private final List<IncidentChange> published = new CopyOnWriteArrayList<>();
    private Notifier notifier;
    private String deployment;
    private MessageConsumer<String> listener;
    private NotifierHarness.Home home;
    private Instant t0;

    @BeforeAll
    static void start() {
        h = new NotifierHarness(Instant.parse("2026-07-20T02:00:00Z"));
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        result(vertx.close());
        h.close();
    }

    @BeforeEach
    void elderWithAButton() {
        h.clock.advance(Duration.ofDays(1));
        t0 = h.clock.instant();
        h.stub.clear();
        home = h.home();
        notifier = h.notifier();
        listener = vertx.eventBus().consumer(Addresses.INCIDENT_CHANGED,
                m -> published.add(Json.read(m.body(), IncidentChange.class)));
    }

    @AfterEach
    void undeploy() throws Exception {
        result(listener.unregister());
        if (deployment != null) {
            result(vertx.undeploy(deployment));
            deployment = null;
        }
        h.quiesce();
    }

    private void deploy() throws Exception {
        deployment = result(vertx.deployVerticle(notifier.verticle(Duration.ofMillis(50))));
    }

    private String alertJson(String msgId) {
        return Json.write(h.press(home, msgId));
    }

    @Test
    void alertOnTheBusPagesTheCareTeamAndAnnouncesTheIncident() throws Exception {
        deploy();

        vertx.eventBus().publish(Addresses.ALERT_RAISED, alertJson("1"));

        await().alias("both contacts texted and called").atMost(10, TimeUnit.SECONDS)
                .untilAsserted(() -> assertThat(h.stub.requests()).hasSize(4));
        assertThat(h.stub.messages()).allSatisfy(m -> assertThat(m.body()).contains("王阿婆").contains("一键呼叫"));
        await().alias("incident announced").atMost(10, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(published).filteredOn(c -> c.elderId() == home.elder().id())
                        .extracting(IncidentChange::what).contains("opened", "paged"));
        assertThat(published).filteredOn(c -> c.elderId() == home.elder().id())
                .allSatisfy(c -> assertThat(c.state()).isEqualTo(IncidentState.OPEN));
    }

    @Test
    void aStopFinishesTheAlertInHandAndItsPagesBeforeClosing() throws Exception {
        // GIVEN a provider slow to answer (a leader handing over, a graceful restart, while a press is handled)
        deploy();
        h.stub.delayNext(Duration.ofMillis(800), 4);
        vertx.eventBus().publish(Addresses.ALERT_RAISED, alertJson("1"));
        await().alias("the alert in hand").atMost(10, TimeUnit.SECONDS).until(() -> !published.isEmpty());

        // WHEN the verticle is stopped at once
        result(vertx.undeploy(deployment));
        deployment = null;

        // THEN the stop returned only after every page of the press had reached the provider
        assertThat(h.stub.requests()).as("pages at the provider when the stop returned").hasSize(4);
    }

    @Test
    void timerRunsTheNextStepWhenTheClockReachesIt() throws Exception {
        deploy();
        result(vertx.eventBus().request(Addresses.ALERT_RAISED, alertJson("1")));
        // The timer may have claimed the first pages itself, and be sending them still.
        await().alias("first step paged").atMost(10, TimeUnit.SECONDS)
                .untilAsserted(() -> assertThat(h.stub.requests()).hasSize(4));

        h.clock.at(t0, Duration.ofMinutes(5));

        await().alias("emergency team paged by the timer").atMost(10, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(h.reached(4, "Messages")).containsExactlyInAnyOrder(home.team().phone(),
                        home.family().phone()));
    }

    @Test
    void clearedConditionOnTheBusStopsTheEscalation() throws Exception {
        deploy();
        Alert noWater = h.noWater(home);
        result(vertx.eventBus().request(Addresses.ALERT_RAISED, Json.write(noWater)));

        Object reply = result(vertx.eventBus().request(Addresses.ALERT_CLEARED, Json.write(noWater))).body();

        assertThat(reply).isEqualTo("STOPPED");
        long id = h.stores.escalations().unresolvedIncidentOf(home.meter(), noWater.rule()).orElseThrow();
        assertThat(h.stores.escalations().find(id).orElseThrow().active()).isFalse();
    }

    @Test
    void senderAskingForAnAnswerLearnsTheOutcome() throws Exception {
        deploy();

        Object first = result(vertx.eventBus().request(Addresses.ALERT_RAISED, alertJson("1"))).body();
        Object again = result(vertx.eventBus().request(Addresses.ALERT_RAISED, alertJson("1"))).body();

        assertThat(first).isEqualTo("OPENED");
        assertThat(again).isEqualTo("DUPLICATE");
        // The timer may have claimed some of the first pages itself, and be sending them still.
        await().alias("first pages sent, once").atMost(10, TimeUnit.SECONDS)
                .untilAsserted(() -> assertThat(h.stub.requests()).hasSize(4));
    }

    @Test
    void anAlertThatFailsWhileTheDatabaseIsAwayIsHandledOnceItIsBack() throws Exception {
        deploy();
        String dbName = currentDatabase();
        allowConnections(dbName, false);
        try {
            // GIVEN the database refuses connections, the first attempt fails and the sender hears of it
            Throwable first = resultFailure(vertx.eventBus().request(Addresses.ALERT_RAISED, alertJson("down"),
                    new DeliveryOptions().setSendTimeout(30_000)));
            assertThat(first).isInstanceOf(ReplyException.class);
            assertThat(h.stub.requests()).isEmpty();
        } finally {
            // WHEN it is back
            allowConnections(dbName, true);
        }
        // THEN the retried alert opens the incident and pages the care team, once
        await().alias("retried alert paged").atMost(40, TimeUnit.SECONDS)
                .untilAsserted(() -> assertThat(h.stub.requests()).hasSize(4));
        assertThat(incidentCount(home.elder().id())).isEqualTo(1);
    }

    private static long incidentCount(long elderId) throws Exception {
        try (Connection c = h.db.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM incident WHERE elder_id = " + elderId)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String currentDatabase() throws Exception {
        try (Connection c = h.db.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void allowConnections(String dbName, boolean allow) throws Exception {
        try (Connection admin = DriverManager.getConnection(TestServices.postgres());
             Statement s = admin.createStatement()) {
            s.execute("ALTER DATABASE " + dbName + " ALLOW_CONNECTIONS " + allow);
            if (!allow) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + dbName + "'");
            }
        }
    }

    private static Throwable resultFailure(Future<?> f) {
        return await().atMost(40, TimeUnit.SECONDS).until(() -> f.isComplete() ? f : null,
                done -> done != null).cause();
    }

    @Test
    void unreadableAlertIsRefusedAndTheNextOneStillPages() throws Exception {
        deploy();

        Throwable refused = catchFailure(vertx.eventBus().request(Addresses.ALERT_RAISED, "{not json"));
        vertx.eventBus().publish(Addresses.ALERT_RAISED, alertJson("1"));

        assertThat(refused).isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.failureCode()).isEqualTo(400));
        await().alias("later alert paged").atMost(10, TimeUnit.SECONDS)
                .untilAsserted(() -> assertThat(h.stub.requests()).hasSize(4));
    }

    @Test
    void pagesLeftPendingByACrashAreSentOnStart() throws Exception {
        long id = h.stores.incidents().recordAlert(home.elder().id(), h.press(home, "1")).incident().id();
        h.stores.outbox().enqueue(id, home.neighbour().id(), NotificationChannel.SMS, home.neighbour().phone(),
                "【守望】紧急求助 SW", id + ":pending:SMS");

        deploy();

        await().alias("pending page sent").atMost(10, TimeUnit.SECONDS)
                .untilAsserted(() -> assertThat(h.stub.messages()).extracting(TwilioStubRequest::to)
                        .containsExactly(home.neighbour().phone()));
    }

    @Test
    void acknowledgementFromTheConsoleIsPublishedToo() throws Exception {
        deploy();
        long id = h.stores.incidents().recordAlert(home.elder().id(), h.press(home, "1")).incident().id();

        notifier.commands().acknowledge(id, "张三", "console");

        await().alias("acknowledgement published").atMost(10, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(published).filteredOn(c -> c.incidentId() == id)
                        .extracting(IncidentChange::state).containsExactly(IncidentState.ACKNOWLEDGED));
    }

    @Test
    void undeployedNotifierNoLongerPublishesChanges() throws Exception {
        deploy();
        result(vertx.undeploy(deployment));
        deployment = null;
        long id = h.stores.incidents().recordAlert(home.elder().id(), h.press(home, "1")).incident().id();

        notifier.commands().acknowledge(id, "张三", "console");
        // Had the stopped notifier still listened, "acknowledged" would arrive first: one sender, ordered delivery.
        deploy();
        notifier.commands().resolve(id, "张三", "老人安全");

        await().alias("resolution published").atMost(10, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(published).filteredOn(c -> c.incidentId() == id).extracting(IncidentChange::what)
                        .containsExactly("resolved"));
    }

    private static <T> T result(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Throwable catchFailure(Future<?> f) throws Exception {
        try {
            result(f);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
    }
}
