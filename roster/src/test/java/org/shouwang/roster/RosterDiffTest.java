package org.shouwang.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shouwang.model.ChildrenLocation;
import org.shouwang.model.ContactRole;
import org.shouwang.model.ElderCategory;
import org.shouwang.model.RosterContact;
import org.shouwang.model.RosterEntry;

class RosterDiffTest {

    private static final RosterEntry BEFORE = new RosterEntry("平江街道", "大儒巷社区", "王秀英", "320502194001011231",
            "大儒巷12号", "13800000001", ElderCategory.EMPTY_NEST, ChildrenLocation.OUTSIDE_STREET, false,
            List.of(new RosterContact(ContactRole.NEIGHBOUR_VOLUNTEER, "李邻", "13900000001")), null);

    @Test
    void namesEachChangedFieldShowingNoAddressAndOnlyMaskedPhones() {
        RosterEntry after = new RosterEntry("平江街道", "菉葭巷社区", "王秀英", "320502194001011231", "菉葭巷3号",
                "13900000002", ElderCategory.LIVING_ALONE, ChildrenLocation.OUTSIDE_DISTRICT, true,
                List.of(new RosterContact(ContactRole.COMMUNITY_WORKER, "张社", "13900000003")),
                LocalDate.of(2022, 9, 15));

        List<String> changes = RosterDiff.changes(BEFORE, after);

        assertThat(changes).containsExactly("社区 大儒巷社区→菉葭巷社区", "住址 已变更", "联系电话 138****0001→139****0002",
                "类别 空巢→独居", "有子女或赡养人请选择为区外或街道外 街道外→区外", "低保失能半失能 否→是",
                "邻里/志愿者 已移除", "社区工作者 已新增", "四方协议签订日期 （空）→2022-09-15");
        assertThat(String.join("", changes)).doesNotContain("菉葭巷3号", "13900000002", "13800000001");
    }

    @Test
    void nothingChangedSaysNothing() {
        assertThat(RosterDiff.changes(BEFORE, BEFORE)).isEmpty();
    }

    @Test
    void aPhoneStoredAsStaffWroteItIsOnlyReformatted() {
        RosterEntry written = new RosterEntry("平江街道", "大儒巷社区", "王秀英", "320502194001011231", "大儒巷12号",
                "138 0000 0001", ElderCategory.EMPTY_NEST, ChildrenLocation.OUTSIDE_STREET, false, BEFORE.careTeam(),
                null);

        assertThat(RosterDiff.changes(written, BEFORE)).containsExactly("联系电话 格式已规范");
    }
}
