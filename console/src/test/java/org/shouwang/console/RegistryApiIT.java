package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.console.ConsoleHarness.elderForm;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.model.Incident;
import org.shouwang.model.Privacy;
import org.shouwang.model.ResidentId;
import org.shouwang.model.Rule;

/** Registering elders, care contacts and devices over real HTTP on a real PostgreSQL, and what comes back masked. */
class RegistryApiIT {

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
    void districtStaffRegisteringAnElderContactAndDeviceNeverSeeAFullIdNumberPhoneOrAddress() {
        String idNumber = console.idNumber();
        String phone = console.phone();
        String contactPhone = console.phone();

        StaffClient district = console.district;
        HttpResponse<Buffer> created = district.post("/api/elders", elderForm(idNumber, phone));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonObject elder = created.bodyAsJsonObject();
        assertThat(elder.getString("idNumber")).isEqualTo(Privacy.maskIdNumber(idNumber));
        assertThat(elder.getString("phone")).isEqualTo(Privacy.maskPhone(phone));
        assertThat(elder.getString("address")).doesNotContain("12号");
        long elderId = elder.getLong("id");

        HttpResponse<Buffer> contact = district.post("/api/elders/" + elderId + "/contacts", new JsonObject()
                .put("role", "NEIGHBOUR_VOLUNTEER").put("name", "王阿姨").put("phone", contactPhone).put("priority", 1));
        assertThat(contact.statusCode()).isEqualTo(201);
        assertThat(contact.bodyAsJsonObject().getString("phone")).isEqualTo(Privacy.maskPhone(contactPhone));
        assertThat(contact.bodyAsJsonObject().getString("roleLabel")).isEqualTo("邻里/志愿者");

        String deviceId = "btn-" + console.next();
        HttpResponse<Buffer> device = district.post("/api/devices", new JsonObject()
                .put("deviceId", deviceId).put("kind", "CALL_BUTTON").put("elderId", elderId));
        assertThat(device.statusCode()).isEqualTo(201);
        assertThat(device.bodyAsJsonObject().getString("deviceId")).isEqualTo(deviceId);

        HttpResponse<Buffer> one = district.get("/api/elders/" + elderId);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.bodyAsJsonObject().getJsonArray("contacts")).hasSize(1);
        assertThat(one.bodyAsJsonObject().getJsonArray("devices").getJsonObject(0).getString("kind"))
                .isEqualTo("CALL_BUTTON");
        assertThat(district.get("/api/devices?elderId=" + elderId).bodyAsJsonArray()).hasSize(1);

