package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.model.Addresses;

/**
 * The rules API over real HTTP on a real PostgreSQL, signed in: thresholds per district, street and elder,
 * extreme-weather mode and its history, absences; every change announced to the rules.
 */
class RulesApiIT {

    private static ConsoleHarness console;
    private static final List<JsonObject> announced = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        console = new ConsoleHarness();
        console.vertx.eventBus().<String>consumer(Addresses.RULES_CHANGED, m -> announced.add(new JsonObject(m.body())));
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    @BeforeEach
    void forget() {
        announced.clear();
    }

    @Test
    void thresholdsSetPerDistrictStreetAndElderAddUpAndTheRulesAreTold() {
        long elderId = console.newElder();

        HttpResponse<Buffer> district = put("", new JsonObject().put("noWaterWindow", "PT30H"));
        HttpResponse<Buffer> street = put("?street=平江街道", new JsonObject().put("noWaterWindow", "PT20H")
                .put("noWaterWindowExtreme", "PT10H"));
        HttpResponse<Buffer> elder = put("?elderId=" + elderId, new JsonObject().put("noWaterMinLiters", 20));

        assertThat(district.statusCode()).isEqualTo(200);
        assertThat(district.bodyAsJsonObject().getJsonObject("effective").getString("noWaterWindow")).isEqualTo("PT30H");
        assertThat(district.bodyAsJsonObject().getString("updatedBy")).isEqualTo("区值班");
        assertThat(street.statusCode()).as(street.bodyAsString()).isEqualTo(200);
        assertThat(street.bodyAsJsonObject().getJsonObject("override").getMap()).containsOnlyKeys("noWaterWindow",
                "noWaterWindowExtreme");
        JsonObject effective = elder.bodyAsJsonObject().getJsonObject("effective");
        assertThat(effective.getString("noWaterWindow")).isEqualTo("PT20H");
        assertThat(effective.getString("noWaterWindowExtreme")).isEqualTo("PT10H");
        assertThat(effective.getDouble("noWaterMinLiters")).isEqualTo(20.0);
        assertThat(effective.getDouble("highUseLiters")).isEqualTo(2000.0);

        JsonObject read = console.district.get("/api/rules/thresholds").bodyAsJsonObject();
        assertThat(read.getJsonObject("defaults").getString("noWaterWindow")).isEqualTo("PT24H");
        assertThat(read.getJsonArray("streets")).extracting(s -> ((JsonObject) s).getString("street")).contains("平江街道");
        await().alias("three changes announced").atMost(Duration.ofSeconds(5)).until(() -> announced.size() == 3);
        assertThat(announced).allSatisfy(a -> assertThat(a.getString("what")).isEqualTo("thresholds"));

        // An empty set removes the street's own thresholds again.
        assertThat(put("?street=平江街道", new JsonObject()).bodyAsJsonObject().getJsonObject("effective")
                .getString("noWaterWindow")).isEqualTo("PT30H");
        put("", new JsonObject());
    }

    @Test
    void badThresholdsAreRefusedInChineseNamingTheField() {
        assertRefused(put("", new JsonObject().put("noWaterWindow", "24小时")), "noWaterWindow", "ISO-8601");
        assertRefused(put("", new JsonObject().put("noWaterWindow", "PT10S")), "noWaterWindow", "1 分钟");
        assertRefused(put("", new JsonObject().put("lowBatteryPercent", 150)), "lowBatteryPercent", "1 到 90");
        assertRefused(put("", new JsonObject().put("highUseLiters", "很多")), "highUseLiters", "数字");
        assertRefused(put("", new JsonObject().put("nightOwl", true)), "nightOwl", "未知的阈值项");
        assertRefused(put("", new JsonObject().put("noWaterWindow", "PT8H")), "noWaterWindowExtreme", "不能长于");
        assertRefused(put("?street=不存在街道", new JsonObject().put("noWaterMinLiters", 5)), "street", "街道");
        assertThat(put("?elderId=999999", new JsonObject()).statusCode()).isEqualTo(404);
        assertThat(announced).isEmpty();
    }

