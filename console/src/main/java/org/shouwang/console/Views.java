package org.shouwang.console;

import io.vertx.core.json.JsonObject;
import io.vertx.core.json.JsonArray;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shouwang.model.CareContact;
import org.shouwang.model.Device;
import org.shouwang.model.Elder;
import org.shouwang.model.Incident;
import org.shouwang.model.Privacy;
import org.shouwang.model.Severity;
import org.shouwang.model.TimelineEntry;

/**
 * Turns domain records into the API's JSON, masking ID numbers always and phones and addresses unless the
 * {@link Disclosure} of the person's role shows them: the one place that decides what a browser may see.
 * Times are ISO-8601 instants.
 */
final class Views {

    private static final Map<Severity, String> SEVERITY_LABELS = Map.of(
            Severity.CRITICAL, "紧急", Severity.HIGH, "高", Severity.MEDIUM, "中", Severity.TECHNICAL, "技术");
    private static final Map<String, String> TIMELINE_LABELS = Map.of(
            "ALERT_RAISED", "告警触发", "ALERT_REPEATED", "再次告警", "ACKNOWLEDGED", "确认接手",
            "RESOLVED", "办结", "NOTE", "服务记录", "ARRIVED", "到达");
    /** An ID number or a mainland mobile number standing on its own inside free text. */
    private static final Pattern SENSITIVE_NUMBER = Pattern.compile("(?<![0-9])(\\d{17}[\\dXx]|1\\d{10})(?![0-9])");

    private Views() {
    }

    private static final Map<String, String> CHANNEL_LABELS = Map.of("SMS", "短信", "VOICE", "语音电话",
            "CONSOLE", "控制台");
    private static final Map<String, String> PAGE_STATUS_LABELS = Map.of("PENDING", "待发送", "SENT", "已发送",
            "FAILED", "发送失败", "CANCELLED", "已取消");
    private static final Map<String, String> DELIVERY_LABELS = Map.ofEntries(Map.entry("queued", "排队中"),
            Map.entry("sent", "已发出"), Map.entry("delivered", "已送达"), Map.entry("undelivered", "未送达"),
            Map.entry("failed", "失败"), Map.entry("ringing", "振铃中"), Map.entry("in-progress", "通话中"),
            Map.entry("completed", "已接通"), Map.entry("busy", "占线"), Map.entry("no-answer", "无人接听"),
            Map.entry("canceled", "已取消"));

    /** Provider reports that say a page reached the person: a delivered SMS, an answered call. */
    private static final Set<String> ARRIVED = Set.of("delivered", "in-progress", "completed");

    /** An incident with the little of its elder a queue row needs; every value masked. */
    static JsonObject incident(Incident i, Elder elder) {
        return incident(i, elder, Disclosure.MASKED);
    }

    /** An incident with the little of its elder a queue row needs; the address as the role may see it. */
    static JsonObject incident(Incident i, Elder elder, Disclosure d) {
        JsonObject summary = elder == null ? null : new JsonObject()
                .put("id", elder.id())
                .put("name", elder.name())
                .put("street", elder.street())
                .put("community", elder.community())
                .put("address", d.addresses() ? elder.address() : Privacy.maskAddress(elder.address()));
        return incident(i).put("elder", summary);
    }

    /** A queue row: the incident, its elder and who has been paged for it. */
    static JsonObject queueRow(ConsoleQueries.QueueRow r, Disclosure d, List<ConsoleQueries.Page> pages) {
        JsonArray paged = new JsonArray();
        pages.stream().filter(p -> p.incidentId() == r.incident().id()).forEach(p -> paged.add(page(p)));
        return incident(r.incident(), r.elder(), d).put("paged", paged).put("unreached", r.unreached())
                .put("alerts", r.alerts());
    }

    /**
     * A page sent for an incident: to whom (name and role), how, and how it went; never the number.
     * {@code sentAt} is when it left us; {@code deliveredAt} only when the provider reported it arrived
     * (an SMS delivered, a call answered), null while no such report came or when it did not arrive.
     */
    static JsonObject page(ConsoleQueries.Page p) {
        String status = p.deliveryStatus() != null ? DELIVERY_LABELS.getOrDefault(p.deliveryStatus(), p.deliveryStatus())
                : PAGE_STATUS_LABELS.getOrDefault(p.status(), p.status());
        return new JsonObject()
                .put("name", p.contactName() == null ? "老人本人" : p.contactName())
                .put("roleLabel", p.role() == null ? null : p.role().label())
                .put("channel", p.channel())
                .put("channelLabel", CHANNEL_LABELS.getOrDefault(p.channel(), p.channel()))
                .put("status", p.status())
                .put("statusLabel", status)
                .put("at", time(p.createdAt()))
                .put("sentAt", time(p.sentAt()))
                .put("deliveredAt", arrived(p) ? time(p.deliveryAt()) : null);
    }

    private static boolean arrived(ConsoleQueries.Page p) {
        // Set.of(...).contains(null) throws: no report is simply "not arrived".
        return p.deliveryStatus() != null && p.deliveryAt() != null && ARRIVED.contains(p.deliveryStatus());
    }

