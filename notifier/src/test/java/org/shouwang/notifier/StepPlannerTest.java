package org.shouwang.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.db.NotificationChannel.SMS;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.shouwang.model.CareContact;
import org.shouwang.model.ContactRole;
import org.shouwang.model.Elder;

class StepPlannerTest {

    private static final Elder ELDER = new Elder(9, "王阿婆", null, "平江街道", "大儒巷社区", "大儒巷12号", "13800000009", true);
    private static final Elder NO_PHONE = new Elder(9, "王阿婆", null, "平江街道", "大儒巷社区", "大儒巷12号", null, true);
    private static final CareContact NEIGHBOUR = contact(1, ContactRole.NEIGHBOUR_VOLUNTEER, "李四", "13800000001", 0);
    private static final CareContact BACKUP = contact(2, ContactRole.NEIGHBOUR_VOLUNTEER, "王五", "13800000002", 1);
    private static final CareContact WORKER = contact(3, ContactRole.COMMUNITY_WORKER, "张三", "13800000003", 0);
    private static final CareContact FAMILY_NO_PHONE = contact(4, ContactRole.FAMILY_CONTACT, "王小明", null, 0);
    private static final CareContact NEIGHBOUR_AS_FAMILY = contact(5, ContactRole.FAMILY_CONTACT, "李四", "138-0000-0001", 1);

    private static CareContact contact(long id, ContactRole role, String name, String phone, int priority) {
        return new CareContact(id, 9, role, name, phone, priority);
    }

    private static EscalationStep step(Audience... to) {
        return EscalationStep.of(Duration.ZERO, List.of(to), SMS);
    }

    @Test
    void eachRoleGetsItsFirstContactByPriorityAndTheBackupWaits() {
        StepPlanner.Round r = StepPlanner.plan(step(Audience.NEIGHBOUR_VOLUNTEER, Audience.COMMUNITY_WORKER), ELDER,
                List.of(NEIGHBOUR, BACKUP, WORKER));

        assertThat(r.targets()).extracting(StepPlanner.Target::contact).containsExactly(NEIGHBOUR, WORKER);
        assertThat(r.passedOver()).isEmpty();
    }

    @Test
    void contactWithoutPhoneIsPassedOverWithTheReasonAndTheNextOneIsPaged() {
        CareContact familyWithPhone = contact(6, ContactRole.FAMILY_CONTACT, "王大明", "13800000006", 2);

        StepPlanner.Round r = StepPlanner.plan(step(Audience.FAMILY_CONTACT), ELDER, List.of(FAMILY_NO_PHONE,
                familyWithPhone));

        assertThat(r.targets()).extracting(StepPlanner.Target::contact).containsExactly(familyWithPhone);
        assertThat(r.passedOver()).containsExactly("家属联系人 王小明（未登记电话）");
    }

    @Test
    void roleNobodyIsRegisteredForIsReportedNotSilentlyDropped() {
        StepPlanner.Round r = StepPlanner.plan(step(Audience.STREET_EMERGENCY_TEAM), ELDER, List.of(NEIGHBOUR));

        assertThat(r.targets()).isEmpty();
        assertThat(r.passedOver()).containsExactly("街道应急队（未登记）");
    }

    @Test
    void oneNumberIsPagedOnceEvenForTwoRoles() {
        StepPlanner.Round r = StepPlanner.plan(step(Audience.NEIGHBOUR_VOLUNTEER, Audience.FAMILY_CONTACT), ELDER,
                List.of(NEIGHBOUR, NEIGHBOUR_AS_FAMILY));

        assertThat(r.targets()).extracting(StepPlanner.Target::contact).containsExactly(NEIGHBOUR);
        assertThat(r.passedOver()).singleElement().asString().contains("同一号码");
    }

    @Test
    void elderIsPagedOnTheirOwnPhone() {
        StepPlanner.Round r = StepPlanner.plan(step(Audience.ELDER), ELDER, List.of(NEIGHBOUR));

        assertThat(r.targets()).singleElement().satisfies(t -> {
            assertThat(t.audience()).isEqualTo(Audience.ELDER);
            assertThat(t.contact()).isNull();
            assertThat(t.phone()).isEqualTo("13800000009");
            assertThat(t.who()).isEqualTo("老人本人");
        });
    }

    @Test
    void elderWithoutPhoneIsPassedOver() {
        StepPlanner.Round r = StepPlanner.plan(step(Audience.ELDER), NO_PHONE, List.of());

        assertThat(r.targets()).isEmpty();
        assertThat(r.passedOver()).containsExactly("老人本人（未登记电话）");
    }

    @Test
    void nextInRoleSkipsWhoWasPagedAndFindsTheBackup() {
        List<String> passedOver = new ArrayList<>();

        var next = StepPlanner.nextInRole(Audience.NEIGHBOUR_VOLUNTEER, List.of(NEIGHBOUR, BACKUP, WORKER),
                Set.of(NEIGHBOUR.id()), Set.of(StepPlanner.key(NEIGHBOUR.phone())), passedOver);

        assertThat(next).hasValueSatisfying(t -> assertThat(t.contact()).isEqualTo(BACKUP));
        assertThat(passedOver).isEmpty();
    }

    @Test
    void nextInRoleIsEmptyWhenTheRoleIsExhausted() {
        var next = StepPlanner.nextInRole(Audience.NEIGHBOUR_VOLUNTEER, List.of(NEIGHBOUR, BACKUP),
                Set.of(NEIGHBOUR.id(), BACKUP.id()), Set.of(), new ArrayList<>());

        assertThat(next).isEmpty();
    }

    @Test
    void timelineNamesRoleAndNameButNoNumber() {
        assertThat(Who.of(NEIGHBOUR)).isEqualTo("邻里/志愿者 李四");
    }
}
