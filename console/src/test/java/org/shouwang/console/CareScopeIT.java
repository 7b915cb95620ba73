package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.console.CareTestData.contact;
import static org.shouwang.console.CareTestData.keyElder;
import static org.shouwang.console.CareTestData.q;
import static org.shouwang.console.CareTestData.records;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A community worker (李社工, 大儒巷社区) can neither read nor record anything of another community (桃花坞社区)
 * through any routine-care route: the routes naming an elder answer 403, the lists leave the other community
 * out, and asking a list for another community or street by name is a 403 too.
 */
class CareScopeIT {

    private static ConsoleHarness console;
    private static long mine;
    private static long theirs;

    @BeforeAll
    static void start() {
        console = new ConsoleHarness();
        mine = keyElder(console, ConsoleHarness.COMMUNITY, "本社区");
        theirs = keyElder(console, ConsoleHarness.OTHER_COMMUNITY, "他社区");
        console.street.put("/api/elders/" + theirs + "/agreement", new JsonObject().put("status", "DRAFT"));
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void everyRouteNamingAnotherCommunitysElderIs403AndWritesNothing() {
        String elder = "/api/elders/" + theirs;
        StaffClient w = console.worker;
        Map<String, HttpResponse<Buffer>> answers = new LinkedHashMap<>();
        answers.put("GET care-records", w.get(elder + "/care-records"));
        answers.put("POST care-records", w.post(elder + "/care-records", contact("VISIT").put("requestKey", "x1")));
        answers.put("timeline", w.get(elder + "/timeline"));
        answers.put("GET agreement", w.get(elder + "/agreement"));
        answers.put("PUT agreement", w.put(elder + "/agreement", new JsonObject().put("status", "DRAFT")));
        answers.put("agreement.docx", w.get(elder + "/agreement.docx"));
        answers.put("GET scan", w.get(elder + "/agreement/scan"));
        answers.put("duties of the elder", w.get("/api/duties?elderId=" + theirs));
        answers.put("export of the elder", w.get("/api/care-records/export?elderId=" + theirs));

        answers.forEach((route, r) -> {
            assertThat(r.statusCode()).as(route).isEqualTo(403);
            assertThat(r.bodyAsString()).as(route).doesNotContain("他社区");
        });
        assertThat(records(console, theirs)).as("nothing was recorded").isZero();
    }

    @Test
    void listsNamingAnotherCommunityOrStreetAre403() {
        StaffClient w = console.worker;
        String other = q(ConsoleHarness.OTHER_COMMUNITY);
        String otherStreet = q("沧浪街道");
        Map<String, HttpResponse<Buffer>> answers = new LinkedHashMap<>();
        answers.put("duties of the community", w.get("/api/duties?community=" + other));
        answers.put("duties of a street", w.get("/api/duties?street=" + otherStreet));
        answers.put("compliance of the community", w.get("/api/compliance?community=" + other));
        answers.put("response times of the community", w.get("/api/response-times?community=" + other));
        answers.put("export of the community", w.get("/api/care-records/export?community=" + other));
        answers.put("quarterly report", w.get("/api/compliance/report?street=" + q(ConsoleHarness.STREET)));
        answers.put("street staff, another street", console.street.get("/api/compliance?street=" + otherStreet));
        answers.put("street staff, another street's duties", console.street.get("/api/duties?street=" + otherStreet));

        answers.forEach((route, r) -> assertThat(r.statusCode()).as(route).isEqualTo(403));
    }

    @Test
    void theWorkersOwnListsLeaveTheOtherCommunityOut() {
        console.other.post("/api/elders/" + theirs + "/care-records", contact("VISIT"));

        String duties = console.worker.get("/api/duties").bodyAsString();
        JsonObject compliance = console.worker.get("/api/compliance").bodyAsJsonObject();

        assertThat(duties).contains("本社区").doesNotContain("他社区");
        assertThat(compliance.encode()).contains("本社区").doesNotContain("他社区", ConsoleHarness.OTHER_COMMUNITY);
        assertThat(console.street.get("/api/duties").bodyAsString()).as("street staff see both").contains("本社区", "他社区");
        assertThat(console.other.get("/api/elders/" + theirs + "/care-records").bodyAsJsonArray())
                .as("the other community's worker reaches their own elder").hasSize(1);
        assertThat(console.worker.get("/api/elders/" + mine + "/care-records").statusCode()).isEqualTo(200);
    }
}
