package org.shouwang.console;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
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
 * Turns domain records into the API's JSON, masking every ID number, phone and address on the way
 * out: the one place that decides what a browser may see. Times are ISO-8601 instants.
 */
final class Views {

    private static final Map<Severity, String> SEVERITY_LABELS = Map.of(
            Severity.CRITICAL, "紧急", Severity.HIGH, "高", Severity.MEDIUM, "中", Severity.TECHNICAL, "技术");
    private static final Map<String, String> TIMELINE_LABELS = Map.of(
            "ALERT_RAISED", "告警触发", "ALERT_REPEATED", "再次告警", "ACKNOWLEDGED", "确认接手",
            "RESOLVED", "办结", "NOTE", "备注");
    /** An ID number or a mainland mobile number standing on its own inside free text. */
    private static final Pattern SENSITIVE_NUMBER = Pattern.compile("(?<![0-9])(\\d{17}[\\dXx]|1\\d{10})(?![0-9])");

    private Views() {
    }

    /** An incident with the little of its elder a queue row needs. */
    static JsonObject incident(Incident i, Elder elder) {
        JsonObject summary = elder == null ? null : new JsonObject()
                .put("id", elder.id())
                .put("name", elder.name())
                .put("street", elder.street())
                .put("community", elder.community())
                .put("address", Privacy.maskAddress(elder.address()));
        return incident(i).put("elder", summary);
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
        return new JsonObject()
                .put("id", e.id())
                .put("name", e.name())
                .put("idNumber", Privacy.maskIdNumber(e.idNumber()))
                .put("street", e.street())
                .put("community", e.community())
                .put("address", Privacy.maskAddress(e.address()))
                .put("phone", Privacy.maskPhone(e.phone()))
                .put("active", e.active());
    }

    static JsonObject contact(CareContact c) {
        return new JsonObject()
                .put("id", c.id())
                .put("elderId", c.elderId())
                .put("role", c.role().name())
                .put("roleLabel", c.role().label())
                .put("name", c.name())
                .put("phone", Privacy.maskPhone(c.phone()))
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
