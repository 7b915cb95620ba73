package org.shouwang.notifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.shouwang.db.EscalationMaintenanceItem;
import org.shouwang.db.EscalationStore;
import org.shouwang.model.Rule;

/**
 * Technical incidents (silent devices, low batteries, meter alarms) go to maintenance staff, not to
 * care contacts' phones: this is their list, and the daily digest of it (street by street, with device
 * ids and incident codes, no personal data), which {@link DigestScheduler} texts to the maintenance desk.
 */
public final class MaintenanceDigest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** Ten Chinese SMS segments at most; the full list is in the console. */
    static final int SMS_MAX_CHARS = 670;
    static final String MORE = "……其余见控制台维护清单。";

    private final EscalationStore store;
    private final Clock clock;

    MaintenanceDigest(EscalationStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Unresolved technical incidents, by street, community and age. Blocking. */
    public List<EscalationMaintenanceItem> list() {
        return store.maintenanceList();
    }

    /** Today's digest (Asia/Shanghai) of the current list. Blocking. */
    public String build() {
        return text(list(), LocalDate.now(clock.withZone(ZONE)), clock.instant());
    }

    /**
     * The digest as an SMS: {@link #text} cut after the last whole item that fits {@link #SMS_MAX_CHARS}
     * (Twilio refuses bodies over 1,600 characters), pointing to the console for the rest.
     */
    static String sms(List<EscalationMaintenanceItem> items, LocalDate day, Instant now) {
        String full = text(items, day, now);
        if (full.length() <= SMS_MAX_CHARS) {
            return full;
        }
        String cut = full.substring(0, SMS_MAX_CHARS - MORE.length());
        int end = Math.max(cut.lastIndexOf('；'), cut.lastIndexOf('\n'));
        return (end > 0 ? cut.substring(0, end) : cut) + MORE;
    }

    /** The digest text: totals by kind, new in the last 24 hours, then each street's items oldest first. */
    static String text(List<EscalationMaintenanceItem> items, LocalDate day, Instant now) {
        StringBuilder b = new StringBuilder(SmsText.SIGNATURE).append("设备维护日报 ").append(day).append("：");
        if (items.isEmpty()) {
            return b.append("无待处理的设备问题。").toString();
        }
        Map<Rule, Long> byRule = items.stream().collect(Collectors.groupingBy(EscalationMaintenanceItem::rule,
                TreeMap::new, Collectors.counting()));
        long fresh = items.stream().filter(i -> i.openedAt().isAfter(now.minus(Duration.ofDays(1)))).count();
        b.append("待处理").append(items.size()).append("项（")
                .append(byRule.entrySet().stream().map(e -> e.getKey().label() + e.getValue())
                        .collect(Collectors.joining("，")))
                .append("），其中近24小时新增").append(fresh).append("项。");
        Map<String, List<EscalationMaintenanceItem>> byStreet = items.stream().collect(Collectors.groupingBy(
                EscalationMaintenanceItem::street, TreeMap::new, Collectors.toList()));
        byStreet.forEach((street, list) -> {
            b.append("\n").append(street).append("：");
            b.append(list.stream().map(i -> i.community() + " " + i.deviceId() + " " + i.rule().label() + " "
                    + i.code()).collect(Collectors.joining("；")));
        });
        return b.toString();
    }
}
