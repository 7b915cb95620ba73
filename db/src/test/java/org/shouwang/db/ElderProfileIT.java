package org.shouwang.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.ChildrenLocation;
import org.shouwang.model.ContactRole;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;
import org.shouwang.model.ElderCategory;
import org.shouwang.model.ElderProfile;
import org.shouwang.model.KeyElderPolicy;
import org.shouwang.model.RosterContact;
import org.shouwang.model.RosterEntry;
import org.shouwang.model.Sex;

/** The notifier's correlation: a device's elder with key-elder status, age and care team. */
class ElderProfileIT {

    private static Database db;
    private static RegistryStore registry;
    private static RosterStore roster;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()));
        registry = new RegistryStore(db.dataSource());
        roster = new RosterStore(db.dataSource());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void aDevicesProfileCarriesKeyElderStatusAgeAddressAndTheCareTeamInPagingOrder() {
        // Born 1946-03-15, lives alone, children outside the district: a key elder from the 80th birthday.
        RosterEntry entry = new RosterEntry("平江街道", "大儒巷社区", "王秀英", "320508194603150042", "大儒巷12号",
                "13800000001", ElderCategory.LIVING_ALONE, ChildrenLocation.OUTSIDE_DISTRICT, false,
                List.of(new RosterContact(ContactRole.NEIGHBOUR_VOLUNTEER, "李邻", "13900000001")),
                LocalDate.of(2022, 9, 15));
        long id = roster.inTransaction("test", s -> s.insert(entry));
        registry.addContact(id, ContactRole.COMMUNITY_WORKER, "张社", "13900000002", 1);
        registry.addDevice("btn-p1", DeviceKind.CALL_BUTTON, id);
        registry.addDevice("meter-p1", DeviceKind.WATER_METER, id);

        ElderProfile before = registry.profileOfDevice("btn-p1", LocalDate.of(2026, 3, 14)).orElseThrow();
        ElderProfile on = registry.profileOfDevice("meter-p1", LocalDate.of(2026, 3, 15)).orElseThrow();

        assertThat(before.age()).isEqualTo(79);
        assertThat(before.isKeyElder()).isFalse();
        assertThat(on.age()).isEqualTo(80);
        assertThat(on.keyElderBasis()).isEqualTo(KeyElderPolicy.Basis.AGED_80_OR_OVER);
        assertThat(on.elder().address()).isEqualTo("大儒巷12号");
        assertThat(on.facts().sex()).isEqualTo(Sex.FEMALE);
        assertThat(on.facts().agreementSignedOn()).isEqualTo(LocalDate.of(2022, 9, 15));
        assertThat(on.careTeam()).extracting("name").containsExactlyInAnyOrder("李邻", "张社");
        assertThat(on.careTeam()).isEqualTo(registry.contacts(id));
        assertThat(on.devices()).extracting("deviceId").containsExactly("btn-p1", "meter-p1");
        assertThat(registry.profile(id, LocalDate.of(2026, 3, 15))).contains(on);
    }

    @Test
    void anElderRegisteredBeforeTheRosterHasAProfileWithoutAgeOrKeyStatus() {
        Elder legacy = registry.createElder(new Elder(0, "赵阿公", null, "金阊街道", "彩香社区", "彩香一村5号", null, true));
        registry.addDevice("btn-p2", DeviceKind.CALL_BUTTON, legacy.id());

        ElderProfile profile = registry.profileOfDevice("btn-p2").orElseThrow();

        assertThat(profile.elder()).isEqualTo(legacy);
        assertThat(profile.age()).isNull();
        assertThat(profile.isKeyElder()).isFalse();
        assertThat(profile.careTeam()).isEmpty();
        assertThat(registry.profileOfDevice("no-such-device")).isEmpty();
    }
}
