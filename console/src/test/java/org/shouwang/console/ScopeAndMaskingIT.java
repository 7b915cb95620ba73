package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.console.ConsoleHarness.OTHER_COMMUNITY;
import static org.shouwang.console.ConsoleHarness.elderForm;
import static org.shouwang.console.ConsoleHarness.ids;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.db.AuditEntry;
import org.shouwang.db.AuditStore;
import org.shouwang.db.Jdbc;
import org.shouwang.model.Incident;
import org.shouwang.model.Privacy;
import org.shouwang.model.Rule;

/**
 * Scope and masking over real HTTP: a community worker reaches nothing of another community through any
 * route, and each role sees ID numbers, phones and addresses as console/README.md's matrix says.
 */
class ScopeAndMaskingIT {

    private static ConsoleHarness console;

    @BeforeAll
    static void start() {
        console = new ConsoleHarness();
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void communityWorkerGets403ForAnotherCommunitysElderThroughEveryRoute() {
        long elderId = console.newElder(OTHER_COMMUNITY);
        Incident incident = console.raise(elderId, Rule.BUTTON_PRESSED);
        long contactId = console.post("/api/elders/" + elderId + "/contacts", new JsonObject()
                .put("role", "NEIGHBOUR_VOLUNTEER").put("name", "王阿姨").put("phone", console.phone()))
                .bodyAsJsonObject().getLong("id");
        String deviceId = "wm-scope-" + console.next();
        assertThat(console.post("/api/devices", new JsonObject().put("deviceId", deviceId).put("kind", "WATER_METER")
                .put("elderId", elderId)).statusCode()).isEqualTo(201);
        String elder = "/api/elders/" + elderId;
        String inc = "/api/incidents/" + incident.id();
        JsonObject form = elderForm(console.idNumber(), console.phone(), OTHER_COMMUNITY);
        JsonObject contact = new JsonObject().put("role", "NEIGHBOUR_VOLUNTEER").put("name", "某人").put("phone", console.phone());

        Map<String, HttpResponse<Buffer>> answers = new LinkedHashMap<>();
        StaffClient w = console.worker;
        answers.put("GET elder", w.get(elder));
        answers.put("PUT elder", w.put(elder, form));
        answers.put("deactivate", w.post(elder + "/deactivate", new JsonObject().put("reason", "搬走")));
        answers.put("reveal", w.post(elder + "/reveal", new JsonObject().put("field", "idNumber")));
        answers.put("water chart", w.get(elder + "/water"));
        answers.put("routine", w.get(elder + "/routine"));
        answers.put("audit", w.get(elder + "/audit"));
        answers.put("add contact", w.post(elder + "/contacts", contact));
        answers.put("edit contact", w.put("/api/contacts/" + contactId, contact));
        answers.put("retire contact", w.post("/api/contacts/" + contactId + "/retire", null));
        answers.put("add device", w.post("/api/devices", new JsonObject().put("deviceId", "wm-x" + console.next())
                .put("kind", "WATER_METER").put("elderId", elderId)));
        answers.put("devices of elder", w.get("/api/devices?elderId=" + elderId));
        answers.put("device active", w.post("/api/devices/" + deviceId + "/active", new JsonObject().put("active", false)));
        answers.put("incident", w.get(inc));
        answers.put("ack", w.post(inc + "/ack", null));
        answers.put("resolve", w.post(inc + "/resolve", new JsonObject().put("outcome", "误报")));
        answers.put("note", w.post(inc + "/notes", new JsonObject().put("note", "看看")));
        answers.put("absences", w.get(elder + "/absences"));
        answers.put("add absence", w.post(elder + "/absences", new JsonObject().put("from", "2026-01-01")));
        long absenceId = new Jdbc(console.db.dataSource()).one("INSERT INTO absence (elder_id, away_from, away_to, reason,"
                + " created_at, created_by) VALUES (?, now(), now() + interval '2 days', '住院', now(), 't') RETURNING id",
                rs -> rs.getLong(1), elderId).orElseThrow();
        answers.put("delete absence", w.delete("/api/absences/" + absenceId));
        answers.put("register elsewhere", w.post("/api/elders", form));
        answers.put("weather switch", w.post("/api/weather", new JsonObject().put("street", ConsoleHarness.STREET)
                .put("on", true)));
        answers.put("thresholds", w.send(HttpMethod.PUT, "/api/rules/thresholds", new JsonObject()));
        answers.put("thresholds of the elder", w.get("/api/rules/thresholds?elderId=" + elderId));
        answers.put("roster export", w.get("/api/roster/export"));

        answers.forEach((route, r) -> {
            assertThat(r.statusCode()).as(route).isEqualTo(403);
            assertThat(r.bodyAsJsonObject().getString("error")).as(route).isNotBlank();
            assertThat(r.bodyAsString()).as(route).doesNotContain("张桂英");
        });
        assertThat(ids(w.get("/api/incidents").bodyAsJsonArray())).doesNotContain(incident.id());
        assertThat(ids(w.get("/api/elders").bodyAsJsonArray())).doesNotContain(elderId);
        assertThat(w.get("/api/devices").bodyAsString()).doesNotContain(deviceId);
        // Nothing was changed by the refused requests.
        assertThat(console.incidents.find(incident.id()).orElseThrow().state().wire()).isEqualTo("open");
        assertThat(console.registry.findElder(elderId).orElseThrow().active()).isTrue();
        assertThat(console.registry.contacts(elderId)).hasSize(1);
        assertThat(new Jdbc(console.db.dataSource()).one("SELECT deleted_at IS NULL FROM absence WHERE id = ?",
                rs -> rs.getBoolean(1), absenceId)).contains(true);

        // The worker of that community reaches the same routes.
        assertThat(console.other.get(elder).statusCode()).isEqualTo(200);
        assertThat(console.other.get(inc).statusCode()).isEqualTo(200);
        assertThat(ids(console.other.get("/api/incidents").bodyAsJsonArray())).contains(incident.id());
    }

    @Test
    void districtSeesPhonesAndAddressMaskedStreetAndWorkerSeeThemAndIdNumbersAreAlwaysMasked() {
        String idNumber = console.idNumber();
        String phone = console.phone();
        String contactPhone = console.phone();
        long elderId = console.post("/api/elders", elderForm(idNumber, phone)).bodyAsJsonObject().getLong("id");
        console.post("/api/elders/" + elderId + "/contacts", new JsonObject().put("role", "COMMUNITY_WORKER")
                .put("name", "李社工").put("phone", contactPhone));
        Incident incident = console.raise(elderId, Rule.NO_WATER_USE);

        JsonObject byDistrict = console.district.get("/api/elders/" + elderId).bodyAsJsonObject();
        assertThat(byDistrict.getString("phone")).isEqualTo(Privacy.maskPhone(phone));
        assertThat(byDistrict.getString("address")).isEqualTo(Privacy.maskAddress("姑苏区大儒巷12号201室"));
        assertThat(byDistrict.getJsonArray("contacts").getJsonObject(0).getString("phone"))
                .isEqualTo(Privacy.maskPhone(contactPhone));
        assertThat(console.district.get("/api/incidents/" + incident.id()).bodyAsString())
                .doesNotContain(idNumber, phone, contactPhone, "12号201室");

        for (StaffClient responder : List.of(console.street, console.worker)) {
            JsonObject profile = responder.get("/api/elders/" + elderId).bodyAsJsonObject();
            assertThat(profile.getString("phone")).isEqualTo(phone);
            assertThat(profile.getString("address")).isEqualTo("姑苏区大儒巷12号201室");
            assertThat(profile.getString("idNumber")).isEqualTo(Privacy.maskIdNumber(idNumber));
            assertThat(profile.getJsonArray("contacts").getJsonObject(0).getString("phone")).isEqualTo(contactPhone);
            String page = responder.get("/api/incidents/" + incident.id()).bodyAsString();
            assertThat(page).contains(contactPhone).doesNotContain(idNumber);
            // Lists start no call: phones stay masked there for everyone.
            assertThat(responder.get("/api/elders").bodyAsString()).doesNotContain(phone, idNumber);
        }
        assertThat(console.street.get("/api/incidents").bodyAsString()).doesNotContain(phone, idNumber);
    }

    @Test
    void revealingTheIdNumberShowsItOnceAndWritesAnAuditLine() {
        String idNumber = console.idNumber();
        long elderId = console.newElderWith(idNumber);

        HttpResponse<Buffer> r = console.worker.post("/api/elders/" + elderId + "/reveal",
                new JsonObject().put("field", "idNumber"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.bodyAsJsonObject().getString("value")).isEqualTo(idNumber);
        List<AuditEntry> trail = new AuditStore(console.db.dataSource()).forElder(elderId, 10);
        assertThat(trail).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("REVEAL");
            assertThat(e.actor()).isEqualTo("李社工");
            assertThat(e.detail()).isEqualTo("身份证号").doesNotContain(idNumber);
        });
    }

