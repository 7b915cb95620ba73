package org.shouwang.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.care.CareHarness.MONDAY;

import java.time.LocalTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.care.CareHarness.Home;
import org.shouwang.db.AuditEntry;
import org.shouwang.model.care.CareKind;
import org.shouwang.model.care.DutyRole;
import org.shouwang.notifier.TwilioReplies;

/**
 * A reminder answered by SMS through the notifier's webhook handling (replay claim first, incident replies next,
 * then the care replies): "0" records the contact and meets the duty; an unknown number, an unmatched code or a
 * replay changes nothing. Real PostgreSQL, the Twilio stand-in for the reminders.
 */
class CareRepliesIT {

    private static final CareConfig CONFIG = CareConfig.defaults().withDigestAt(LocalTime.of(21, 50));

    private CareHarness h;
    private Care care;
    private TwilioReplies replies;

    @BeforeEach
    void start() {
        h = new CareHarness(CareHarness.at(MONDAY, "09:00"));
        care = h.care(CONFIG);
        replies = h.replies(care);
    }

    @AfterEach
    void stop() {
        assertThat(h.logLines()).noneMatch(line -> h.phones().stream().anyMatch(line::contains));
        h.close();
    }

    private DutyState neighbourDutyToday(Home home) {
        Duties duties = new Duties(h.stores.registry(), h.stores.care(), h.stores.absences(), h.stores.weather());
        return duties.on(CareScope.all(), MONDAY).stream()
                .filter(i -> i.elderId() == home.elder().id() && i.role() == DutyRole.NEIGHBOUR_VOLUNTEER)
                .findFirst().orElseThrow().state();
    }

    @Test
    void replyZeroRecordsTheContactAsAnSmsReportAndMeetsTheDuty() {
        Home home = h.keyElder("王秀英");
        care.rounds().tick();
        h.set(MONDAY, "11:20");

        String answer = replies.smsInbound(h.nextSid(), home.neighbour().phone(), "0");

        assertThat(answer).contains("【守望】已记录：今日已联系王秀英，谢谢");
        assertThat(h.records(home.elder())).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(CareKind.SMS_REPORT);
            assertThat(r.contactId()).isEqualTo(home.neighbour().id());
            assertThat(r.role()).isEqualTo(home.neighbour().role());
            assertThat(r.at()).isEqualTo(CareHarness.at(MONDAY, "11:20"));
        });
        assertThat(neighbourDutyToday(home)).isEqualTo(DutyState.MET);
        assertThat(h.stores.audit().recent(10)).extracting(AuditEntry::action).contains(CareRecords.AUDIT_ACTION);
    }

    @Test
    void replyFromANumberWithoutOpenRemindersGetsAClearAnswerAndChangesNothing() {
        Home home = h.keyElder("王秀英");
        care.rounds().tick();

        String answer = replies.smsInbound(h.nextSid(), "+8613700000000", "0");

        assertThat(answer).contains(CareTexts.noOpenReminder());
        assertThat(h.records(home.elder())).isEmpty();
        assertThat(neighbourDutyToday(home)).isEqualTo(DutyState.DUE);
    }

    @Test
    void unmatchedCodeGetsTheOpenCodesAndChangesNothing() {
        Home home = h.keyElder("王秀英");
        care.rounds().tick();

        String answer = replies.smsInbound(h.nextSid(), home.neighbour().phone(), "05");
        String text = replies.smsInbound(h.nextSid(), home.neighbour().phone(), "已经去过了");

        assertThat(answer).contains("未找到编号为05的提醒，本次回复未记录。联系王秀英后请回复 0");
        assertThat(text).contains("未能识别您的回复，未记录。联系王秀英后请回复 0");
        assertThat(h.records(home.elder())).isEmpty();
    }

    @Test
    void replayedReplyWritesNothing() {
        Home home = h.keyElder("王秀英");
        care.rounds().tick();
        String sid = h.nextSid();
        replies.smsInbound(sid, home.neighbour().phone(), "0");
        int audited = h.stores.audit().recent(100).size();

        String replayed = replies.smsInbound(sid, home.neighbour().phone(), "0");

        assertThat(replayed).doesNotContain("已记录");
        assertThat(h.records(home.elder())).hasSize(1);
        assertThat(h.stores.audit().recent(100)).hasSize(audited);
    }

    @Test
    void eachCodeRecordsForItsOwnElderAndFullWidthDigitsAreRead() {
        Home first = h.keyElder("王秀英");
        Home second = h.keyElder("李桂兰", first.neighbour().phone());
        care.rounds().tick();
        String codeOfSecond = h.messages().stream().filter(m -> m.elderId() == second.elder().id()
                && m.contactId() == second.neighbour().id()).findFirst().orElseThrow().replyCode();

        String answer = replies.smsInbound(h.nextSid(), first.neighbour().phone(),
                codeOfSecond.replace('0', '０').replace('1', '１').replace('2', '２'));
        String zero = replies.smsInbound(h.nextSid(), first.neighbour().phone(), "0");

        assertThat(answer).contains("已记录：今日已联系李桂兰");
        assertThat(h.records(second.elder())).hasSize(1);
        assertThat(h.records(first.elder())).isEmpty();
        assertThat(zero).contains("未找到编号为0的提醒");
    }

    @Test
    void secondReplyTheSameDayRecordsNothingMore() {
        Home home = h.keyElder("王秀英");
        care.rounds().tick();
        replies.smsInbound(h.nextSid(), home.neighbour().phone(), "0");

        String again = replies.smsInbound(h.nextSid(), home.neighbour().phone(), "0");

        assertThat(again).contains("今日已记录过您对王秀英的联系");
        assertThat(h.records(home.elder())).hasSize(1);
    }

    @Test
    void yesterdaysReminderIsNoLongerOpen() {
        Home home = h.keyElder("王秀英");
        care.rounds().tick();
        h.set(MONDAY.plusDays(1), "08:00");

        String answer = replies.smsInbound(h.nextSid(), home.neighbour().phone(), "0");

        assertThat(answer).contains(CareTexts.noOpenReminder());
        assertThat(h.records(home.elder())).isEmpty();
    }
}
