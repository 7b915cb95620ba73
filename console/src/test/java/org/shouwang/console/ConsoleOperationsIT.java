package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.console.ConsoleHarness.PASSWORD;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.db.AuditEntry;
import org.shouwang.db.AuditStore;
import org.shouwang.db.Jdbc;
import org.shouwang.model.Elder;

/** Registry edits, the water chart, the roster upload and export, accounts and passwords, over real HTTP. */
class ConsoleOperationsIT {

    private static final String HEADER = "序号,街道,社区,姓名,身份证号,住址,联系电话,类别,有子女或赡养人请选择为区外或街道外,"
            + "是否为低保家庭中失能半失能的空巢独居老人";
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
    void editingAnElderKeepsTheIdNumberAndAuditsOnlyTheNamesOfTheChangedFields() {
        String idNumber = console.idNumber();
        long elderId = console.newElderWith(idNumber);
        JsonObject form = ConsoleHarness.elderForm("ignored", "13700001111").put("address", "姑苏区大儒巷20号");

        HttpResponse<Buffer> r = console.street.put("/api/elders/" + elderId, form);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.bodyAsJsonObject().getString("address")).isEqualTo("姑苏区大儒巷20号");
        assertThat(console.registry.findElder(elderId).orElseThrow().idNumber()).isEqualTo(idNumber);
        AuditEntry line = new AuditStore(console.db.dataSource()).forElder(elderId, 5).get(0);
        assertThat(line.action()).isEqualTo("UPDATE_ELDER");
        assertThat(line.detail()).isEqualTo("住址 联系电话").doesNotContain("20号", "13700001111");
        HttpResponse<Buffer> moved = console.street.put("/api/elders/" + elderId, form.copy().put("street", "沧浪街道"));
        assertThat(moved.statusCode()).as("moving an elder out of one's own scope").isEqualTo(403);
    }

    @Test
    void anEditThatDoesNotSendThePhoneOrAddressKeepsTheStoredOnes() {
        long elderId = console.newElder();
        Elder before = console.registry.findElder(elderId).orElseThrow();
        JsonObject form = ConsoleHarness.elderForm("ignored", "13700002222");
        form.remove("phone");
        form.remove("address");

        HttpResponse<Buffer> r = console.street.put("/api/elders/" + elderId, form.put("name", "改名老人"));

        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        Elder after = console.registry.findElder(elderId).orElseThrow();
        assertThat(after.name()).isEqualTo("改名老人");
        assertThat(after.phone()).isEqualTo(before.phone()).isNotNull();
        assertThat(after.address()).isEqualTo(before.address());
    }

    @Test
    void retiredContactLeavesTheTeamAndAStoppedDeviceLeavesTheHealthList() {
        long elderId = console.newElder();
        long contactId = console.post("/api/elders/" + elderId + "/contacts", new JsonObject().put("role", "FAMILY_CONTACT")
                .put("name", "张女儿").put("phone", console.phone())).bodyAsJsonObject().getLong("id");
        String meter = "wm-ops-" + console.next();
        console.post("/api/devices", new JsonObject().put("deviceId", meter).put("kind", "WATER_METER").put("elderId", elderId));

        JsonArray problems = console.get("/api/devices?problems=true").bodyAsJsonArray();
        assertThat(problems.stream().map(JsonObject.class::cast).filter(d -> d.getString("deviceId").equals(meter))
                .findFirst().orElseThrow().getJsonArray("problems").getJsonObject(0).getString("label")).isEqualTo("从未上报");

        assertThat(console.post("/api/contacts/" + contactId + "/retire", null).statusCode()).isEqualTo(200);
        assertThat(console.post("/api/devices/" + meter + "/active", new JsonObject().put("active", false)).statusCode())
                .isEqualTo(200);

        JsonObject profile = console.get("/api/elders/" + elderId).bodyAsJsonObject();
        assertThat(profile.getJsonArray("contacts")).isEmpty();
        assertThat(profile.getJsonArray("devices").getJsonObject(0).getBoolean("active")).isFalse();
        assertThat(console.get("/api/devices").bodyAsString()).doesNotContain(meter);
        assertThat(console.registry.activeDeviceIds()).doesNotContain(meter);
    }

    @Test
    void waterChartHasEveryHourOfTheWeekWithTheLitresOfEach() {
        long elderId = console.newElder();
        String meter = "wm-chart-" + console.next();
        console.registry.addDevice(meter, org.shouwang.model.DeviceKind.WATER_METER, elderId);
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        Jdbc jdbc = new Jdbc(console.db.dataSource());
        for (int quarter = 0; quarter < 4; quarter++) {
            Instant start = hour.plus(Duration.ofMinutes(15L * quarter));
            jdbc.update("INSERT INTO water_use (device_id, start_ts, end_ts, liters, msg_id) VALUES (?, ?, ?, ?, ?)",
                    meter, start, start.plus(Duration.ofMinutes(15)), 2.5, "m" + quarter);
        }
        jdbc.update("INSERT INTO water_use (device_id, start_ts, end_ts, liters, msg_id) VALUES (?, ?, ?, ?, ?)",
                meter, hour.minus(Duration.ofDays(9)), hour.minus(Duration.ofDays(9)).plusSeconds(900), 50.0, "old");

        JsonObject chart = console.get("/api/elders/" + elderId + "/water").bodyAsJsonObject();

        JsonArray hours = chart.getJsonArray("hours");
        assertThat(hours).hasSize(7 * 24);
        assertThat(chart.getDouble("totalLiters")).isEqualTo(10.0);
        JsonObject used = hours.stream().map(JsonObject.class::cast).filter(h -> h.getDouble("liters") > 0)
                .findFirst().orElseThrow();
        assertThat(Instant.parse(used.getString("hour"))).isEqualTo(hour);
        assertThat(used.getDouble("liters")).isEqualTo(10.0);
    }

    @Test
    void streetStaffImportTheirStreetsRosterButNotRowsOfAnotherStreet() {
        String own = HEADER + "\n1,平江街道,大儒巷社区,周阿婆," + Ids.idNumber(901) + ",大儒巷1号,13800009001,独居,区外,否\n";
        String mixed = HEADER + "\n1,平江街道,大儒巷社区,吴阿公," + Ids.idNumber(902) + ",大儒巷2号,13800009002,独居,区外,否\n"
                + "2,沧浪街道,南门社区,郑阿婆," + Ids.idNumber(903) + ",南门3号,13800009003,独居,区外,否\n";

        HttpResponse<Buffer> refused = console.street.postRaw("/api/roster/import?name=mixed.csv", "text/csv",
                Buffer.buffer(mixed.getBytes(StandardCharsets.UTF_8)));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.bodyAsJsonObject().getString("error")).contains("沧浪街道");

        HttpResponse<Buffer> done = console.street.postRaw("/api/roster/import?name=own.csv", "text/csv",
                Buffer.buffer(own.getBytes(StandardCharsets.UTF_8)));
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.bodyAsJsonObject().getBoolean("refused")).as(done.bodyAsString()).isFalse();
        assertThat(done.bodyAsJsonObject().getInteger("created")).isEqualTo(1);
        assertThat(console.worker.postRaw("/api/roster/import?name=own.csv", "text/csv", Buffer.buffer(own)).statusCode())
                .isEqualTo(403);
        assertThat(console.street.get("/api/elders?q=" + java.net.URLEncoder.encode("周阿婆", StandardCharsets.UTF_8)).bodyAsString()).contains("周阿婆");
    }

    @Test
    void exportIsAnXlsxOfTheOwnStreetAndIsAudited() {
        HttpResponse<Buffer> file = console.street.get("/api/roster/export?quarter=2026Q4");

        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.getHeader("Content-Type")).contains("spreadsheetml");
        assertThat(file.body().getBytes(0, 2)).containsExactly('P', 'K');
        assertThat(console.street.get("/api/roster/export?street=" + java.net.URLEncoder.encode("沧浪街道", java.nio.charset.StandardCharsets.UTF_8)).statusCode()).isEqualTo(403);
        assertThat(new AuditStore(console.db.dataSource()).recent(20)).extracting(AuditEntry::action)
                .contains("ROSTER_EXPORT");
    }

    @Test
    void streetStaffCreateWorkersOfTheirStreetOnlyAndADisabledAccountLosesItsSession() {
        JsonObject worker = new JsonObject().put("username", "zhou.sg").put("displayName", "周社工")
                .put("role", "COMMUNITY_WORKER").put("street", "平江街道").put("communities", new JsonArray(List.of("大儒巷社区")))
                .put("password", "another-secret-7");
        HttpResponse<Buffer> created = console.street.post("/api/accounts", worker);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.bodyAsString()).doesNotContain("another-secret-7");
        assertThat(console.street.post("/api/accounts", worker.copy().put("username", "far.sg").put("street", "沧浪街道"))
                .statusCode()).isEqualTo(403);
        assertThat(console.street.post("/api/accounts", worker.copy().put("username", "boss").put("role", "DISTRICT"))
                .statusCode()).isEqualTo(403);
        assertThat(console.worker.get("/api/accounts").statusCode()).isEqualTo(403);
        assertThat(console.street.post("/api/accounts", worker.copy().put("username", "weak.sg").put("password", "123"))
                .statusCode()).isEqualTo(400);

        StaffClient zhou = loginAs("zhou.sg", "another-secret-7");
        assertThat(zhou.get("/api/session").bodyAsJsonObject().getJsonArray("communities")).containsExactly("大儒巷社区");
        long id = created.bodyAsJsonObject().getLong("id");
        assertThat(console.street.post("/api/accounts/" + id + "/active", new JsonObject().put("active", false))
                .statusCode()).isEqualTo(200);
        assertThat(zhou.get("/api/incidents").statusCode()).isEqualTo(401);
        assertThat(console.tryLogin("zhou.sg", "another-secret-7").statusCode()).isEqualTo(401);
    }

    @Test
    void changingThePasswordEndsEveryOtherSessionOfThatPerson() {
        ConsoleAccounts.createIfAbsent(console.accounts, "pw.user", "改密码", org.shouwang.db.AccountRole.STREET,
                "平江街道", List.of(), PASSWORD, "t");
        StaffClient laptop = loginAs("pw.user", PASSWORD);
        StaffClient phone = loginAs("pw.user", PASSWORD);

        HttpResponse<Buffer> wrong = laptop.post("/api/session/password", new JsonObject().put("current", "nope-nope-nope")
                .put("password", "brand-new-pass-9"));
        assertThat(wrong.statusCode()).isEqualTo(400);
        HttpResponse<Buffer> changed = laptop.post("/api/session/password", new JsonObject().put("current", PASSWORD)
                .put("password", "brand-new-pass-9"));
        assertThat(changed.statusCode()).isEqualTo(200);

        assertThat(phone.get("/api/session").statusCode()).isEqualTo(401);
        assertThat(laptop.get("/api/session").statusCode()).as("old cookie of the changing session").isEqualTo(401);
        assertThat(console.tryLogin("pw.user", PASSWORD).statusCode()).isEqualTo(401);
        assertThat(loginAs("pw.user", "brand-new-pass-9").get("/api/session").statusCode()).isEqualTo(200);
    }

    private static StaffClient loginAs(String username, String password) {
        HttpResponse<Buffer> r = console.tryLogin(username, password);
        assertThat(r.statusCode()).as("login of " + username).isEqualTo(200);
        String cookie = r.cookies().get(0);
        return new StaffClient(console.client, cookie.substring("sw_session=".length(), cookie.indexOf(';')),
                r.bodyAsJsonObject().getString("csrfToken"), r.bodyAsJsonObject());
    }
}
