package org.shouwang.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.shouwang.db.NotificationChannel.SMS;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.db.AlertRecording;
import org.shouwang.model.Alert;
import org.shouwang.model.Incident;
import org.shouwang.model.IncidentState;
import org.shouwang.model.Rule;
import org.shouwang.notifier.NotifierHarness.Home;

/**
 * SMS replies beyond taking a case: "到" records a responder at the door, anything the notifier does not
 * understand goes to the registered handlers first, and a case raised about an elder (no device) pages as its
 * plan says. Real PostgreSQL, the real SDK against the recording stand-in.
 */
class SmsRepliesIT {

    private static NotifierHarness h;
    private static int sids;

    private final List<String> handled = new CopyOnWriteArrayList<>();
    private Notifier notifier;
    private TwilioReplies replies;
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
    void setUp() {
        h.clock.advance(Duration.ofDays(1));
        h.stub.clear();
        home = h.home();
        notifier = h.notifier();
        SmsReplyHandler careLike = (from, text, sid) -> {
            handled.add(text);
            return "0".equals(text) ? Optional.of("已记录") : Optional.empty();
        };
        replies = notifier.replies(List.of(careLike));
    }

    @AfterEach
    void quiesce() {
        h.quiesce();
    }

    private static String sid() {
        return "SM" + String.format("%032d", ++sids);
    }

    private Incident press() {
        return notifier.service().handle(h.press(home, "m" + sids)).orElseThrow().incident();
    }

    @Test
    void arrivalFromAPagedNumberGoesOnTheTimelineAndTakesTheCase() {
        Incident incident = press();

        String answer = replies.smsInbound(sid(), home.worker().phone(), "到");

        assertThat(answer).contains("已记录到达 " + incident.code());
        assertThat(h.timeline(incident.id(), "ARRIVED")).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("社区工作者 张三");
            assertThat(e.detail()).isEqualTo("sms");
        });
        assertThat(h.stores.incidents().find(incident.id()).orElseThrow().state())
                .isEqualTo(IncidentState.ACKNOWLEDGED);
        assertThat(h.stores.incidents().arrival(incident.id())).isPresent();
        assertThat(handled).isEmpty();
    }

    @Test
    void arrivalWithTheIncidentCodeAfterAcknowledgementIsRecordedToo() {
        Incident incident = press();
        notifier.commands().acknowledge(incident.id(), "值班员", "console");

        String answer = replies.smsInbound(sid(), home.neighbour().phone(), "到 " + incident.code());

        assertThat(answer).contains("已记录到达 " + incident.code());
        assertThat(h.timeline(incident.id(), "ARRIVED")).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("邻里/志愿者 李四"));
    }

    @Test
    void arrivalFromANumberNeverPagedChangesNothing() {
        Incident incident = press();

        String answer = replies.smsInbound(sid(), "+8613999999999", "到");

        assertThat(answer).contains("未记录到达");
        assertThat(h.timeline(incident.id(), "ARRIVED")).isEmpty();
        assertThat(h.stores.incidents().find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.OPEN);
    }

    @Test
    void replyTheNotifierDoesNotUnderstandGoesToTheHandlersBeforeNotUnderstood() {
        String taken = replies.smsInbound(sid(), home.neighbour().phone(), "0");
        String neither = replies.smsInbound(sid(), home.neighbour().phone(), "好的");

        assertThat(taken).contains("已记录");
        assertThat(neither).contains(SmsText.notUnderstood());
        assertThat(handled).containsExactly("0", "好的");
    }

    @Test
    void incidentReplyNeverReachesTheHandlers() {
        press();

        String answer = replies.smsInbound(sid(), home.worker().phone(), "1");

        assertThat(answer).contains("已确认由您接手");
        assertThat(handled).isEmpty();
    }

    @Test
    void replayedReplyNeverReachesTheHandlers() {
        String sid = sid();
        replies.smsInbound(sid, home.neighbour().phone(), "0");

        String again = replies.smsInbound(sid, home.neighbour().phone(), "0");

        assertThat(again).doesNotContain("已记录");
        assertThat(handled).containsExactly("0");
    }

    @Test
    void caseAboutAnElderWithoutADeviceTextsOnlyTheCommunityWorker() {
        Alert overdue = new Alert("CONTACT_OVERDUE:" + home.elder().id() + ":NEIGHBOUR_VOLUNTEER:2026-07-20",
                Rule.CONTACT_OVERDUE, null, h.clock.instant(), "邻里/志愿者连续2天未完成每日探访或电话");

        AlertRecording first = notifier.service().handleForElder(home.elder().id(), overdue).orElseThrow();
        AlertRecording again = notifier.service().handleForElder(home.elder().id(), overdue).orElseThrow();
        h.clock.advance(Duration.ofHours(2));
        notifier.service().tick();

        assertThat(first.outcome()).isEqualTo(AlertRecording.Outcome.OPENED);
        assertThat(again.outcome()).isEqualTo(AlertRecording.Outcome.DUPLICATE);
        assertThat(h.stub.calls()).isEmpty();
        assertThat(h.stub.messages()).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo(home.worker().phone());
            assertThat(m.body()).startsWith("【守望】关爱提醒：王阿婆");
        });
        assertThat(h.page(first.incident().id(), home.worker(), SMS).body()).contains(first.incident().code());
    }

    @Test
    void deviceRuleAlertIsRefusedForAnElder() {
        assertThatThrownBy(() -> notifier.service().handleForElder(home.elder().id(), h.press(home, "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
