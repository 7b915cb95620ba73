package org.shouwang.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shouwang.db.EscalationMaintenanceItem;
import org.shouwang.model.IncidentState;
import org.shouwang.model.Rule;

class MaintenanceDigestTest {

    private static final Instant NOW = Instant.parse("2026-07-20T00:00:00Z");

    private static EscalationMaintenanceItem item(long id, Rule rule, String device, String street, Instant opened) {
        return new EscalationMaintenanceItem(id, String.format("SW%05d", id), rule, device, 1, street, "某社区",
                IncidentState.OPEN, opened);
    }

    @Test
    void digestCountsByKindAndNewAndListsEachStreetsDevices() {
        String text = MaintenanceDigest.text(List.of(
                item(1, Rule.DEVICE_SILENT, "meter-1", "平江街道", NOW.minusSeconds(3 * 86_400)),
                item(2, Rule.LOW_BATTERY, "btn-2", "平江街道", NOW.minusSeconds(3_600)),
                item(3, Rule.DEVICE_SILENT, "meter-3", "金阊街道", NOW.minusSeconds(60))), LocalDate.of(2026, 7, 20), NOW);

        assertThat(text).startsWith("【守望】设备维护日报 2026-07-20：待处理3项（")
                .contains("设备离线2").contains("电量低1").contains("近24小时新增2项")
                .contains("\n平江街道：某社区 meter-1 设备离线 SW00001；某社区 btn-2 电量低 SW00002")
                .contains("\n金阊街道：某社区 meter-3 设备离线 SW00003");
    }

    @Test
    void emptyListSaysSo() {
        assertThat(MaintenanceDigest.text(List.of(), LocalDate.of(2026, 7, 20), NOW)).endsWith("无待处理的设备问题。");
    }

    @Test
    void longDigestIsCutAfterAWholeItemAndPointsToTheConsole() {
        List<EscalationMaintenanceItem> many = java.util.stream.LongStream.rangeClosed(1, 200)
                .mapToObj(i -> item(i, Rule.LOW_BATTERY, "btn-" + i, "平江街道", NOW.minusSeconds(60))).toList();

        String sms = MaintenanceDigest.sms(many, LocalDate.of(2026, 7, 20), NOW);

        assertThat(sms).hasSizeLessThanOrEqualTo(MaintenanceDigest.SMS_MAX_CHARS).contains("待处理200项")
                .endsWith(MaintenanceDigest.MORE);
        assertThat(sms.substring(0, sms.length() - MaintenanceDigest.MORE.length())).matches("(?s).*电量低 SW\\d{5}");
    }

    @Test
    void shortDigestIsTextedWhole() {
        List<EscalationMaintenanceItem> one = List.of(item(1, Rule.DEVICE_SILENT, "meter-1", "平江街道", NOW));

        assertThat(MaintenanceDigest.sms(one, LocalDate.of(2026, 7, 20), NOW))
                .isEqualTo(MaintenanceDigest.text(one, LocalDate.of(2026, 7, 20), NOW));
    }
}
