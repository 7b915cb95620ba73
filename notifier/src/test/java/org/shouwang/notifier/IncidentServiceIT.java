package org.shouwang.notifier;

import org.shouwang.standin.TwilioStubRequest;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.db.AlertRecording;
import org.shouwang.db.Notification;
import org.shouwang.db.NotificationChannel;
import org.shouwang.db.NotificationStatus;
import org.shouwang.model.Alert;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;
import org.shouwang.model.IncidentChange;
import org.shouwang.model.Rule;
import org.shouwang.notifier.NotifierHarness.Home;

/** Alerts to incidents: open, attach, repeat, race; real PostgreSQL, the real SDK, the recording stand-in. */
class IncidentServiceIT {

    private static NotifierHarness h;

    private final List<IncidentChange> changes = new CopyOnWriteArrayList<>();
    private Notifier notifier;
    private Home home;

    @BeforeAll
    static void start() {
        h = new NotifierHarness(Instant.parse("2026-07-20T02:00:00Z"));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @BeforeEach
    void homeWithACareTeam() {
        h.clock.advance(Duration.ofDays(1));
        h.stub.clear();
        home = h.home();
        notifier = h.notifier();
        notifier.changes().subscribe(changes::add);
    }

    @AfterEach
    void quiesce() {
        h.quiesce();
    }

    private AlertRecording handle(Alert alert) {
        return notifier.service().handle(alert).orElseThrow();
    }

    @Test
    void buttonPressOpensAnIncidentStartsItsPlanAndAnnouncesIt() {
        AlertRecording r = handle(h.press(home, "1"));

        assertThat(r.outcome()).isEqualTo(AlertRecording.Outcome.OPENED);
        assertThat(h.stub.requests()).hasSize(4);
        assertThat(h.stores.escalations().find(r.incident().id())).hasValueSatisfying(e -> {
            assertThat(e.plan()).isEqualTo("CRITICAL");
            assertThat(e.nextStep()).isEqualTo(1);
            assertThat(e.dueAt()).isEqualTo(h.clock.instant().plus(Duration.ofMinutes(5)));
        });
        assertThat(h.kinds(r.incident().id())).startsWith("ALERT_RAISED", Timeline.ESCALATION_STARTED,
                Timeline.ESCALATION_STEP);
        assertThat(changes).extracting(IncidentChange::what).containsExactly("opened", "escalated", "paged");
    }

    @Test
    void sameAlertAgainSendsNothingMore() {
        handle(h.press(home, "1"));

        AlertRecording again = handle(h.press(home, "1"));

        assertThat(again.outcome()).isEqualTo(AlertRecording.Outcome.DUPLICATE);
        assertThat(h.stub.requests()).hasSize(4);
    }

    @Test
    void secondPressAttachesWithoutNewPages() {
        long id = handle(h.press(home, "1")).incident().id();

        AlertRecording second = handle(h.press(home, "2"));

        assertThat(second.outcome()).isEqualTo(AlertRecording.Outcome.ATTACHED);
        assertThat(second.incident().id()).isEqualTo(id);
        assertThat(h.stub.requests()).hasSize(4);
        assertThat(changes).extracting(IncidentChange::what).endsWith("alert-repeated");
    }

    @Test
    void concurrentDeliveriesOfOneAlertPageOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Alert alert = h.press(home, "1");
            Callable<AlertRecording> call = () -> handle(alert);
            List<AlertRecording> results = pool.invokeAll(List.of(call, call, call, call)).stream()
                    .map(IncidentServiceIT::get).toList();

            assertThat(results).filteredOn(r -> r.outcome() == AlertRecording.Outcome.OPENED).hasSize(1);
            assertThat(h.stub.requests()).hasSize(4);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void elderWithNobodyToPageIsFlaggedForStaffAtEveryStep() {
        Elder alone = h.stores.registry().createElder(new Elder(0, "赵阿公", null, "金阊街道", "彩香社区", "彩香一村5号",
                null, true));
        h.stores.registry().addDevice("btn-" + alone.id(), DeviceKind.CALL_BUTTON, alone.id());

        long id = handle(new Alert("a-" + alone.id(), Rule.BUTTON_PRESSED, "btn-" + alone.id(), h.clock.instant(),
                null)).incident().id();

        assertThat(h.stub.requests()).isEmpty();
        assertThat(h.timeline(id, Timeline.UNREACHED)).hasSize(2);
        assertThat(h.timeline(id, Timeline.PAGE_SKIPPED)).extracting(e -> e.detail())
                .contains("未能通知：邻里/志愿者（未登记）", "未能通知：街道应急队（未登记）");
        assertThat(h.stores.escalations().unreachedUnresolved()).contains(id);
        assertThat(changes).extracting(IncidentChange::what).contains("unreached");
    }

    @Test
    void alertForAnUnknownDeviceIsCountedAndPagesNobody() {
        long before = notifier.service().alertsWithoutElder();

        assertThat(notifier.service().handle(new Alert("ghost-1", Rule.BUTTON_PRESSED, "ghost-" + home.elder().id(),
                h.clock.instant(), null))).isEmpty();

        assertThat(notifier.service().alertsWithoutElder()).isEqualTo(before + 1);
        assertThat(h.stub.requests()).isEmpty();
    }

    @Test
    void pageLeftPendingFromBeforeEscalationPlansIsSentOnceByTheNextTick() {
        long id = h.stores.incidents().recordAlert(home.elder().id(), h.press(home, "1")).incident().id();
        Notification pending = h.stores.outbox().enqueue(id, home.neighbour().id(), NotificationChannel.SMS,
                home.neighbour().phone(), "【守望】紧急求助：王阿婆 事件SW", id + ":" + home.neighbour().id() + ":step0:SMS")
                .notification();

        int first = notifier.service().tick();
        int second = notifier.service().tick();

        assertThat(first).isEqualTo(1);
        assertThat(second).isZero();
        assertThat(h.stub.messages()).extracting(TwilioStubRequest::to).containsExactly(home.neighbour().phone());
        assertThat(h.stores.outbox().find(pending.id()).orElseThrow().status()).isEqualTo(NotificationStatus.SENT);
        assertThat(h.timeline(id, Timeline.PAGE_SENT)).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("短信已发送：邻里/志愿者 李四"));
    }

    @Test
    void pendingPageOfAnIncidentSomeoneTookIsWithdrawnNotSent() {
        long id = h.stores.incidents().recordAlert(home.elder().id(), h.press(home, "1")).incident().id();
        Notification pending = h.stores.outbox().enqueue(id, home.neighbour().id(), NotificationChannel.SMS,
                home.neighbour().phone(), "x", id + ":legacy:SMS").notification();
        h.stores.incidents().acknowledge(id, "张三", "console", h.clock.instant());

        notifier.service().tick();

        assertThat(h.stores.outbox().find(pending.id()).orElseThrow().status()).isEqualTo(NotificationStatus.CANCELLED);
        assertThat(h.stub.requests()).isEmpty();
        assertThat(h.kinds(id)).contains(Timeline.PAGE_CANCELLED);
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
