package org.shouwang.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.care.CareHarness.MONDAY;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.care.CareHarness.Home;
import org.shouwang.db.CareMessage;
import org.shouwang.model.CareContact;
import org.shouwang.model.ContactRole;
import org.shouwang.notifier.RetryPolicy;

/**
 * Duty reminders on the hand-driven clock, against real PostgreSQL and the Twilio stand-in: at the configured hour
 * and not before, never in the quiet hours, once per period, weekly duties on their first and last day only.
 */
class RemindersIT {

    /** The digest later in the day, so a morning's texts are the reminders alone. */
    private static final CareConfig CONFIG = CareConfig.defaults().withDigestAt(LocalTime.of(21, 50));

    private CareHarness h;

    @BeforeEach
    void start() {
        h = new CareHarness(CareHarness.at(MONDAY, "06:00"));
    }

    @AfterEach
    void stop() {
        assertThat(h.logLines()).noneMatch(line -> h.phones().stream().anyMatch(line::contains));
        h.close();
    }

    @Test
    void reminderGoesOutAtTheConfiguredHourAndNotBefore() {
        Home home = h.keyElder("王秀英");
        Care care = h.care(CONFIG);

        h.set(MONDAY, "08:59");
        CareRounds.Tick early = care.rounds().tick();
        h.set(MONDAY, "09:00");
        CareRounds.Tick onTime = care.rounds().tick();

        assertThat(early.reminders()).isZero();
        assertThat(onTime.reminders()).isEqualTo(2);
        assertThat(h.textsTo(home.neighbour())).containsExactly("【守望】今日请探访或致电王秀英，完成后回复 0");
        assertThat(h.textsTo(home.worker())).containsExactly("【守望】本周请探访或致电王秀英2次（已0次），完成后回复 0");
        assertThat(h.messages()).allSatisfy(m -> {
            assertThat(m.status()).isEqualTo(CareMessage.Status.SENT);
            assertThat(m.kind()).isEqualTo(CareMessage.Kind.REMINDER);
            assertThat(m.replyCode()).isEqualTo("0");
        });
        assertThat(h.logLines()).anyMatch(line -> line.startsWith("care message sent"));
    }

    @Test
    void configuredHourIsHonoured() {
        Home home = h.keyElder("王秀英");
        Care care = h.care(CONFIG.withReminderAt(LocalTime.of(15, 30)));

        h.set(MONDAY, "15:29");
        care.rounds().tick();
        assertThat(h.textsTo(home.neighbour())).isEmpty();
        h.set(MONDAY, "15:30");
        care.rounds().tick();

        assertThat(h.textsTo(home.neighbour())).hasSize(1);
    }

    @Test
    void oneReminderPerPeriodWhateverTicksAndRestartsFollow() {
        Home home = h.keyElder("王秀英");
        h.set(MONDAY, "09:00");
        h.care(CONFIG).rounds().tick();

        h.set(MONDAY, "09:01");
        CareRounds.Tick second = h.care(CONFIG).rounds().tick();
        Care restarted = h.care(CONFIG);
        h.set(MONDAY, "16:00");
        restarted.rounds().tick();

        assertThat(second.reminders()).isZero();
        assertThat(second.sent()).isZero();
        assertThat(h.textsTo(home.neighbour())).hasSize(1);
        assertThat(h.textsTo(home.worker())).hasSize(1);
        assertThat(h.messages()).hasSize(2);
    }

    @Test
    void nothingIsWrittenOrSentInTheQuietHours() {
        Home home = h.keyElder("王秀英");
        Care care = h.care(CONFIG);

        h.set(MONDAY, "22:30");
        CareRounds.Tick night = care.rounds().tick();
        h.set(MONDAY.plusDays(1), "06:59");
        CareRounds.Tick dawn = care.rounds().tick();
        h.set(MONDAY.plusDays(1), "09:00");
        care.rounds().tick();

        assertThat(night.reminders()).isZero();
        assertThat(dawn.reminders()).isZero();
        assertThat(h.stub.requests()).hasSize(1);
        assertThat(h.textsTo(home.neighbour())).containsExactly("【守望】今日请探访或致电王秀英，完成后回复 0");
    }

    @Test
    void retryThatWouldFallInTheQuietHoursWaitsAndLapsesWithItsDay() {
        Home home = h.keyElder("王秀英");
        h.contacted(home.worker(), CareHarness.at(MONDAY, "08:00"));
        h.contacted(home.worker(), CareHarness.at(MONDAY, "08:10"));
        // A retry deadline long enough to reach past the night: the retry waits for the morning, then lapses.
        Care care = h.care(CONFIG.withReminderAt(LocalTime.of(21, 0)).withDigestAt(LocalTime.of(21, 59, 45))
                .withRetry(new RetryPolicy(5, Duration.ofMinutes(1), Duration.ofMinutes(15), Duration.ofHours(12))));
        h.stub.failNext(503, 1);

        h.set(MONDAY, "21:59:30");
        care.rounds().tick();
        h.set(MONDAY, "22:01");
        CareRounds.Tick night = care.rounds().tick();
        CareMessage waiting = h.messages().get(0);
        h.set(MONDAY.plusDays(1), "07:00");
        care.rounds().tick();

        assertThat(night.sent()).isZero();
        assertThat(waiting.status()).isEqualTo(CareMessage.Status.PENDING);
        assertThat(waiting.nextAttemptAt()).isEqualTo(CareHarness.at(MONDAY.plusDays(1), "07:00"));
        assertThat(h.stub.requests()).hasSize(1);
        assertThat(h.textsTo(home.neighbour())).isEmpty();
        assertThat(h.messages()).singleElement().satisfies(m -> {
            assertThat(m.status()).isEqualTo(CareMessage.Status.FAILED);
            assertThat(m.lastError()).isEqualTo(CareOutbox.LAPSED);
        });
    }

