package org.shouwang.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.ChildrenLocation;
import org.shouwang.model.ContactRole;
import org.shouwang.model.ElderCategory;
import org.shouwang.model.ResidentId;
import org.shouwang.model.RosterContact;
import org.shouwang.model.RosterEntry;

/** The roster's transaction, the registry as roster rows, and the import audit trail. */
class RosterStoreIT {

    private static Database db;
    private static RosterStore roster;
    private static RegistryStore registry;
    private static int serial;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()));
        roster = new RosterStore(db.dataSource());
        registry = new RegistryStore(db.dataSource());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void anInsertedEntryReadsBackAsTheSameEntryWithItsCareTeam() {
        RosterEntry entry = entry("沧浪街道", "南门社区", List.of(
                new RosterContact(ContactRole.NEIGHBOUR_VOLUNTEER, "李邻", "13900000001"),
                new RosterContact(ContactRole.COMMUNITY_WORKER, "张社", "0512-65221234")));

        long id = roster.inTransaction("test", s -> {
            assertThat(s.ensureCommunity("沧浪街道", "南门社区")).isTrue();
            assertThat(s.ensureCommunity("沧浪街道", "南门社区")).isFalse();
            return s.insert(entry);
        });

        List<RosterRecord> found = roster.findByIdNumbers(List.of(entry.idNumber()));
        assertThat(found).containsExactly(new RosterRecord(id, true, entry));
        assertThat(registry.findElder(id)).hasValueSatisfying(e -> assertThat(e.name()).isEqualTo(entry.name()));
    }

    @Test
    void anUpdateRewritesInPlaceAndRetiresOnlyTheRosterContactsNoLongerListed() {
        RosterEntry first = entry("平江街道", "大儒巷社区", List.of(
                new RosterContact(ContactRole.NEIGHBOUR_VOLUNTEER, "李邻", "13900000001"),
                new RosterContact(ContactRole.FAMILY_CONTACT, "王子", "13900000002")));
        long id = roster.inTransaction("test", s -> s.insert(first));
        registry.addContact(id, ContactRole.STREET_EMERGENCY_TEAM, "平江应急队", "13900000003", 0);
        RosterEntry second = new RosterEntry("平江街道", "大儒巷社区", first.name(), first.idNumber(), "新地址9号",
                "13800000009", ElderCategory.LIVING_ALONE, ChildrenLocation.OUTSIDE_DISTRICT, true,
                List.of(new RosterContact(ContactRole.NEIGHBOUR_VOLUNTEER, "赵邻", "13900000004")),
                LocalDate.of(2022, 9, 15));

        roster.inTransaction("test", s -> {
            Map<String, RosterRecord> locked = s.lock(List.of(first.idNumber()));
            s.update(locked.get(first.idNumber()).elderId(), second);
            return null;
        });

        assertThat(roster.findByIdNumbers(List.of(first.idNumber()))).containsExactly(new RosterRecord(id, true, second));
        assertThat(registry.contacts(id)).extracting("name").containsExactlyInAnyOrder("赵邻", "平江应急队");
    }

    @Test
    void aSessionMarkedRollbackOnlyLeavesNothingBehind() {
        RosterEntry entry = entry("双塔街道", "定慧寺社区", List.of());

        roster.inTransaction("test", s -> {
            s.ensureCommunity("双塔街道", "定慧寺社区");
            s.insert(entry);
            s.rollbackOnly();
            return null;
        });

        assertThat(roster.findByIdNumbers(List.of(entry.idNumber()))).isEmpty();
        assertThat(new StreetStore(db.dataSource()).communities("双塔街道")).isEmpty();
    }

    @Test
    void theStreetsActiveEldersAreListedByCommunityWithoutTheDeactivated() {
        RosterEntry b = entry("金阊街道", "彩香社区", List.of());
        RosterEntry a = entry("金阊街道", "三乡社区", List.of());
        RosterEntry gone = entry("金阊街道", "三乡社区", List.of());
        RosterEntry elsewhere = entry("虎丘街道", "留园社区", List.of());
        long goneId = roster.inTransaction("test", s -> {
            s.insert(b);
            s.insert(a);
            s.insert(elsewhere);
            return s.insert(gone);
        });

        assertThat(registry.deactivateElder(goneId, "staff-1", "迁出")).isTrue();
        assertThat(registry.deactivateElder(goneId, "staff-1", "迁出")).isFalse();

        assertThat(roster.activeOfStreet("金阊街道")).extracting(RosterRecord::entry).containsExactly(a, b);
    }

    @Test
    void importsAreKeptInTheAuditTrail() {
        roster.recordImport(new RosterImportRecord("staff-1", "pingjiang.xlsx", false, true, 0, 0, 0, 3));

        assertThat(roster.recentImports(5)).contains(
                new RosterImportRecord("staff-1", "pingjiang.xlsx", false, true, 0, 0, 0, 3));
    }

    /** A roster entry with a fresh, valid ID number of an elder born in 1940. */
    static RosterEntry entry(String street, String community, List<RosterContact> team) {
        String first17 = String.format("3205021940%04d%03d", 101 + serial / 10, ++serial);
        String id = first17 + ResidentId.checkCharacter(first17);
        return new RosterEntry(street, community, "老人" + serial, id, community + serial + "号", "13800000000",
                ElderCategory.EMPTY_NEST, ChildrenLocation.OUTSIDE_STREET, false, team, null);
    }
}