    @Test
    void extremeWeatherIsSwitchedPerStreetOrDistrictWideAndEverySwitchIsKept() {
        HttpResponse<Buffer> street = console.street.post("/api/weather", new JsonObject().put("street", "平江街道").put("on", true));

        assertThat(street.statusCode()).isEqualTo(201);
        JsonObject pingjiang = streetOf(street.bodyAsJsonObject(), "平江街道");
        assertThat(pingjiang.getBoolean("on")).isTrue();
        assertThat(pingjiang.getString("changedBy")).isEqualTo("陈值班");
        assertThat(streetOf(street.bodyAsJsonObject(), "沧浪街道").getBoolean("inForce")).isFalse();

        HttpResponse<Buffer> district = console.district.post("/api/weather", new JsonObject().putNull("street").put("on", true));
        assertThat(district.bodyAsJsonObject().getJsonObject("district").getBoolean("on")).isTrue();
        assertThat(streetOf(district.bodyAsJsonObject(), "沧浪街道").getBoolean("inForce")).isTrue();
        console.district.post("/api/weather", new JsonObject().put("on", false));
        console.street.post("/api/weather", new JsonObject().put("street", "平江街道").put("on", false));

        JsonArray history = console.district.get("/api/weather/history").bodyAsJsonArray();
        assertThat(history.stream().map(h -> ((JsonObject) h).getString("scopeLabel") + ":" + ((JsonObject) h).getBoolean("on")
                + ":" + ((JsonObject) h).getString("actor")).toList())
                .startsWith("平江街道:false:陈值班", "全区:false:区值班", "全区:true:区值班", "平江街道:true:陈值班");
        assertThat(console.district.get("/api/weather").bodyAsJsonObject().getJsonObject("district").getBoolean("on")).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> announced.size() == 4);
        assertThat(announced).allSatisfy(a -> assertThat(a.getString("what")).isEqualTo("weather"));
    }

    @Test
    void aWeatherSwitchNeedsAKnownStreetAndAnOnOrOff() {
        assertRefused(console.district.post("/api/weather", new JsonObject().put("street", "平江街道").put("on", "yes")), "on", "true");
        assertRefused(console.district.post("/api/weather", new JsonObject().put("street", "外区街道").put("on", true)),
                "street", "姑苏区");
    }

    @Test
    void absencesAreRecordedListedAndDeletedAndTheRulesAreTold() {
        long elderId = console.newElder();
        String path = "/api/elders/" + elderId + "/absences";

        HttpResponse<Buffer> hospital = console.worker.post(path, new JsonObject().put("from", "2025-07-20T08:00:00+08:00")
                .put("to", "2025-07-25T18:00:00+08:00").put("reason", "住院"));
        // a date picker's dates: the end day is included
        HttpResponse<Buffer> visit = console.worker.post(path, new JsonObject().put("from", "2025-08-01")
                .put("to", "2025-08-03").put("reason", "探亲"));

        assertThat(hospital.statusCode()).isEqualTo(201);
        assertThat(hospital.bodyAsJsonObject().getString("from")).isEqualTo("2025-07-20T00:00:00Z");
        assertThat(hospital.bodyAsJsonObject().getString("createdBy")).isEqualTo("李社工");
        assertThat(visit.bodyAsJsonObject().getString("from")).isEqualTo("2025-07-31T16:00:00Z");
        assertThat(visit.bodyAsJsonObject().getString("to")).isEqualTo("2025-08-03T16:00:00Z");
        assertThat(console.worker.get(path).bodyAsJsonArray()).extracting(a -> ((JsonObject) a).getString("reason"))
                .containsExactly("探亲", "住院");

        long visitId = visit.bodyAsJsonObject().getLong("id");
        assertThat(console.worker.delete("/api/absences/" + visitId).statusCode()).isEqualTo(200);
        assertThat(console.worker.delete("/api/absences/" + visitId).statusCode()).isEqualTo(404);
        assertThat(console.worker.get(path).bodyAsJsonArray()).hasSize(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> announced.size() == 3);
        assertThat(announced).allSatisfy(a -> assertThat(a.getString("what")).isEqualTo("absence"));
    }

    @Test
    void badAbsencesAreRefused() {
        long elderId = console.newElder();
        String path = "/api/elders/" + elderId + "/absences";

        assertRefused(console.worker.post(path, new JsonObject().put("from", "2025-07-20").put("to", "2025-07-19")
                .put("reason", "住院")), "to", "晚于");
        assertRefused(console.worker.post(path, new JsonObject().put("from", "下周一").put("to", "2025-07-19")
                .put("reason", "住院")), "from", "ISO-8601");
        assertRefused(console.worker.post(path, new JsonObject().put("from", "2025-07-20").put("to", "2025-07-21")),
                "reason", "不能为空");
        assertRefused(console.worker.post(path, new JsonObject().put("from", "2025-01-01").put("to", "2026-06-01")
                .put("reason", "长住")), "to", "一年");
        assertThat(console.district.post("/api/elders/999999/absences", new JsonObject().put("from", "2025-07-20")
                .put("to", "2025-07-21").put("reason", "住院")).statusCode()).isEqualTo(404);
        assertThat(announced).isEmpty();
    }

    private static HttpResponse<Buffer> put(String query, JsonObject body) {
        String encoded = query.startsWith("?street=")
                ? "?street=" + URLEncoder.encode(query.substring(8), StandardCharsets.UTF_8) : query;
        return console.district.send(HttpMethod.PUT, "/api/rules/thresholds" + encoded, body);
    }

    private static void assertRefused(HttpResponse<Buffer> r, String field, String fragment) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getString("field")).isEqualTo(field);
        assertThat(r.bodyAsJsonObject().getString("error")).contains(fragment);
    }

    private static JsonObject streetOf(JsonObject weather, String street) {
        return weather.getJsonArray("streets").stream().map(JsonObject.class::cast)
                .filter(s -> street.equals(s.getString("street"))).findFirst().orElseThrow();
    }
}