    @Test
    void weeklyDutyIsRemindedOnMondayAndOnSundayOnlyIfStillUnmet() {
        Home unmet = h.keyElder("王秀英");
        Home met = h.keyElder("李桂兰");
        Care care = h.care(CONFIG);

        for (int d = 0; d < 7; d++) {
            LocalDate day = MONDAY.plusDays(d);
            if (d == 2) {
                h.contacted(unmet.worker(), CareHarness.at(day, "10:00"));
                h.contacted(met.worker(), CareHarness.at(day, "10:00"));
                h.contacted(met.worker(), CareHarness.at(day, "15:00"));
            }
            h.set(day, "09:00");
            care.rounds().tick();
        }

        assertThat(h.textsTo(unmet.worker())).containsExactly(
                "【守望】本周请探访或致电王秀英2次（已0次），完成后回复 0",
                "【守望】本周请探访或致电王秀英2次（已1次），完成后回复 0");
        assertThat(h.textsTo(met.worker())).containsExactly("【守望】本周请探访或致电李桂兰2次（已0次），完成后回复 0");
        assertThat(h.textsTo(unmet.neighbour())).hasSize(7);
        List<CareMessage> sunday = h.messages().stream()
                .filter(m -> m.role() == ContactRole.COMMUNITY_WORKER && m.createdAt().isAfter(
                        CareHarness.at(MONDAY.plusDays(6), "00:00"))).toList();
        // The Sunday reminder replaced Monday's for the same week: only one of them is open, so its code is 0.
        assertThat(sunday).singleElement().satisfies(m -> assertThat(m.replyCode()).isEqualTo("0"));
        assertThat(h.stores.careMessages().openReminders(unmet.worker().phone(), MONDAY.plusDays(6))).hasSize(1);
    }

    @Test
    void weeklyDutyOfAnElderAwayOnMondayIsRemindedOnTheFirstDayAtHome() {
        Home home = h.keyElder("王秀英");
        h.stores.absences().add(home.elder().id(), CareHarness.at(MONDAY, "00:00"), CareHarness.at(MONDAY, "20:00"),
                "住院", "test", h.clock.instant());
        Care care = h.care(CONFIG);

        h.set(MONDAY, "09:00");
        care.rounds().tick();
        h.set(MONDAY.plusDays(1), "09:00");
        care.rounds().tick();

        assertThat(h.textsTo(home.worker())).containsExactly("【守望】本周请探访或致电王秀英2次（已0次），完成后回复 0");
        assertThat(h.messages()).filteredOn(m -> m.role() == ContactRole.COMMUNITY_WORKER).singleElement()
                .satisfies(m -> assertThat(m.createdAt()).isEqualTo(CareHarness.at(MONDAY.plusDays(1), "09:00")));
    }

    @Test
    void severalOpenRemindersOfOneRecipientEachGetTheirOwnCode() {
        Home first = h.keyElder("王秀英");
        Home second = h.keyElder("李桂兰", first.neighbour().phone());
        CareContact shared = second.neighbour();
        Care care = h.care(CONFIG);
        h.set(MONDAY, "09:00");

        care.rounds().tick();

        List<String> texts = h.textsTo(first.neighbour());
        assertThat(shared.phone()).isEqualTo(first.neighbour().phone());
        assertThat(h.messages()).filteredOn(m -> m.recipient().equals(first.neighbour().phone()))
                .extracting(CareMessage::replyCode).containsExactlyInAnyOrder("01", "02");
        assertThat(texts).hasSize(2).allSatisfy(t -> assertThat(t).contains("（您有2项提醒，请按编号回复）"))
                .anySatisfy(t -> assertThat(t).startsWith("【守望】今日请探访或致电王秀英，完成后回复 0"))
                .anySatisfy(t -> assertThat(t).startsWith("【守望】今日请探访或致电李桂兰，完成后回复 0"));
    }

    @Test
    void elderWithoutDutiesGetsNoReminder() {
        h.ordinaryElder("周阿婆");
        Care care = h.care(CONFIG);
        h.set(MONDAY, "09:00");

        CareRounds.Tick t = care.rounds().tick();

        assertThat(t.reminders()).isZero();
        assertThat(h.stub.requests()).isEmpty();
    }
}
