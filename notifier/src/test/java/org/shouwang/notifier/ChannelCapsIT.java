package org.shouwang.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.db.Notification;
import org.shouwang.db.NotificationChannel;
import org.shouwang.db.NotificationDraft;
import org.shouwang.model.CareContact;
import org.shouwang.model.ContactRole;
import org.shouwang.model.Incident;
import org.shouwang.model.PhoneNumbers;
import org.shouwang.notifier.NotifierHarness.Home;

/**
 * The escalation never plans a page the domestic provider would refuse (issue 13, {@link ChannelCaps#ALIYUN}): one
 * volunteer who looks after several elders is the number that reaches the caps. Real PostgreSQL, the clock driven by
 * hand; the caps count what the outbox wrote to the number.
 */
class ChannelCapsIT {

    private static NotifierHarness h;
    private static int seq;

    private Notifier notifier;
    private String volunteer;

    @BeforeAll
    static void start() {
        h = new NotifierHarness(Instant.parse("2026-09-20T02:00:00Z"));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @BeforeEach
    void setUp() {
        h.clock.advance(Duration.ofDays(2));
        h.stub.clear();
        notifier = h.notifier(EscalationPlans.defaults().withCaps(ChannelCaps.ALIYUN));
        volunteer = NotifierHarness.phone();
    }

    @AfterEach
    void quiesce() {
        h.quiesce();
    }

    /** A home whose first neighbour/volunteer is the shared volunteer. */
    private Home homeOfTheVolunteer() {
        Home home = h.home();
        h.stores.registry().addContact(home.elder().id(), ContactRole.NEIGHBOUR_VOLUNTEER, "赵志愿", volunteer, -1);
        return home;
    }

    private Incident press(Home home) {
        return notifier.service().handle(h.press(home, "c" + (++seq))).orElseThrow().incident();
    }

    private List<Notification> toVolunteer(Incident incident) {
        String e164 = PhoneNumbers.toE164(volunteer);
        return h.stores.outbox().forIncident(incident.id()).stream().filter(n -> e164.equals(n.recipient())).toList();
    }

    @Test
    void aSecondCallWithinAMinuteIsNotPlacedAndTheVolunteerGetsTheSmsAlone() {
        Incident first = press(homeOfTheVolunteer());
        h.clock.advance(Duration.ofSeconds(20));

        Incident second = press(homeOfTheVolunteer());

        assertThat(toVolunteer(first)).extracting(Notification::channel)
                .containsExactlyInAnyOrder(NotificationChannel.SMS, NotificationChannel.VOICE);
        assertThat(toVolunteer(second)).extracting(Notification::channel).containsExactly(NotificationChannel.SMS);
        assertThat(h.timeline(second.id(), Timeline.PAGE_SKIPPED)).extracting(e -> e.detail())
                .contains("频次受限：邻里/志愿者 赵志愿（语音每分钟最多1次）");
    }

    @Test
    void theSixthCallInAnHourIsRefusedAndTheFirstAfterTheHourIsPlaced() {
        for (int i = 0; i < 5; i++) {
            assertThat(toVolunteer(press(homeOfTheVolunteer()))).extracting(Notification::channel)
                    .contains(NotificationChannel.VOICE);
            h.clock.advance(Duration.ofMinutes(2));
        }
        Incident sixth = press(homeOfTheVolunteer());
        assertThat(toVolunteer(sixth)).extracting(Notification::channel).containsExactly(NotificationChannel.SMS);
        assertThat(h.timeline(sixth.id(), Timeline.PAGE_SKIPPED)).extracting(e -> e.detail())
                .contains("频次受限：邻里/志愿者 赵志愿（语音每小时最多5次）");

        h.clock.advance(Duration.ofMinutes(55));

        assertThat(toVolunteer(press(homeOfTheVolunteer()))).extracting(Notification::channel)
                .contains(NotificationChannel.VOICE);
    }

    @Test
    void aNumberCappedOnEveryChannelIsPassedOverForTheNextPersonOfTheRole() {
        Home home = homeOfTheVolunteer();
        String e164 = PhoneNumbers.toE164(volunteer);
        Incident earlier = press(homeOfTheVolunteer());
        // Fifty texts today already (other elders' cases): the SMS cap; and the call a moment ago: the minute's cap.
        for (int i = 0; i < 49; i++) {
            h.stores.outbox().enqueue(new NotificationDraft("cap-test:" + seq + ":" + i, earlier.id(), null,
                    NotificationChannel.SMS, e164, "测试", 0, 0, Audience.NEIGHBOUR_VOLUNTEER.name()));
        }

        Incident incident = press(home);

        assertThat(toVolunteer(incident)).isEmpty();
        CareContact next = home.neighbour();
        assertThat(h.stores.outbox().forIncident(incident.id())).extracting(Notification::recipient)
                .contains(PhoneNumbers.toE164(next.phone()));
        assertThat(h.timeline(incident.id(), Timeline.PAGE_SKIPPED)).extracting(e -> e.detail())
                .contains("未能通知：邻里/志愿者 赵志愿（频次受限）");
    }

    @Test
    void numbersOutsideMainlandChinaAreNotCapped() {
        volunteer = "+15551230" + String.format("%03d", ++seq);
        press(homeOfTheVolunteer());
        h.clock.advance(Duration.ofSeconds(20));

        Incident second = press(homeOfTheVolunteer());

        assertThat(toVolunteer(second)).extracting(Notification::channel)
                .containsExactlyInAnyOrder(NotificationChannel.SMS, NotificationChannel.VOICE);
    }

    @Test
    void thePlansFileNamesTheCaps() {
        assertThat(EscalationPlans.parse("caps: aliyun").caps()).isEqualTo(ChannelCaps.ALIYUN);
        assertThat(EscalationPlans.parse("quietHours: {from: '22:00', to: '07:00', zone: Asia/Shanghai}").caps())
                .isEqualTo(ChannelCaps.NONE);
        assertThatThrownBy(() -> EscalationPlans.parse("caps: twilio")).hasMessageContaining("caps");
    }
}