    @Test
    void viewingAcknowledgingAndResolvingAreAudited() {
        long elderId = console.newElder();
        Incident incident = console.raise(elderId, Rule.BUTTON_PRESSED);
        String base = "/api/incidents/" + incident.id();

        console.worker.get("/api/elders/" + elderId);
        console.worker.get(base);
        console.worker.post(base + "/ack", null);
        console.street.post(base + "/resolve", new JsonObject().put("outcome", "老人安全").put("note", "已上门"));

        List<AuditEntry> trail = new AuditStore(console.db.dataSource()).forElder(elderId, 20);
        assertThat(trail).extracting(AuditEntry::action)
                .contains("CREATE_ELDER", "VIEW_ELDER", "VIEW_INCIDENT", "ACKNOWLEDGE", "RESOLVE");
        assertThat(trail).filteredOn(e -> e.action().equals("RESOLVE")).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("陈值班"));
        assertThat(trail).filteredOn(e -> e.action().equals("ACKNOWLEDGE")).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("李社工"));
        JsonArray shown = console.street.get("/api/elders/" + elderId + "/audit").bodyAsJsonArray();
        assertThat(shown.stream().map(e -> ((JsonObject) e).getString("action"))).contains("VIEW_ELDER");
    }

    @Test
    void streetStaffCannotReachAnotherStreetAndDistrictStaffReachEvery() {
        HttpResponse<Buffer> created = console.district.post("/api/elders", elderForm(console.idNumber(), null)
                .put("street", "沧浪街道").put("community", "南门社区"));
        assertThat(created.statusCode()).isEqualTo(201);
        long elderId = created.bodyAsJsonObject().getLong("id");
        Incident incident = console.raise(elderId, Rule.BUTTON_PRESSED);

        assertThat(console.street.get("/api/elders/" + elderId).statusCode()).isEqualTo(403);
        assertThat(console.street.post("/api/incidents/" + incident.id() + "/ack", null).statusCode()).isEqualTo(403);
        assertThat(console.street.post("/api/weather", new JsonObject().put("street", "沧浪街道")).statusCode())
                .isEqualTo(403);
        assertThat(console.street.get("/api/rules/thresholds?street="
                + java.net.URLEncoder.encode("沧浪街道", java.nio.charset.StandardCharsets.UTF_8)).statusCode()).isEqualTo(403);
        assertThat(console.district.get("/api/rules/thresholds?elderId=" + elderId).statusCode()).isEqualTo(200);
        assertThat(ids(console.street.get("/api/incidents").bodyAsJsonArray())).doesNotContain(incident.id());
        assertThat(ids(console.district.get("/api/incidents").bodyAsJsonArray())).contains(incident.id());
        assertThat(console.district.post("/api/incidents/" + incident.id() + "/ack", null).statusCode()).isEqualTo(200);
    }
}
