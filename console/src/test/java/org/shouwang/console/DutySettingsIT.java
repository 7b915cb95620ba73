package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.db.Jdbc;

/**
 * A street sets its own contact frequency: the setting shows as the street's, the street's elders' duties follow
 * it at once, it is audited, and nobody else can change it (community workers, another street's staff).
 */
class DutySettingsIT {

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

    private static JsonObject setting(String role, int contacts, String period) {
        return new JsonObject().put("street", "平江街道").put("role", role).put("contacts", contacts).put("period", period);
    }

    @Test
    void theStreetsThreeVisitsAWeekReplaceThePolicysTwoForItsElders() {
        long elder = CareTestData.keyElder(console, ConsoleHarness.COMMUNITY, "周桂英");
        HttpResponse<Buffer> before = console.worker.get("/api/care/duty-settings");
        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(before.bodyAsJsonObject().getJsonArray("roles").getJsonObject(0).getString("label"))
                .isEqualTo("每周2次");

        HttpResponse<Buffer> put = console.street.put("/api/care/duty-settings", setting("COMMUNITY_WORKER", 3, "WEEK"));
        assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);

        JsonObject worker = console.worker.get("/api/care/duty-settings").bodyAsJsonObject().getJsonArray("roles")
                .getJsonObject(0);
        assertThat(worker.getString("label")).isEqualTo("每周3次");
        assertThat(worker.getString("source")).isEqualTo("STREET");
        JsonObject weekly = console.worker.get("/api/duties?state=all").bodyAsJsonObject().getJsonArray("items")
                .stream().map(JsonObject.class::cast)
                .filter(i -> i.getLong("elderId") == elder && "COMMUNITY_WORKER".equals(i.getString("role"))
                        && "WEEK".equals(i.getString("period")))
                .findFirst().orElseThrow();
        assertThat(weekly.getInteger("required")).as("a key elder registered long ago: the whole week").isEqualTo(3);
        assertThat(new Jdbc(console.db.dataSource()).one("SELECT count(*) FROM audit_log WHERE action = 'DUTY_SETTING'"
                + " AND target_id = '平江街道' AND detail LIKE '社区工作者%'",
                rs -> rs.getInt(1)).orElseThrow()).isEqualTo(1);
    }

    @Test
    void communityWorkersAndOtherStreetsCannotChangeItAndNonsenseIsRefused() {
        assertThat(console.worker.put("/api/care/duty-settings", setting("NEIGHBOUR_VOLUNTEER", 1, "WEEK"))
                .statusCode()).isEqualTo(403);
        assertThat(console.street.put("/api/care/duty-settings", setting("NEIGHBOUR_VOLUNTEER", 1, "DAY")
                .put("street", "沧浪街道")).statusCode()).isEqualTo(403);
        assertThat(console.street.get("/api/care/duty-settings?street=" + CareTestData.q("沧浪街道")).statusCode())
                .isEqualTo(403);
        HttpResponse<Buffer> zero = console.street.put("/api/care/duty-settings", setting("NEIGHBOUR_VOLUNTEER", 0, "DAY"));
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(zero.bodyAsJsonObject().getString("error")).contains("1 到 14");
        assertThat(console.street.put("/api/care/duty-settings", setting("STREET_OFFICE", 1, "DAY")).statusCode())
                .isEqualTo(400);
        assertThat(console.district.put("/api/care/duty-settings", setting("HOME_CARE_ORG", 3, "WEEK")
                .put("street", "虎丘街道")).statusCode()).as("district staff, any street").isEqualTo(200);
    }
}
