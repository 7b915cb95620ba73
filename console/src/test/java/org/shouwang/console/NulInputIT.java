package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.model.Incident;
import org.shouwang.model.Rule;

/**
 * PostgreSQL cannot store a NUL character in text (SQLSTATE 22021): wherever the console takes text
 * (a JSON body, a query parameter, a path), a NUL is the client's mistake, answered 400 in Chinese,
 * never a 500, and nothing is changed.
 */
class NulInputIT {

    private static final String NUL = "\u0000";
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
    void aNulInAnIncidentNoteOrResolveCommentIs400AndTheIncidentStaysOpen() {
        Incident incident = console.raise(console.newElder(), Rule.BUTTON_PRESSED);

        assertRefused(console.post("/api/incidents/" + incident.id() + "/notes", new JsonObject().put("note", "已联系" + NUL)));
        assertRefused(console.post("/api/incidents/" + incident.id() + "/resolve",
                new JsonObject().put("outcome", "老人安全").put("note", NUL + "上门确认")));

        assertThat(console.incidents.find(incident.id()).orElseThrow().state().wire()).isEqualTo("open");
    }

    @Test
    void aNulInARegistryEditOrAnAbsenceIs400AndChangesNothing() {
        long elderId = console.newElder();
        JsonObject form = ConsoleHarness.elderForm(console.idNumber(), console.phone()).put("address", "姑苏区" + NUL + "1号");

        assertRefused(console.post("/api/elders", form));
        assertRefused(console.street.put("/api/elders/" + elderId,
                console.get("/api/elders/" + elderId).bodyAsJsonObject().put("name", "张" + NUL)));
        assertRefused(console.worker.post("/api/elders/" + elderId + "/absences", new JsonObject()
                .put("from", "2025-08-01").put("to", "2025-08-03").put("reason", "探亲" + NUL)));

        assertThat(console.get("/api/elders/" + elderId).bodyAsJsonObject().getString("name")).isEqualTo("张桂英");
    }

    @Test
    void aNulInASearchParameterOrAPathIs400() {
        assertRefused(console.get("/api/elders?q=%00"));
        assertRefused(console.get("/api/elders?q=%E5%BC%A0%00"));
        assertRefused(console.get("/api/rules/thresholds?street=%00"));
        assertRefused(console.post("/api/devices/meter%00x/active", new JsonObject().put("active", false)));
    }

    @Test
    void aNulInTheLoginIs400() {
        HttpResponse<Buffer> r = ConsoleHarness.await(console.client.post("/api/login")
                .sendJsonObject(new JsonObject().put("username", "street" + NUL).put("password", "whatever-pass")));
        assertRefused(r);
    }

    private static void assertRefused(HttpResponse<Buffer> r) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getString("error")).contains("空字符");
    }
}
