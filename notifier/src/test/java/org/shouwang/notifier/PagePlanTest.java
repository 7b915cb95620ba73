package org.shouwang.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shouwang.model.CareContact;
import org.shouwang.model.ContactRole;
import org.shouwang.model.Severity;

class PagePlanTest {

    private static final CareContact NEIGHBOUR = new CareContact(1, 9, ContactRole.NEIGHBOUR_VOLUNTEER, "李四", "13800000001", 0);
    private static final CareContact WORKER = new CareContact(2, 9, ContactRole.COMMUNITY_WORKER, "张三", "13800000002", 0);
    private static final CareContact FAMILY = new CareContact(3, 9, ContactRole.FAMILY_CONTACT, "王五", null, 0);
    private static final CareContact TEAM = new CareContact(4, 9, ContactRole.STREET_EMERGENCY_TEAM, "应急队", "13800000004", 0);
    private static final CareContact NEIGHBOUR_AS_FAMILY = new CareContact(5, 9, ContactRole.FAMILY_CONTACT, "李四",
            "138-0000-0001", 1);

    @Test
    void firstStepPagesNeighbourWorkerAndFamilyWithAPhone() {
        PagePlan.FirstStep step = PagePlan.firstStep(Severity.CRITICAL, List.of(NEIGHBOUR, WORKER, FAMILY, TEAM));

        assertThat(step.toPage()).containsExactly(NEIGHBOUR, WORKER);
        assertThat(step.withoutPhone()).containsExactly(FAMILY);
    }

    @Test
    void streetEmergencyTeamWaitsForEscalation() {
        assertThat(PagePlan.firstStep(Severity.CRITICAL, List.of(TEAM)).toPage()).isEmpty();
    }

    @Test
    void oneNumberIsPagedOnceEvenForTwoRoles() {
        PagePlan.FirstStep step = PagePlan.firstStep(Severity.CRITICAL, List.of(NEIGHBOUR, NEIGHBOUR_AS_FAMILY));

        assertThat(step.toPage()).containsExactly(NEIGHBOUR);
        assertThat(step.samePhone()).containsExactly(NEIGHBOUR_AS_FAMILY);
    }

    @Test
    void technicalAlertsPageNobody() {
        assertThat(PagePlan.firstStep(Severity.TECHNICAL, List.of(NEIGHBOUR, WORKER)).toPage()).isEmpty();
    }

    @Test
    void timelineNamesRoleAndNameButNoNumber() {
        assertThat(PagePlan.who(NEIGHBOUR)).isEqualTo("邻里/志愿者 李四");
    }
}
