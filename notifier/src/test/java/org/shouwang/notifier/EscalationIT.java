package org.shouwang.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.db.NotificationChannel.SMS;
import static org.shouwang.db.NotificationChannel.VOICE;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.db.Escalation;
import org.shouwang.db.Notification;
import org.shouwang.db.NotificationStatus;
import org.shouwang.model.IncidentState;
import org.shouwang.notifier.NotifierHarness.Home;

/**
 * Escalation plans on the clock, moved by hand: real PostgreSQL, the real Twilio SDK, the recording
 * stand-in. Each test starts its own home at its own time, so the tests share one database.
 */
class EscalationIT {

    private static NotifierHarness h;

    private Instant t0;
    private Home home;
    private Notifier notifier;

    @BeforeAll
    static void start() {
        h = new NotifierHarness(Instant.parse("2026-07-20T02:00:00Z"));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @BeforeEach
    void freshHome() {
        h.clock.advance(Duration.ofDays(1));
        t0 = h.clock.instant();
        h.stub.clear();
        home = h.home();
        notifier = h.notifier();
    }

    @AfterEach
    void quiesce() {
        h.quiesce();
    }

    /** Moves the clock to {@code t0 + minutes}, ticks, and returns the numbers paged by the tick. */
    private Set<String> tickAt(Notifier n, double minutes) {
        h.clock.at(t0, Duration.ofSeconds(Math.round(minutes * 60)));
        int before = h.stub.requests().size();
        n.service().tick();
        return Set.copyOf(h.reached(before, "Messages").stream().collect(Collectors.toSet()));
    }

    private int requestsSoFar() {
        return h.stub.requests().size();
    }

    private long press() {
        return notifier.service().handle(h.press(home, "1")).orElseThrow().incident().id();
    }

    @Test
    void buttonPressPagesCareTeamAtZeroEmergencyTeamAtFiveAndAgainAtFifteenAndTwentyFive() {
        // At 0: SMS and a call to the neighbour and the community worker; their backups wait.
        long id = press();
        assertThat(h.reached(0, "Messages")).containsExactlyInAnyOrder(home.neighbour().phone(), home.worker().phone());
        assertThat(h.reached(0, "Calls")).containsExactlyInAnyOrder(home.neighbour().phone(), home.worker().phone());

        assertThat(tickAt(notifier, 4.9)).isEmpty();
        int before5 = requestsSoFar();
        assertThat(tickAt(notifier, 5)).containsExactlyInAnyOrder(home.team().phone(), home.family().phone());
        assertThat(h.reached(before5, "Calls")).containsExactlyInAnyOrder(home.team().phone(), home.family().phone());
        assertThat(tickAt(notifier, 14.9)).isEmpty();
        assertThat(tickAt(notifier, 15)).containsExactlyInAnyOrder(home.team().phone(), home.family().phone());
        assertThat(tickAt(notifier, 24.9)).isEmpty();
        assertThat(tickAt(notifier, 25)).containsExactlyInAnyOrder(home.team().phone(), home.family().phone());

        assertThat(h.stub.requests()).hasSize(16).allSatisfy(r -> assertThat(r.accepted()).isTrue());
        assertThat(h.stores.outbox().forIncident(id)).hasSize(16)
                .allSatisfy(n -> assertThat(n.status()).isEqualTo(NotificationStatus.SENT))
                .extracting(Notification::idempotencyKey).doesNotHaveDuplicates()
                .contains(id + ":s0:r0:c" + home.neighbour().id() + ":VOICE", id + ":s1:r2:c" + home.team().id() + ":SMS");
        assertThat(h.timeline(id, Timeline.ESCALATION_STEP)).extracting(e -> e.detail().substring(0, 3))
                .containsExactly("第1步", "第2步", "第2步", "第2步");
        assertThat(h.timeline(id, Timeline.ESCALATION_STEP).get(3).detail()).contains("第2次重复").contains("平江应急队");
        assertThat(h.stores.escalations().find(id).orElseThrow().dueAt()).isEqualTo(t0.plus(Duration.ofMinutes(35)));
    }

    @Test
    void smsSaysWhoWhereWhatTheCodeAndHowToAcknowledgeInChinese() {
        long id = press();
        String code = h.stores.incidents().find(id).orElseThrow().code();

        assertThat(h.stub.messages()).allSatisfy(m -> assertThat(m.body())
                .startsWith("【守望】紧急求助：王阿婆（平江街道大儒巷12号）按下一键呼叫。")
                .contains("事件" + code).contains("回复1或" + code));
        assertThat(h.stub.calls()).allSatisfy(c -> assertThat(c.twiml()).contains("王阿婆").contains("请按1"));
        assertThat(h.stores.incidents().timeline(id)).extracting(e -> e.detail() == null ? "" : e.detail())
                .noneMatch(d -> d.contains(home.neighbour().phone().substring(3)));
    }

    @Test
    void acknowledgementFromTheConsoleStopsTheEscalation() {
        long id = press();
        h.clock.at(t0, Duration.ofMinutes(3));

        notifier.commands().acknowledge(id, "值班员小周", "console");

        int before = requestsSoFar();
        tickAt(notifier, 5);
        tickAt(notifier, 15);
        assertThat(h.stub.requests()).hasSize(before);
        Escalation e = h.stores.escalations().find(id).orElseThrow();
        assertThat(e.active()).isFalse();
        assertThat(e.stopReason()).isEqualTo("ACKNOWLEDGED");
        assertThat(h.kinds(id)).containsSubsequence("ACKNOWLEDGED", Timeline.ESCALATION_STOPPED);
    }

    @Test
    void rejectedNumberMovesOnToTheNextContactOfThatRoleAtOnce() {
        h.stub.failFor(home.neighbour().phone(), 400);

        long id = press();

        assertThat(h.page(id, home.neighbour(), SMS).status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(h.page(id, home.neighbour(), VOICE).status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(h.reached(0, "Messages")).containsExactlyInAnyOrder(home.backupNeighbour().phone(),
                home.worker().phone());
        assertThat(h.reached(0, "Calls")).containsExactlyInAnyOrder(home.backupNeighbour().phone(),
                home.worker().phone());
        assertThat(h.timeline(id, Timeline.PAGE_FALLBACK)).singleElement().satisfies(e ->
                assertThat(e.detail()).isEqualTo("邻里/志愿者 李四 无法接通，改为通知 邻里/志愿者 王五"));
        assertThat(h.timeline(id, Timeline.PAGE_FAILED)).hasSize(2)
                .allSatisfy(e -> assertThat(e.detail()).contains("HTTP 400").contains("21211"));
        assertThat(h.stores.escalations().find(id).orElseThrow().unreached()).isFalse();
    }

    @Test
    void serverErrorIsRetriedAfterItsBackoffKeptInTheOutbox() {
        h.stub.failNext(500, 1);

        long id = press();

        Notification waiting = h.stores.outbox().forIncident(id).stream()
                .filter(n -> n.status() == NotificationStatus.PENDING).findFirst().orElseThrow();
        assertThat(waiting.attempts()).isEqualTo(1);
        assertThat(waiting.nextAttemptAt()).isEqualTo(t0.plusSeconds(10));
        int before = requestsSoFar();
        tickAt(notifier, 5.0 / 60);
        assertThat(h.stub.requests()).hasSize(before);
        tickAt(notifier, 10.0 / 60);
        assertThat(h.stub.requests()).hasSize(before + 1);
        Notification sent = h.stores.outbox().find(waiting.id()).orElseThrow();
        assertThat(sent.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(h.stores.outbox().forIncident(id)).allSatisfy(n ->
                assertThat(n.status()).isEqualTo(NotificationStatus.SENT));
    }

    @Test
    void pageThatKeepsFailingIsGivenUpAfterItsBudgetAndHandsOverToTheBackup() {
        h.stub.failFor(home.neighbour().phone(), 503);

        long id = press();
        tickAt(notifier, 10.0 / 60);
        assertThat(h.reached(0, "Messages")).doesNotContain(home.backupNeighbour().phone());
        tickAt(notifier, 30.0 / 60);

        assertThat(h.page(id, home.neighbour(), SMS).status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(h.page(id, home.neighbour(), SMS).attempts()).isEqualTo(3);
        assertThat(h.reached(0, "Messages")).contains(home.backupNeighbour().phone());
        assertThat(h.timeline(id, Timeline.PAGE_FAILED)).allSatisfy(e -> assertThat(e.detail()).contains("重试3次仍失败"));
    }

    @Test
    void roundThatReachesNobodyIsFlaggedAndTheNextStepComesAtOnce() {
        for (var c : List.of(home.neighbour(), home.backupNeighbour(), home.worker())) {
            h.stub.failFor(c.phone(), 400);
        }

        long id = press();

        assertThat(h.stores.escalations().find(id).orElseThrow().unreached()).isTrue();
        assertThat(h.stores.escalations().unreachedUnresolved()).contains(id);
        assertThat(h.timeline(id, Timeline.UNREACHED)).hasSize(1);
        // The emergency team was not left waiting five minutes for a round that could reach nobody.
        assertThat(h.reached(0, "Messages")).containsExactlyInAnyOrder(home.team().phone(), home.family().phone());
        assertThat(h.kinds(id)).contains(Timeline.ESCALATION_ADVANCED);
    }

    @Test
    void contactWithoutAPhoneIsSkippedFlaggedAndTheNextOneIsPaged() {
        var noPhone = h.stores.registry().addContact(home.elder().id(), org.shouwang.model.ContactRole.FAMILY_CONTACT,
                "王大明", null, -1);
        long id = press();

        tickAt(notifier, 5);

        assertThat(h.timeline(id, Timeline.PAGE_SKIPPED)).singleElement().satisfies(e ->
                assertThat(e.detail()).isEqualTo("未能通知：家属联系人 王大明（未登记电话）"));
        assertThat(h.stores.outbox().forIncident(id)).extracting(Notification::contactId).doesNotContain(noPhone.id());
        assertThat(h.reached(0, "Messages")).contains(home.family().phone());
    }

    @Test
    void restartMidEscalationRunsTheNextStepOnTimeAndSendsNothingTwice() {
        long id = press();
        tickAt(notifier, 5);
        int before = requestsSoFar();

        // The process stops; a new one starts on the same database and clock, and ticks at once.
        Notifier restarted = h.notifier();
        assertThat(tickAt(restarted, 5)).isEmpty();
        assertThat(tickAt(restarted, 14.9)).isEmpty();
        assertThat(h.stub.requests()).hasSize(before);

        // It runs the repeat on time; the old instance, had it lingered, adds nothing.
        assertThat(tickAt(restarted, 15)).containsExactlyInAnyOrder(home.team().phone(), home.family().phone());
        assertThat(tickAt(notifier, 15)).isEmpty();
        assertThat(h.stub.requests()).hasSize(before + 4);
    }

    @Test
    void pagesWrittenButNotSentBeforeACrashAreSentOnceByTheNextProcess() {
        long id = press();
        h.clock.at(t0, Duration.ofMinutes(5));
        int before = requestsSoFar();
        // The step runs and writes its pages, then the process dies before sending them.
        notifier.service().escalator().runDue();
        assertThat(h.stub.requests()).hasSize(before);

        Notifier restarted = h.notifier();
        restarted.service().tick();
        restarted.service().tick();

        assertThat(h.reached(before, "Messages")).containsExactlyInAnyOrder(home.team().phone(), home.family().phone());
        assertThat(h.stub.requests()).hasSize(before + 4);
        assertThat(h.stores.outbox().forRound(id, 1, 0)).hasSize(4)
                .allSatisfy(n -> assertThat(n.status()).isEqualTo(NotificationStatus.SENT));
    }

    @Test
    void elderWhoDoesNotConfirmWithinFiveMinutesBringsTheCareTeam() {
        long id = notifier.service().handle(h.noWater(home)).orElseThrow().incident().id();

        assertThat(h.reached(0, "Calls")).containsExactly(home.elder().phone());
        assertThat(h.stub.messages()).isEmpty();
        assertThat(h.stub.calls().get(0).twiml()).contains("如果您平安，请按1");
        assertThat(tickAt(notifier, 4.9)).isEmpty();
        assertThat(tickAt(notifier, 5)).containsExactlyInAnyOrder(home.neighbour().phone(), home.worker().phone());
        assertThat(h.stores.incidents().find(id).orElseThrow().state()).isEqualTo(IncidentState.OPEN);
    }

    @Test
    void clearedConditionStopsTheNoWaterUseEscalation() {
        long id = notifier.service().handle(h.noWater(home)).orElseThrow().incident().id();
        int before = requestsSoFar();

        assertThat(notifier.service().clear(h.noWater(home))).isTrue();
        assertThat(notifier.service().clear(h.noWater(home))).isFalse();

        assertThat(tickAt(notifier, 5)).isEmpty();
        assertThat(h.stub.requests()).hasSize(before);
        assertThat(h.timeline(id, Timeline.CONDITION_CLEARED)).hasSize(1);
        assertThat(h.kinds(id)).containsSubsequence(Timeline.CONDITION_CLEARED, Timeline.ESCALATION_STOPPED);
        assertThat(h.stores.escalations().find(id).orElseThrow().stopReason()).isEqualTo("CLEARED");
    }

    @Test
    void conditionThatReturnsAfterClearingResumesTheEscalationAtOnce() {
        long id = notifier.service().handle(h.noWater(home)).orElseThrow().incident().id();
        notifier.service().clear(h.noWater(home));
        h.clock.at(t0, Duration.ofHours(20));
        int before = requestsSoFar();

        var again = notifier.service().handle(h.noWater(home)).orElseThrow();

        assertThat(again.incident().id()).isEqualTo(id);
        assertThat(h.reached(before, "Messages")).containsExactlyInAnyOrder(home.neighbour().phone(),
                home.worker().phone());
        assertThat(h.stores.escalations().find(id).orElseThrow().active()).isTrue();
    }

    @Test
    void buttonEscalationDoesNotStopWhenSomethingClears() {
        long id = press();

        assertThat(notifier.service().clear(id, "按钮取消")).isFalse();

        assertThat(tickAt(notifier, 5)).isNotEmpty();
    }

    @Test
    void technicalAlertPagesNobodyAndGoesOnTheMaintenanceList() {
        var silent = new org.shouwang.model.Alert("silent-" + home.meter(), org.shouwang.model.Rule.DEVICE_SILENT,
                home.meter(), t0, null);
        long id = notifier.service().handle(silent).orElseThrow().incident().id();

        tickAt(notifier, 60);

        assertThat(h.stub.requests()).isEmpty();
        assertThat(h.kinds(id)).contains(Timeline.NOT_PAGED);
        assertThat(notifier.maintenance().list()).anySatisfy(i -> {
            assertThat(i.incidentId()).isEqualTo(id);
            assertThat(i.deviceId()).isEqualTo(home.meter());
        });
        assertThat(notifier.maintenance().build()).contains(home.meter()).contains("设备离线");
    }

    @Test
    void mediumAlertAtNightWaitsForTheMorning() {
        // 23:00 in Suzhou
        h.clock.at(Instant.parse("2026-12-01T15:00:00Z"), Duration.ofDays(0));
        t0 = h.clock.instant();
        var heavyUse = new org.shouwang.model.Alert("high-" + home.meter(), org.shouwang.model.Rule.HIGH_USE,
                home.meter(), t0, "2.4 m³");
        long id = notifier.service().handle(heavyUse).orElseThrow().incident().id();

        assertThat(h.stub.requests()).isEmpty();
        assertThat(tickAt(notifier, 7 * 60 + 59)).isEmpty();
        assertThat(tickAt(notifier, 8 * 60)).containsExactly(home.worker().phone());
        assertThat(h.stub.calls()).isEmpty();
        assertThat(h.timeline(id, Timeline.ESCALATION_DEFERRED)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("07:00"));
    }

    @Test
    void repeatedAlertsStartNoSecondEscalation() {
        press();
        int before = requestsSoFar();

        notifier.service().handle(h.press(home, "1"));
        notifier.service().handle(h.press(home, "2"));

        assertThat(h.stub.requests()).hasSize(before);
    }
}
