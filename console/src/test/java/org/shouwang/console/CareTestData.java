package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.shouwang.db.Jdbc;

/** Elders, care teams and care records for the routine-care tests, made through the API as staff would. */
final class CareTestData {

    private CareTestData() {
    }

    /**
     * A key elder (born 1942, living alone, children outside the district) of {@code community} in 平江街道,
     * registered by the street account.
     */
    static long keyElder(ConsoleHarness console, String community, String name) {
        JsonObject form = ConsoleHarness.elderForm(console.idNumber(), console.phone(), community).put("name", name)
                .put("category", "LIVING_ALONE").put("childrenLocation", "OUTSIDE_DISTRICT");
        HttpResponse<Buffer> r = console.street.post("/api/elders", form);
        assertThat(r.statusCode()).as("key elder registered").isEqualTo(201);
        assertThat(r.bodyAsJsonObject().getBoolean("keyElder")).as("registered as a key elder").isTrue();
        long id = r.bodyAsJsonObject().getLong("id");
        registeredLongAgo(console, id);
        return id;
    }

    /** Duties start when an elder is registered: put it well before the weeks the tests look at (their clocks vary). */
    static void registeredLongAgo(ConsoleHarness console, long elderId) {
        new Jdbc(console.db.dataSource()).update("UPDATE elder SET created_at = '2025-01-01T00:00:00Z' WHERE id = ?",
                elderId);
    }

    /** A care-team member of the elder; returns its id. */
    static long member(ConsoleHarness console, long elderId, String role, String name) {
        HttpResponse<Buffer> r = console.street.post("/api/elders/" + elderId + "/contacts", new JsonObject()
                .put("role", role).put("name", name).put("phone", console.phone()));
        assertThat(r.statusCode()).as("care contact added").isEqualTo(201);
        return r.bodyAsJsonObject().getLong("id");
    }

    static JsonObject contact(String kind) {
        return new JsonObject().put("kind", kind);
    }

    static int records(ConsoleHarness console, long elderId) {
        return new Jdbc(console.db.dataSource()).one("SELECT count(*) FROM care_record WHERE elder_id = ?",
                rs -> rs.getInt(1), elderId).orElseThrow();
    }

    static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
