package org.shouwang.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.db.AlertRecording;
import org.shouwang.db.Database;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.db.IncidentStore;
import org.shouwang.db.Notification;
import org.shouwang.db.NotificationChannel;
import org.shouwang.db.NotificationStatus;
import org.shouwang.db.NotificationStore;
import org.shouwang.db.RegistryStore;
import org.shouwang.embedded.TestServices;
import org.shouwang.model.Alert;
import org.shouwang.model.CareContact;
import org.shouwang.model.ContactRole;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;
import org.shouwang.model.IncidentChange;
import org.shouwang.model.Rule;
import org.shouwang.model.TimelineEntry;

/** Alerts to incidents to SMS: real PostgreSQL, the real Twilio SDK, the recording stand-in. */
class IncidentServiceIT {

    private static final AtomicInteger PHONES = new AtomicInteger(10_000_000);
    private static final Instant T0 = Instant.parse("2026-07-20T06:30:00Z");

    private static Database db;
    private static RegistryStore registry;
    private static IncidentStore incidents;
    private static NotificationStore outbox;
    private static RecordingTwilioServer stub;
    private static IncidentService service;
    private static final List<IncidentChange> changes = new CopyOnWriteArrayList<>();

    private Elder elder;
    private String button;
    private CareContact neighbour;
    private CareContact worker;
    private CareContact family;

