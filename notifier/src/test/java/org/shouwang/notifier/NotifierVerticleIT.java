package org.shouwang.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import java.time.Clock;
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
import org.shouwang.db.Database;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.db.IncidentStore;
import org.shouwang.db.NotificationChannel;
import org.shouwang.db.NotificationStore;
import org.shouwang.db.RegistryStore;
import org.shouwang.embedded.TestServices;
import org.shouwang.model.Addresses;
import org.shouwang.model.Alert;
import org.shouwang.model.CareContact;
import org.shouwang.model.ContactRole;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;
import org.shouwang.model.IncidentChange;
import org.shouwang.model.IncidentState;
import org.shouwang.model.Json;
import org.shouwang.model.Rule;

/** The notifier on a real event bus, PostgreSQL and the Twilio stand-in driven by the real SDK. */
class NotifierVerticleIT {

    private static final Instant T0 = Instant.parse("2026-07-20T06:30:00Z");

    private static Database db;
    private static RegistryStore registry;
    private static IncidentStore incidents;
    private static NotificationStore outbox;
    private static RecordingTwilioServer stub;
    private static Vertx vertx;

    private final IncidentChanges changes = new IncidentChanges();
    private final List<IncidentChange> published = new CopyOnWriteArrayList<>();
    private String deployment;
    private MessageConsumer<String> listener;
    private Elder elder;
    private String button;
    private CareContact neighbour;

    @BeforeAll
    static void start() {
        db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()));
        registry = new RegistryStore(db.dataSource());
        incidents = new IncidentStore(db.dataSource());
        outbox = new NotificationStore(db.dataSource());
        stub = RecordingTwilioServer.start(0);
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        result(vertx.close());
        stub.close();
        db.close();
    }

    @BeforeEach
    void elderWithAButton() {
        stub.clear();
        elder = registry.createElder(new Elder(0, "王阿婆", null, "平江街道", "大儒巷社区", "大儒巷12号", null, true));
        button = "btn-" + elder.id();
        registry.addDevice(button, DeviceKind.CALL_BUTTON, elder.id());
        neighbour = registry.addContact(elder.id(), ContactRole.NEIGHBOUR_VOLUNTEER, "李四", "+8613900" + elder.id() + "01", 0);
        registry.addContact(elder.id(), ContactRole.COMMUNITY_WORKER, "张三", "+8613900" + elder.id() + "02", 0);
        listener = vertx.eventBus().consumer(Addresses.INCIDENT_CHANGED,
                m -> published.add(Json.read(m.body(), IncidentChange.class)));
    }

    @AfterEach
    void undeploy() throws Exception {
        result(listener.unregister());
        if (deployment != null) {
            result(vertx.undeploy(deployment));
        }
    }

    private void deploy() throws Exception {
        TwilioSmsChannel sms = new TwilioSmsChannel(TwilioConfig.of(TwilioSmsChannelTest.SID, "test-token",
                TwilioSmsChannelTest.FROM).withApiBaseUrl(stub.baseUrl()));
        IncidentService service = new IncidentService(registry, incidents, outbox, sms,
                new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10)), Clock.systemUTC(), changes);
        deployment = result(vertx.deployVerticle(new NotifierVerticle(service, changes)));
    }

    private String alertJson(String msgId) {
        return Json.write(new Alert("BUTTON_PRESSED:" + button + ":" + msgId, Rule.BUTTON_PRESSED, button, T0, "按下"));
    }

    @Test
    void alertOnTheBusTextsTheCareTeamAndAnnouncesTheIncident() throws Exception {
        deploy();

        vertx.eventBus().publish(Addresses.ALERT_RAISED, alertJson("1"));

        await().alias("both contacts texted").atMost(10, TimeUnit.SECONDS)
                .untilAsserted(() -> assertThat(stub.messages()).hasSize(2));
        assertThat(stub.messages()).allSatisfy(m -> assertThat(m.body()).contains("王阿婆").contains("一键呼叫"));
        await().alias("incident announced").atMost(10, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(published).filteredOn(c -> c.elderId() == elder.id())
                        .extracting(IncidentChange::what).contains("opened", "paged"));
        assertThat(published).filteredOn(c -> c.elderId() == elder.id())
                .allSatisfy(c -> assertThat(c.state()).isEqualTo(IncidentState.OPEN));
    }

    @Test
    void senderAskingForAnAnswerLearnsTheOutcome() throws Exception {
        deploy();

        Object first = result(vertx.eventBus().request(Addresses.ALERT_RAISED, alertJson("1"))).body();
        Object again = result(vertx.eventBus().request(Addresses.ALERT_RAISED, alertJson("1"))).body();

        assertThat(first).isEqualTo("OPENED");
        assertThat(again).isEqualTo("DUPLICATE");
        assertThat(stub.messages()).hasSize(2);
    }

    @Test
    void unreadableAlertIsRefusedAndTheNextOneStillPages() throws Exception {
        deploy();

        Throwable refused = catchFailure(vertx.eventBus().request(Addresses.ALERT_RAISED, "{not json"));
        vertx.eventBus().publish(Addresses.ALERT_RAISED, alertJson("1"));

        assertThat(refused).isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.failureCode()).isEqualTo(400));
        await().alias("later alert paged").atMost(10, TimeUnit.SECONDS)
                .untilAsserted(() -> assertThat(stub.messages()).hasSize(2));
    }

    @Test
    void pagesLeftPendingByACrashAreSentOnStart() throws Exception {
        long id = incidents.recordAlert(elder.id(), Json.read(alertJson("1"), Alert.class)).incident().id();
        outbox.enqueue(id, neighbour.id(), NotificationChannel.SMS, neighbour.phone(), "【守望】紧急求助 SW",
                IncidentService.idempotencyKey(id, neighbour.id(), 0, NotificationChannel.SMS));

        deploy();

        await().alias("pending page sent").atMost(10, TimeUnit.SECONDS)
                .untilAsserted(() -> assertThat(stub.messages()).extracting(TwilioStubRequest::to)
                        .containsExactly(neighbour.phone()));
    }

    @Test
    void acknowledgementFromTheConsoleIsPublishedToo() throws Exception {
        deploy();
        long id = incidents.recordAlert(elder.id(), Json.read(alertJson("1"), Alert.class)).incident().id();
        IncidentCommands commands = new IncidentCommands(incidents, Clock.systemUTC(), changes);

        commands.acknowledge(id, "张三", "console");

        await().alias("acknowledgement published").atMost(10, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(published).filteredOn(c -> c.incidentId() == id)
                        .extracting(IncidentChange::state).containsExactly(IncidentState.ACKNOWLEDGED));
    }

    @Test
    void undeployedNotifierNoLongerPublishesChanges() throws Exception {
        deploy();
        result(vertx.undeploy(deployment));
        deployment = null;
        long id = incidents.recordAlert(elder.id(), Json.read(alertJson("1"), Alert.class)).incident().id();

        new IncidentCommands(incidents, Clock.systemUTC(), changes).acknowledge(id, "张三", "console");
        // Had the stopped notifier still listened, "acknowledged" would arrive first: one sender, ordered delivery.
        deploy();
        new IncidentCommands(incidents, Clock.systemUTC(), changes).resolve(id, "张三", "老人安全");

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
