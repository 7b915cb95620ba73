package org.shouwang.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.shouwang.care.Compliance;
import org.shouwang.care.DutyItem;
import org.shouwang.care.Frequency;
import org.shouwang.db.ResponseFigures;
import org.shouwang.model.CareContact;
import org.shouwang.model.Incident;
import org.shouwang.model.care.Agreement;
import org.shouwang.model.care.CareRecord;
import org.shouwang.model.care.NeedCategory;

/**
 * The routine-care records as the API's JSON: duty items, care records, agreements, compliance rows and the
 * response figures. Free text written by people is redacted for ID and mobile numbers as everywhere
 * ({@link Views#redact}); care records carry no ID number, phone or address of their own.
 */
final class CareViews {

    private CareViews() {
    }

    static JsonObject duty(DutyItem i) {
        return new JsonObject()
                .put("elderId", i.elderId())
                .put("elderName", i.elderName())
                .put("street", i.street())
                .put("community", i.community())
                .put("role", i.role().name())
                .put("roleLabel", i.role().label())
                .put("assigneeContactId", i.assigneeContactId())
                .put("assignee", i.assigneeName())
                .put("period", i.period().name())
                .put("periodLabel", i.period() == Frequency.Period.DAY ? "按天" : "按周")
                .put("start", i.start().toString())
                .put("end", i.end().toString())
                .put("required", i.required())
                .put("done", i.done())
                .put("missing", i.missing())
                .put("state", i.state().name())
                .put("stateLabel", i.state().label())
                .put("extremeWeather", i.extremeWeather())
                .put("keyElder", i.keyElder());
    }

    static JsonArray duties(List<DutyItem> items) {
        JsonArray out = new JsonArray();
        items.forEach(i -> out.add(duty(i)));
        return out;
    }

    static JsonObject record(CareRecord r) {
        JsonArray needs = new JsonArray();
        for (NeedCategory n : r.needs()) {
            needs.add(new JsonObject().put("code", n.name()).put("label", n.label()));
        }
        return new JsonObject()
                .put("id", r.id())
                .put("elderId", r.elderId())
                .put("kind", r.kind().name())
                .put("kindLabel", r.kind().label())
                .put("role", r.role().name())
                .put("roleLabel", r.role().label())
                .put("carerName", Views.redact(r.carerName()))
                .put("contactId", r.contactId())
                .put("at", time(r.at()))
                .put("content", Views.redact(r.content()))
                .put("needs", needs)
                .put("needsNote", Views.redact(r.needsNote()))
                .put("followUp", r.followUp())
                .put("incidentId", r.incidentId())
                .put("recordedAt", time(r.recordedAt()))
                .put("recordedBy", Views.redact(r.recordedBy()));
    }

    /** A care record as an entry of the elder's timeline. */
    static JsonObject recordEntry(CareRecord r) {
        return new JsonObject().put("type", "CARE_RECORD").put("at", time(r.at())).put("record", record(r));
    }

    /** An incident as an entry of the elder's timeline, at the time it opened. */
    static JsonObject incidentEntry(Incident i) {
        return new JsonObject().put("type", "INCIDENT").put("at", time(i.openedAt())).put("incident", Views.incident(i));
    }

    /** The agreement with the names of its parties 乙 and 丙, found in the elder's care team (null when retired). */
    static JsonObject agreement(Agreement a, List<CareContact> team) {
        return new JsonObject()
                .put("elderId", a.elderId())
                .put("status", a.status().name())
                .put("statusLabel", a.status().label())
                .put("street", a.street())
                .put("streetRepresentative", a.streetRepresentative())
                .put("communityWorkerId", a.communityWorkerId())
                .put("communityWorker", nameOf(team, a.communityWorkerId()))
                .put("neighbourId", a.neighbourId())
                .put("neighbour", nameOf(team, a.neighbourId()))
                .put("healthStatus", a.healthStatus())
                .put("signedOn", date(a.signedOn()))
                .put("endedOn", date(a.endedOn()))
                .put("hasScan", a.hasScan())
                .put("recordedAt", time(a.recordedAt()))
                .put("recordedBy", a.recordedBy());
    }

    static JsonObject week(Compliance.Week w) {
        JsonArray communities = new JsonArray();
        w.communities().forEach(r -> communities.add(row(r)));
        JsonArray people = new JsonArray();
        w.people().forEach(r -> people.add(row(r)));
        JsonArray trend = new JsonArray();
        w.trend().forEach(p -> trend.add(new JsonObject().put("week", p.week()).put("monday", date(p.monday()))
                .put("due", p.due()).put("met", p.met()).put("rate", p.rate())));
        return new JsonObject()
                .put("week", w.week())
                .put("monday", date(w.monday()))
                .put("sunday", date(w.monday().plusDays(6)))
                .put("due", w.due())
                .put("met", w.met())
                .put("rate", w.due() == 0 ? null : (double) w.met() / w.due())
                .put("communities", communities)
                .put("people", people)
                .put("trend", trend);
    }

    static JsonObject row(Compliance.Row r) {
        return new JsonObject()
                .put("street", r.street())
                .put("community", r.community())
                .put("role", r.role() == null ? null : r.role().name())
                .put("roleLabel", r.role() == null ? null : r.role().label())
                .put("contactId", r.contactId())
                .put("person", r.person())
                .put("due", r.due())
                .put("met", r.met())
                .put("rate", r.rate());
    }

    static JsonArray unsigned(List<Compliance.Unsigned> rows) {
        JsonArray out = new JsonArray();
        rows.forEach(u -> out.add(new JsonObject()
                .put("elderId", u.elderId())
                .put("name", u.name())
                .put("street", u.street())
                .put("community", u.community())
                .put("status", u.status() == null ? null : u.status().name())
                .put("statusLabel", u.status() == null ? "未登记" : u.status().label())));
        return out;
    }

    static JsonObject responseFigures(ResponseFigures f) {
        return new JsonObject()
                .put("incidents", f.incidents())
                .put("acknowledged", f.acknowledged())
                .put("acknowledgeMedianSeconds", seconds(f.acknowledgeMedian()))
                .put("acknowledgeP90Seconds", seconds(f.acknowledgeP90()))
                .put("arrived", f.arrived())
                .put("arrivalMedianSeconds", seconds(f.arrivalMedian()))
                .put("arrivalP90Seconds", seconds(f.arrivalP90()));
    }

    private static String nameOf(List<CareContact> team, Long id) {
        if (id == null) {
            return null;
        }
        return team.stream().filter(c -> c.id() == id).map(CareContact::name).findFirst().orElse(null);
    }

    private static Double seconds(Duration d) {
        return d == null ? null : d.toMillis() / 1000.0;
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    private static String date(LocalDate d) {
        return d == null ? null : d.toString();
    }
}