        for (HttpResponse<Buffer> r : List.of(created, contact, one, district.get("/api/elders"))) {
            assertThat(r.bodyAsString()).doesNotContain(idNumber, phone, contactPhone);
        }
    }

    @Test
    void elderFormErrorsNameTheFieldInChineseWithoutEchoingTheIdNumber() {
        String badId = "32050819420315123";
        HttpResponse<Buffer> r = console.post("/api/elders", elderForm(badId, console.phone()));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getString("field")).isEqualTo("idNumber");
        assertThat(r.bodyAsJsonObject().getString("error")).contains("身份证号");
        assertThat(r.bodyAsString()).doesNotContain(badId);

        HttpResponse<Buffer> nameless = console.post("/api/elders", elderForm(console.idNumber(), null).put("name", " "));
        assertThat(nameless.statusCode()).isEqualTo(400);
        assertThat(nameless.bodyAsJsonObject().getString("error")).contains("姓名");
    }

    @Test
    void idNumberWithAWrongCheckCharacterIsRefusedNamingTheFieldWithoutEchoingIt() {
        String valid = console.idNumber();
        String wrong = valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0');

        HttpResponse<Buffer> r = console.post("/api/elders", elderForm(wrong, console.phone()));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getString("field")).isEqualTo("idNumber");
        assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("身份证号（idNumber）校验位错误");
        assertThat(r.bodyAsString()).doesNotContain(wrong, valid.substring(0, 17));
    }

    @Test
    void fifteenDigitIdNumberIsStoredInItsEighteenCharacterForm() {
        // Born 1938-06-12 (a date no other test uses), so the converted number is this test's own.
        String fifteen = "320508380612" + String.format("%03d", console.next() % 1000);
        String eighteen = ResidentId.parse(fifteen).value();

        HttpResponse<Buffer> created = console.post("/api/elders", elderForm(fifteen, null));

        assertThat(created.statusCode()).isEqualTo(201);
        long elderId = created.bodyAsJsonObject().getLong("id");
        HttpResponse<Buffer> shown = console.post("/api/elders/" + elderId + "/reveal", new JsonObject().put("field", "idNumber"));
        assertThat(shown.bodyAsJsonObject().getString("value")).hasSize(18).isEqualTo(eighteen);
        assertThat(created.bodyAsJsonObject().getString("sex")).isEqualTo(ResidentId.parse(fifteen).sex().label());
        assertThat(console.post("/api/elders", elderForm(eighteen, null)).statusCode())
                .as("the 18-character form of the same number is the same elder").isEqualTo(409);
    }

    @Test
    void badPhoneOfAnElderOrAContactIsRefusedNamingTheFieldWithoutEchoingIt() {
        String bad = "1391234567";
        HttpResponse<Buffer> elder = console.post("/api/elders", elderForm(console.idNumber(), bad));
        assertThat(elder.statusCode()).isEqualTo(400);
        assertThat(elder.bodyAsJsonObject().getString("field")).isEqualTo("phone");
        assertThat(elder.bodyAsJsonObject().getString("error")).startsWith("联系电话（phone）");
        assertThat(elder.bodyAsString()).doesNotContain(bad);

        HttpResponse<Buffer> contact = console.post("/api/elders/" + console.newElder() + "/contacts", new JsonObject()
                .put("role", "COMMUNITY_WORKER").put("name", "李社工").put("phone", "0512-123"));
        assertThat(contact.statusCode()).isEqualTo(400);
        assertThat(contact.bodyAsJsonObject().getString("error")).startsWith("联系电话（phone）").doesNotContain("0512-123");
    }

    @Test
    void elderAged80OrOverLivingAloneWithChildrenOutsideTheDistrictIsAKeyElderOnTheIncidentPage() {
        // GIVEN an elder born 1942-03-15 (over 80), registered through the API as 独居 with children 区外
        String idNumber = console.idNumber();
        int age = ResidentId.parse(idNumber).ageAt(LocalDate.now(ResidentId.ZONE));
        HttpResponse<Buffer> created = console.post("/api/elders", elderForm(idNumber, null)
                .put("category", "独居").put("childrenLocation", "区外").put("agreementSignedOn", "2022-09-15"));
        assertThat(created.statusCode()).isEqualTo(201);
        long elderId = created.bodyAsJsonObject().getLong("id");

        // WHEN an incident is raised for them
        Incident incident = console.raise(elderId, Rule.BUTTON_PRESSED);

        // THEN the incident page and the profile show the age and key-elder status
        JsonObject shown = console.get("/api/incidents/" + incident.id()).bodyAsJsonObject().getJsonObject("elder");
        assertThat(shown.getBoolean("keyElder")).isTrue();
        assertThat(shown.getInteger("age")).isEqualTo(age).isGreaterThanOrEqualTo(80);
        assertThat(shown.getString("keyElderBasis")).isEqualTo("80周岁以上");
        JsonObject profile = console.get("/api/elders/" + elderId).bodyAsJsonObject();
        assertThat(profile.getString("category")).isEqualTo("独居");
        assertThat(profile.getString("childrenLocation")).isEqualTo("区外");
        assertThat(profile.getString("agreementSignedOn")).isEqualTo("2022-09-15");
        assertThat(profile.getBoolean("keyElder")).isTrue();

        // AND an edit that moves the children into the district takes the status away
        HttpResponse<Buffer> edited = console.street.put("/api/elders/" + elderId, elderForm(idNumber, null)
                .put("category", "独居").put("childrenLocation", "街道外").put("agreementSignedOn", "2022-09-15"));
        assertThat(edited.statusCode()).isEqualTo(200);
        assertThat(edited.bodyAsJsonObject().getBoolean("keyElder")).isFalse();
        assertThat(edited.bodyAsJsonObject().getInteger("age")).isEqualTo(age);
    }

    @Test
    void rosterFactsThatContradictEachOtherAreRefusedAsTheRosterRefusesThem() {
        HttpResponse<Buffer> emptyNest = console.post("/api/elders", elderForm(console.idNumber(), null).put("category", "空巢"));
        assertThat(emptyNest.statusCode()).isEqualTo(400);
        assertThat(emptyNest.bodyAsJsonObject().getString("field")).isEqualTo("childrenLocation");

        HttpResponse<Buffer> none = console.post("/api/elders", elderForm(console.idNumber(), null)
                .put("category", "无子女或赡养人").put("childrenLocation", "区外"));
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.bodyAsJsonObject().getString("error")).contains("应为空");
    }

    @Test
    void secondElderWithTheSameIdNumberIsAConflict() {
        String idNumber = console.idNumber();
        assertThat(console.post("/api/elders", elderForm(idNumber, null)).statusCode()).isEqualTo(201);

        HttpResponse<Buffer> again = console.post("/api/elders", elderForm(idNumber, null));

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.bodyAsString()).doesNotContain(idNumber);
    }

    @Test
    void deviceIsRefusedForAnUnknownElderATakenIdOrABadId() {
        long elderId = console.newElder();
        JsonObject form = new JsonObject().put("deviceId", "wm-" + console.next()).put("kind", "WATER_METER")
                .put("elderId", elderId);
        assertThat(console.post("/api/devices", form).statusCode()).isEqualTo(201);

        assertThat(console.post("/api/devices", form).statusCode()).isEqualTo(409);
        assertThat(console.post("/api/devices", form.copy().put("deviceId", "wm-x" + console.next())
                .put("elderId", 999_999)).statusCode()).isEqualTo(404);
        HttpResponse<Buffer> bad = console.post("/api/devices", form.copy().put("deviceId", "shouwang/v1/#"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.bodyAsJsonObject().getString("field")).isEqualTo("deviceId");
        assertThat(console.get("/api/devices").bodyAsJsonArray().stream()
                .map(d -> ((JsonObject) d).getString("deviceId"))).contains(form.getString("deviceId"));
    }

    @Test
    void contactForAnUnknownElderIs404AndAnUnknownRoleIs400() {
        JsonObject form = new JsonObject().put("role", "COMMUNITY_WORKER").put("name", "李社工").put("phone", console.phone());
        assertThat(console.post("/api/elders/999999/contacts", form).statusCode()).isEqualTo(404);

        HttpResponse<Buffer> r = console.post("/api/elders/" + console.newElder() + "/contacts", form.copy().put("role", "BOSS"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getString("error")).contains("角色");
    }

    @Test
    void unknownElderIsNotFound() {
        HttpResponse<Buffer> r = console.get("/api/elders/987654");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("老人不存在");
    }
}
