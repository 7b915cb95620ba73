package org.shouwang.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry's records travel the event bus as JSON: they must come back equal. */
class ElderProfileJsonTest {

    @Test
    void anElderProfileSurvivesTheJsonMapping() {
        Elder elder = new Elder(7, "王秀英", "320508194603150042", "平江街道", "大儒巷社区", "大儒巷12号", "13800000001", true);
        ElderFacts facts = new ElderFacts(ElderCategory.LIVING_ALONE, ChildrenLocation.OUTSIDE_DISTRICT, false,
                LocalDate.of(1946, 3, 15), Sex.FEMALE, LocalDate.of(2022, 9, 15));
        ElderProfile profile = ElderProfile.of(elder, facts,
                List.of(new CareContact(1, 7, ContactRole.NEIGHBOUR_VOLUNTEER, "李邻", "13900000001", 0)),
                List.of(new Device("btn-7", DeviceKind.CALL_BUTTON, 7, true)), LocalDate.of(2026, 10, 1));

        String json = Json.write(profile);

        assertThat(Json.read(json, ElderProfile.class)).isEqualTo(profile);
        assertThat(json).contains("\"keyElderBasis\":\"AGED_80_OR_OVER\"", "\"keyElder\":true", "\"age\":80",
                "\"birthDate\":\"1946-03-15\"");
    }

    @Test
    void aRosterEntrySurvivesTheJsonMapping() {
        RosterEntry entry = new RosterEntry("平江街道", "大儒巷社区", "王秀英", "320508194603150042", "大儒巷12号", null,
                ElderCategory.NO_CHILDREN_OR_CARER, null, true,
                List.of(new RosterContact(ContactRole.COMMUNITY_WORKER, "张社", "0512-65221234")), null);

        assertThat(Json.read(Json.write(entry), RosterEntry.class)).isEqualTo(entry);
    }
}