    @BeforeAll
    static void start() {
        db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()));
        registry = new RegistryStore(db.dataSource());
        incidents = new IncidentStore(db.dataSource());
        outbox = new NotificationStore(db.dataSource());
        stub = RecordingTwilioServer.start(0);
        TwilioSmsChannel sms = new TwilioSmsChannel(TwilioConfig.of(TwilioSmsChannelTest.SID, "test-token",
                TwilioSmsChannelTest.FROM).withApiBaseUrl(stub.baseUrl()).withRequestTimeout(Duration.ofSeconds(2)));
        service = new IncidentService(registry, incidents, outbox, sms,
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40)), Clock.systemUTC(), changes::add);
    }

    @AfterAll
    static void stop() {
        stub.close();
        db.close();
    }

    @BeforeEach
    void homeWithAButtonAndACareTeam() {
        stub.clear();
        changes.clear();
        elder = registry.createElder(new Elder(0, "王阿婆", null, "平江街道", "大儒巷社区", "大儒巷12号", null, true));
        button = "btn-" + elder.id();
        registry.addDevice(button, DeviceKind.CALL_BUTTON, elder.id());
        neighbour = registry.addContact(elder.id(), ContactRole.NEIGHBOUR_VOLUNTEER, "李四", phone(), 0);
        worker = registry.addContact(elder.id(), ContactRole.COMMUNITY_WORKER, "张三", phone(), 0);
        family = registry.addContact(elder.id(), ContactRole.FAMILY_CONTACT, "王小明", phone(), 0);
        registry.addContact(elder.id(), ContactRole.STREET_EMERGENCY_TEAM, "平江应急队", phone(), 0);
    }

    private static String phone() {
        return "+86138" + PHONES.incrementAndGet();
    }

    private Alert press(String msgId) {
        return new Alert("BUTTON_PRESSED:" + button + ":" + msgId, Rule.BUTTON_PRESSED, button, T0, "按下");
    }

    private AlertRecording handle(Alert alert) {
        return service.handle(alert).orElseThrow();
    }

    private List<String> kinds(long incidentId) {
        return incidents.timeline(incidentId).stream().map(TimelineEntry::kind).toList();
    }

    @Test
    void buttonPressOpensAnIncidentAndTextsEachFirstStepContactInChinese() {
        AlertRecording r = handle(press("1"));

        assertThat(r.outcome()).isEqualTo(AlertRecording.Outcome.OPENED);
        String code = r.incident().code();
        assertThat(stub.messages()).extracting(TwilioStubRequest::to)
                .containsExactlyInAnyOrder(neighbour.phone(), worker.phone(), family.phone());
        assertThat(stub.messages()).allSatisfy(m -> assertThat(m.body())
                .startsWith("【守望】紧急求助：王阿婆（平江街道大儒巷12号）按下一键呼叫。")
                .contains("事件" + code).contains("回复1或" + code));
        assertThat(outbox.forIncident(r.incident().id())).hasSize(3).allSatisfy(n -> {
            assertThat(n.status()).isEqualTo(NotificationStatus.SENT);
            assertThat(n.providerSid()).startsWith("SM");
            assertThat(n.idempotencyKey()).isEqualTo(r.incident().id() + ":" + n.contactId() + ":step0:SMS");
        });
        assertThat(kinds(r.incident().id())).containsExactly("ALERT_RAISED", "PAGE_SENT", "PAGE_SENT", "PAGE_SENT");
        assertThat(changes).extracting(IncidentChange::what).containsExactly("opened", "paged");
    }

    @Test
    void timelineNamesWhoWasTextedButNeverTheirNumber() {
        long id = handle(press("1")).incident().id();

        List<String> details = incidents.timeline(id).stream().map(TimelineEntry::detail).toList();
        assertThat(details).anyMatch(d -> d.contains("邻里/志愿者 李四")).anyMatch(d -> d.contains("社区工作者 张三"));
        assertThat(String.join("\n", details)).doesNotContain(neighbour.phone().substring(3))
                .doesNotContain(worker.phone().substring(3)).doesNotContain(family.phone().substring(3));
    }

    @Test
    void sameAlertAgainSendsNothingMore() {
        handle(press("1"));

        AlertRecording again = handle(press("1"));

        assertThat(again.outcome()).isEqualTo(AlertRecording.Outcome.DUPLICATE);
        assertThat(stub.messages()).hasSize(3);
    }

    @Test
    void secondPressAttachesWithoutANewSms() {
        long id = handle(press("1")).incident().id();

        AlertRecording second = handle(press("2"));

        assertThat(second.outcome()).isEqualTo(AlertRecording.Outcome.ATTACHED);
        assertThat(second.incident().id()).isEqualTo(id);
        assertThat(stub.messages()).hasSize(3);
        assertThat(kinds(id)).contains("ALERT_REPEATED").filteredOn("PAGE_SENT"::equals).hasSize(3);
        assertThat(changes).extracting(IncidentChange::what).endsWith("alert-repeated");
    }

    @Test
    void concurrentDeliveriesOfOneAlertPageOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<AlertRecording> call = () -> handle(press("1"));
            List<AlertRecording> results = pool.invokeAll(List.of(call, call, call, call)).stream()
                    .map(IncidentServiceIT::get).toList();

            assertThat(results).filteredOn(r -> r.outcome() == AlertRecording.Outcome.OPENED).hasSize(1);
            assertThat(stub.messages()).hasSize(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectedNumberFailsThatPageOnlyAndTheOthersStillGo() {
        stub.failFor(worker.phone(), 400);

        long id = handle(press("1")).incident().id();

        assertThat(stub.messages()).extracting(TwilioStubRequest::to)
                .containsExactlyInAnyOrder(neighbour.phone(), family.phone());
        Notification failed = page(id, worker);
        assertThat(failed.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(stub.requests()).filteredOn(q -> worker.phone().equals(q.to())).hasSize(1);
        assertThat(incidents.timeline(id)).filteredOn(e -> e.kind().equals("PAGE_FAILED")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("社区工作者 张三").contains("HTTP 400").contains("21211"));
    }

    @Test
    void passingServerErrorIsRetriedAndThePageStillGoesOut() {
        stub.failNext(503, 1);

        long id = handle(press("1")).incident().id();

        assertThat(stub.messages()).hasSize(3);
        assertThat(stub.requests()).hasSize(4);
        assertThat(outbox.forIncident(id)).allSatisfy(n -> assertThat(n.status()).isEqualTo(NotificationStatus.SENT))
                .extracting(Notification::attempts).containsExactlyInAnyOrder(1, 1, 2);
    }

    @Test
    void pageThatKeepsFailingIsGivenUpAfterTheRetryBudget() {
        stub.failFor(neighbour.phone(), 503);

        long id = handle(press("1")).incident().id();

        Notification n = page(id, neighbour);
        assertThat(n.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(n.attempts()).isEqualTo(3);
        assertThat(incidents.timeline(id)).filteredOn(e -> e.kind().equals("PAGE_FAILED")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("多次重试仍失败"));
        assertThat(stub.messages()).hasSize(2);
    }

    @Test
    void contactWithoutAPhoneIsSkippedOnTheTimeline() {
        CareContact noPhone = registry.addContact(elder.id(), ContactRole.FAMILY_CONTACT, "王大明", null, 1);

        long id = handle(press("1")).incident().id();

        assertThat(incidents.timeline(id)).filteredOn(e -> e.kind().equals("PAGE_SKIPPED")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("家属联系人 王大明").contains("未登记电话"));
        assertThat(outbox.forIncident(id)).extracting(Notification::contactId).doesNotContain(noPhone.id());
        assertThat(stub.messages()).hasSize(3);
    }

    @Test
    void elderWithNobodyToPageIsFlaggedForStaff() {
        Elder alone = registry.createElder(new Elder(0, "赵阿公", null, "金阊街道", "彩香社区", "彩香一村5号", null, true));
        registry.addDevice("btn-" + alone.id(), DeviceKind.CALL_BUTTON, alone.id());

        long id = handle(new Alert("a-" + alone.id(), Rule.BUTTON_PRESSED, "btn-" + alone.id(), T0, null)).incident().id();

        assertThat(kinds(id)).contains("NO_ONE_PAGED");
        assertThat(stub.messages()).isEmpty();
    }

    @Test
    void technicalAlertTextsNoCareContact() {
        long id = handle(new Alert("silent-" + button, Rule.DEVICE_SILENT, button, T0, null)).incident().id();

        assertThat(kinds(id)).contains("NOT_PAGED");
        assertThat(stub.messages()).isEmpty();
    }

    @Test
    void alertForAnUnknownDeviceIsCountedAndPagesNobody() {
        long before = service.alertsWithoutElder();

        assertThat(service.handle(new Alert("ghost-1", Rule.BUTTON_PRESSED, "ghost-" + elder.id(), T0, null))).isEmpty();

        assertThat(service.alertsWithoutElder()).isEqualTo(before + 1);
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void resumeSendsAPageLeftPendingExactlyOnceAndNeverResendsASentOne() {
        // GIVEN a crash after the outbox write: one page pending, one already sent
        long id = incidents.recordAlert(elder.id(), press("1")).incident().id();
        String body = "【守望】紧急求助：王阿婆 事件SW";
        Notification pending = outbox.enqueue(id, neighbour.id(), NotificationChannel.SMS, neighbour.phone(), body,
                IncidentService.idempotencyKey(id, neighbour.id(), 0, NotificationChannel.SMS)).notification();
        Notification sent = outbox.enqueue(id, worker.id(), NotificationChannel.SMS, worker.phone(), body,
                IncidentService.idempotencyKey(id, worker.id(), 0, NotificationChannel.SMS)).notification();
        outbox.markSent(sent.id(), "SMbefore", T0);

        // WHEN the notifier starts again, twice
        int first = service.resumePending();
        int second = service.resumePending();

        // THEN only the pending page went out, once
        assertThat(first).isEqualTo(1);
        assertThat(second).isZero();
        assertThat(stub.messages()).extracting(TwilioStubRequest::to).containsExactly(neighbour.phone());
        assertThat(outbox.find(pending.id()).orElseThrow().status()).isEqualTo(NotificationStatus.SENT);
        assertThat(incidents.timeline(id)).filteredOn(e -> e.kind().equals("PAGE_SENT")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("邻里/志愿者 李四"));
    }

    @Test
    void resumeWithdrawsPendingPagesOfAnIncidentSomeoneTook() {
        long id = incidents.recordAlert(elder.id(), press("1")).incident().id();
        Notification pending = outbox.enqueue(id, neighbour.id(), NotificationChannel.SMS, neighbour.phone(), "x",
                IncidentService.idempotencyKey(id, neighbour.id(), 0, NotificationChannel.SMS)).notification();
        incidents.acknowledge(id, "张三", "console", T0.plusSeconds(60));

        service.resumePending();

        assertThat(outbox.find(pending.id()).orElseThrow().status()).isEqualTo(NotificationStatus.CANCELLED);
        assertThat(stub.requests()).isEmpty();
        assertThat(kinds(id)).contains("PAGE_CANCELLED");
    }

    private Notification page(long incidentId, CareContact c) {
        return outbox.forIncident(incidentId).stream().filter(n -> n.contactId() == c.id()).findFirst().orElseThrow();
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
