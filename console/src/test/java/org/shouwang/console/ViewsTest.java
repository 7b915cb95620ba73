package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.shouwang.model.CareContact;
import org.shouwang.model.ContactRole;
import org.shouwang.model.Elder;
import org.shouwang.model.Incident;
import org.shouwang.model.IncidentState;
import org.shouwang.model.Rule;
import org.shouwang.model.Severity;
import org.shouwang.model.TimelineEntry;

/** What the API shows of people: masked ID numbers, phones and addresses, Chinese labels, ISO-8601 times. */
class ViewsTest {

    private static final String ID = Ids.idNumber(42);
    private static final Elder ELDER = new Elder(5, "张桂英", ID, "平江街道", "大儒巷社区", "姑苏区大儒巷12号201室",
            "13912345678", true);

    @Test
    void elderViewMasksIdNumberPhoneAndAddress() {
        JsonObject view = Views.elder(ELDER);

        assertThat(view.getString("idNumber")).isEqualTo(ID.substring(0, 6) + "********" + ID.substring(14));
        assertThat(view.getString("phone")).isEqualTo("139****5678");
        assertThat(view.getString("address")).isEqualTo("姑苏区大儒巷****");
        assertThat(view.encode()).doesNotContain(ID, "13912345678", "12号");
    }

    @Test
    void contactViewMasksThePhoneAndLabelsTheRoleInChinese() {
        JsonObject view = Views.contact(new CareContact(1, 5, ContactRole.STREET_EMERGENCY_TEAM, "赵队长", "13800001111", 0));

        assertThat(view.getString("phone")).isEqualTo("138****1111");
        assertThat(view.getString("roleLabel")).isEqualTo("街道应急队");
    }

    @Test
    void incidentViewCarriesChineseLabelsWireStateAndIsoTimes() {
        Instant opened = Instant.parse("2026-01-20T01:02:03Z");
        Incident incident = new Incident(9, "SW00009", 5, Rule.NO_WATER_USE, Severity.HIGH, IncidentState.ACKNOWLEDGED,
                opened, opened.plusSeconds(60), "陈值班", null, null, null);

        JsonObject view = Views.incident(incident, ELDER);

        assertThat(view.getString("state")).isEqualTo("acknowledged");
        assertThat(view.getString("ruleLabel")).isEqualTo("长时间未用水");
        assertThat(view.getString("severityLabel")).isEqualTo("高");
        assertThat(view.getString("openedAt")).isEqualTo("2026-01-20T01:02:03Z");
        assertThat(view.getString("resolvedAt")).isNull();
        assertThat(view.getJsonObject("elder").fieldNames()).containsExactlyInAnyOrder("id", "name", "street",
                "community", "address");
    }

    @Test
    void freeTextHasIdAndMobileNumbersMaskedButKeepsOtherNumbers() {
        String text = "短信回复人 13912345678，身份证 " + ID + "，水表读数 123456.7 升，工单 2026012001";

        String redacted = Views.redact(text);

        assertThat(redacted).doesNotContain("13912345678", ID)
                .contains("139****5678", ID.substring(0, 6) + "********", "123456.7", "2026012001");
    }

    @Test
    void timelineEntryOfAnUnknownKindKeepsTheKindAsItsLabel() {
        TimelineEntry entry = new TimelineEntry(1, 9, Instant.parse("2026-01-20T01:02:03Z"), "SMS_SENT", "system", null);

        assertThat(Views.timelineEntry(entry).getString("kindLabel")).isEqualTo("SMS_SENT");
        assertThat(Views.timelineEntry(new TimelineEntry(2, 9, Instant.EPOCH, "ACKNOWLEDGED", "陈值班", "console"))
                .getString("kindLabel")).isEqualTo("确认接手");
    }

    @Test
    void respondersSeePhoneAndAddressButNeverTheIdNumber() {
        JsonObject view = Views.elder(ELDER, Disclosure.RESPONDER);

        assertThat(view.getString("phone")).isEqualTo("13912345678");
        assertThat(view.getString("address")).isEqualTo("姑苏区大儒巷12号201室");
        assertThat(view.getString("idNumber")).isEqualTo(ID.substring(0, 6) + "********" + ID.substring(14));
        assertThat(view.getBoolean("phoneMasked")).isFalse();
    }

    @Test
    void districtRoleSeesPhonesAndAddressesMasked() {
        assertThat(Disclosure.of(org.shouwang.db.AccountRole.DISTRICT)).isEqualTo(Disclosure.MASKED);
        assertThat(Disclosure.of(org.shouwang.db.AccountRole.STREET)).isEqualTo(Disclosure.RESPONDER);
        assertThat(Disclosure.of(org.shouwang.db.AccountRole.COMMUNITY_WORKER)).isEqualTo(Disclosure.RESPONDER);
        JsonObject contact = Views.contact(new CareContact(1, 5, ContactRole.FAMILY_CONTACT, "张女儿", "13800001111", 0),
                Disclosure.MASKED, org.shouwang.notifier.ProviderDirectory.unknown());
        assertThat(contact.getString("phone")).isEqualTo("138****1111");
        assertThat(contact.getBoolean("phoneMasked")).isTrue();
    }

    @Test
    void aPageShowsWhomItWasForAndTheProvidersDeliveryWordButNoNumber() {
        ConsoleQueries.Page page = new ConsoleQueries.Page(9, "SMS", "SENT", "delivered", Instant.EPOCH, Instant.EPOCH,
                Instant.EPOCH.plusSeconds(5), "王阿姨", ContactRole.NEIGHBOUR_VOLUNTEER, "NEIGHBOUR_VOLUNTEER");

        JsonObject view = Views.page(page);

        assertThat(view.getString("statusLabel")).isEqualTo("已送达");
        assertThat(view.getString("channelLabel")).isEqualTo("短信");
        assertThat(Views.pageEntry(page).getString("detail")).isEqualTo("王阿姨（邻里/志愿者），已送达");
    }

    @Test
    void aPageWithoutADeliveryReportHasASendTimeButNoDeliveredAt() {
        ConsoleQueries.Page page = new ConsoleQueries.Page(9, "VOICE", "SENT", null, Instant.EPOCH,
                Instant.EPOCH.plusSeconds(1), null, "王阿姨", ContactRole.NEIGHBOUR_VOLUNTEER, "NEIGHBOUR_VOLUNTEER");

        JsonObject view = Views.page(page);

        assertThat(view.getString("statusLabel")).isEqualTo("已发送");
        assertThat(view.getString("sentAt")).isEqualTo("1970-01-01T00:00:01Z");
        assertThat(view.getString("deliveredAt")).isNull();
    }
}