    /** A page as a timeline entry of the incident page. */
    static JsonObject pageEntry(ConsoleQueries.Page p) {
        JsonObject page = page(p);
        String who = page.getString("name") + (p.role() == null ? "" : "（" + p.role().label() + "）");
        return new JsonObject()
                .put("at", time(p.createdAt()))
                .put("kind", "PAGE")
                .put("kindLabel", "通知：" + page.getString("channelLabel"))
                .put("actor", "system")
                .put("detail", who + "，" + page.getString("statusLabel"));
    }

    /** A device row for the device list and the elder page, with what maintenance should look at. */
    static JsonObject deviceRow(ConsoleQueries.DeviceRow d, Instant now) {
        JsonArray problems = new JsonArray();
        DeviceHealth.problems(d, now).forEach(p -> problems.add(new JsonObject().put("code", p.name())
                .put("label", p.label())));
        return new JsonObject()
                .put("deviceId", d.deviceId())
                .put("kind", d.kind().name())
                .put("kindLabel", d.kind().name().equals("WATER_METER") ? "智能水表" : "一键呼")
                .put("elderId", d.elderId())
                .put("elderName", d.elderName())
                .put("street", d.street())
                .put("community", d.community())
                .put("active", d.active())
                .put("installedAt", time(d.installedAt()))
                .put("lastSeenAt", time(d.lastSeenAt()))
                .put("battery", d.battery())
                .put("rssi", d.rssi())
                .put("online", d.online())
                .put("nextUploadDue", time(d.nextUploadDue()))
                .put("uploadIntervalHours", d.cadence() == null ? null : d.cadence().interval().toMinutes() / 60.0)
                .put("problems", problems);
    }

    static JsonObject incident(Incident i) {
        return new JsonObject()
                .put("id", i.id())
                .put("code", i.code())
                .put("state", i.state().wire())
                .put("rule", i.rule().name())
                .put("ruleLabel", i.rule().label())
                .put("severity", i.severity().name())
                .put("severityLabel", SEVERITY_LABELS.get(i.severity()))
                .put("openedAt", time(i.openedAt()))
                .put("acknowledgedAt", time(i.acknowledgedAt()))
                .put("acknowledgedBy", redact(i.acknowledgedBy()))
                .put("resolvedAt", time(i.resolvedAt()))
                .put("resolvedBy", redact(i.resolvedBy()))
                .put("outcome", redact(i.outcome()));
    }

    static JsonObject elder(Elder e) {
        return elder(e, Disclosure.MASKED);
    }

    /** An elder as the role may see them; the ID number is always masked (see {@code reveal}). */
    static JsonObject elder(Elder e, Disclosure d) {
        return new JsonObject()
                .put("id", e.id())
                .put("name", e.name())
                .put("idNumber", Privacy.maskIdNumber(e.idNumber()))
                .put("street", e.street())
                .put("community", e.community())
                .put("address", d.addresses() ? e.address() : Privacy.maskAddress(e.address()))
                .put("phone", d.phones() ? e.phone() : Privacy.maskPhone(e.phone()))
                .put("phoneMasked", !d.phones())
                .put("addressMasked", !d.addresses())
                .put("active", e.active());
    }

    static JsonObject contact(CareContact c) {
        return contact(c, Disclosure.MASKED, org.shouwang.notifier.ProviderDirectory.unknown());
    }

    /** A care contact as the role may see them, with the paging provider that reaches their number. */
    static JsonObject contact(CareContact c, Disclosure d, org.shouwang.notifier.ProviderDirectory directory) {
        return new JsonObject()
                .put("provider", directory.reaches(c.phone()))
                .put("id", c.id())
                .put("elderId", c.elderId())
                .put("role", c.role().name())
                .put("roleLabel", c.role().label())
                .put("name", c.name())
                .put("phone", d.phones() ? c.phone() : Privacy.maskPhone(c.phone()))
                .put("phoneMasked", !d.phones())
                .put("priority", c.priority());
    }

    static JsonObject device(Device d) {
        return new JsonObject()
                .put("deviceId", d.deviceId())
                .put("kind", d.kind().name())
                .put("elderId", d.elderId())
                .put("active", d.active());
    }

    static JsonObject timelineEntry(TimelineEntry t) {
        return new JsonObject()
                .put("id", t.id())
                .put("at", time(t.at()))
                .put("kind", t.kind())
                .put("kindLabel", TIMELINE_LABELS.getOrDefault(t.kind(), t.kind()))
                .put("actor", redact(t.actor()))
                .put("detail", redact(t.detail()));
    }

    /**
     * Masks ID and mobile numbers inside free text written by people or other parts (an SMS reply's
     * sender, a note): the structured fields are masked anyway, this catches what slips into prose.
     */
    static String redact(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = SENSITIVE_NUMBER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String found = m.group(1);
            m.appendReplacement(out, Matcher.quoteReplacement(
                    found.length() == 18 ? Privacy.maskIdNumber(found) : Privacy.maskPhone(found)));
        }
        return m.appendTail(out).toString();
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
