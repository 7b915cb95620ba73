package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.console.CareTestData.contact;
import static org.shouwang.console.CareTestData.keyElder;
import static org.shouwang.console.CareTestData.member;
import static org.shouwang.console.CareTestData.records;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.db.AuditEntry;
import org.shouwang.db.AuditStore;
import org.shouwang.model.Incident;
import org.shouwang.model.Rule;

/**
 * The routine-care API over real HTTP and PostgreSQL, as a community worker (李社工, 大儒巷社区) and street staff
 * use it: recording contacts (and what is refused without writing anything), the day's duties, the elder's
 * timeline, resolving an incident at the door, arrival, and the agreement with its scan.
 */
class CareApiIT {

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

    private static String recordsOf(long elderId) {
        return "/api/elders/" + elderId + "/care-records";
    }

    private static List<JsonObject> items(HttpResponse<Buffer> duties) {
        assertThat(duties.statusCode()).as("duties answered").isEqualTo(200);
        return duties.bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast).toList();
    }

    private static Stream<JsonObject> of(List<JsonObject> items, long elderId, String role) {
        return items.stream().filter(i -> i.getLong("elderId") == elderId && i.getString("role").equals(role));
    }

    /** This week's period of a weekly duty (last week's, overdue, is in the list too). */
    private static boolean thisWeek(JsonObject item) {
        return item.getString("period").equals("WEEK") && !item.getString("state").equals("OVERDUE");
    }

    @Test
    void aWorkerRecordsAVisitWithNeedsAndReadsItBackAuditedAs201() {
        long elderId = keyElder(console, ConsoleHarness.COMMUNITY, "王秀英");

        HttpResponse<Buffer> r = console.worker.post(recordsOf(elderId), contact("VISIT").put("content", "送药，聊天")
                .put("needs", new JsonArray().add("HEALTH").add("EMOTIONAL")).put("needsNote", "血压偏高")
                .put("followUp", true).put("requestKey", "k-visit-1"));

        assertThat(r.statusCode()).isEqualTo(201);
        JsonObject saved = r.bodyAsJsonObject();
        assertThat(saved.getBoolean("created")).isTrue();
        assertThat(saved.getString("kindLabel")).isEqualTo("上门");
        assertThat(saved.getString("role")).isEqualTo("COMMUNITY_WORKER");
        assertThat(saved.getString("carerName")).isEqualTo("李社工");
        assertThat(saved.getBoolean("followUp")).isTrue();
        assertThat(saved.getJsonArray("needs").stream().map(n -> ((JsonObject) n).getString("label")))
                .containsExactly("健康", "精神慰藉");
        JsonArray listed = console.worker.get(recordsOf(elderId)).bodyAsJsonArray();
        assertThat(listed).hasSize(1);
        assertThat(listed.getJsonObject(0).getString("content")).isEqualTo("送药，聊天");
        assertThat(new AuditStore(console.db.dataSource()).forElder(elderId, 20)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("CARE_RECORD");
            assertThat(e.actor()).isEqualTo("李社工");
        });
        assertThat(new AuditStore(console.db.dataSource()).forElder(elderId, 20)).as("reading them is audited too")
                .anySatisfy(e -> {
                    assertThat(e.action()).isEqualTo("VIEW_CARE_RECORDS");
                    assertThat(e.actor()).isEqualTo("李社工");
                });
    }

    @Test
    void theSameRequestKeyTwiceWritesOneRecordAndAnswers200TheSecondTime() {
        long elderId = keyElder(console, ConsoleHarness.COMMUNITY, "双击测");
        JsonObject body = contact("PHONE").put("requestKey", "double-tap-1");

        HttpResponse<Buffer> first = console.worker.post(recordsOf(elderId), body);
        HttpResponse<Buffer> second = console.worker.post(recordsOf(elderId), body);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.bodyAsJsonObject().getLong("id")).isEqualTo(first.bodyAsJsonObject().getLong("id"));
        assertThat(second.bodyAsJsonObject().getBoolean("created")).isFalse();
        assertThat(records(console, elderId)).isEqualTo(1);
    }

    @Test
    void aContactInTheFutureIs400InChineseAndWritesNothing() {
        long elderId = keyElder(console, ConsoleHarness.COMMUNITY, "未来测");

        HttpResponse<Buffer> r = console.worker.post(recordsOf(elderId), contact("VISIT")
                .put("at", Instant.now().plus(1, ChronoUnit.HOURS).toString()));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("联系时间不能晚于现在");
        assertThat(records(console, elderId)).isZero();
    }

    @Test
    void unknownKindsNeedsTooLongTextAndStrangersAre400AndWriteNothing() {
        long elderId = keyElder(console, ConsoleHarness.COMMUNITY, "坏输入");
        long strangerId = member(console, keyElder(console, ConsoleHarness.COMMUNITY, "别家"), "NEIGHBOUR_VOLUNTEER",
                "别家邻居");

        HttpResponse<Buffer> sms = console.worker.post(recordsOf(elderId), contact("SMS_REPORT"));
        HttpResponse<Buffer> fax = console.worker.post(recordsOf(elderId), contact("FAX"));
        HttpResponse<Buffer> need = console.worker.post(recordsOf(elderId), contact("VISIT")
                .put("needs", new JsonArray().add("MONEY")));
        HttpResponse<Buffer> longText = console.worker.post(recordsOf(elderId), contact("VISIT")
                .put("content", "很".repeat(501)));
        HttpResponse<Buffer> badTime = console.worker.post(recordsOf(elderId), contact("VISIT").put("at", "昨天"));
        HttpResponse<Buffer> stranger = console.worker.post(recordsOf(elderId), contact("VISIT")
                .put("contactId", strangerId));

        assertThat(List.of(sms, fax, need, longText, badTime, stranger)).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.bodyAsJsonObject().getString("error")).isNotBlank();
        });
        assertThat(sms.bodyAsJsonObject().getString("field")).isEqualTo("kind");
        assertThat(fax.bodyAsJsonObject().getString("error")).contains("上门", "电话", "其他");
        assertThat(need.bodyAsJsonObject().getString("field")).isEqualTo("needs");
        assertThat(longText.bodyAsJsonObject().getString("field")).isEqualTo("content");
        assertThat(stranger.bodyAsJsonObject().getString("error")).isEqualTo("该老人的照护团队中没有这位联系人");
        assertThat(records(console, elderId)).isZero();
    }

    @Test
    void todaysDutiesShowTheWorkersWeekAndTheNeighboursDayAndTheWeekTurnsMetAfterTwoContacts() {
        long elderId = keyElder(console, ConsoleHarness.COMMUNITY, "任务测");
        long neighbour = member(console, elderId, "NEIGHBOUR_VOLUNTEER", "王阿姨");

        List<JsonObject> before = items(console.worker.get("/api/duties?elderId=" + elderId));
        JsonObject week = of(before, elderId, "COMMUNITY_WORKER").filter(CareApiIT::thisWeek)
                .findFirst().orElseThrow();
        assertThat(week.getString("state")).isEqualTo("DUE");
        assertThat(week.getInteger("required")).isEqualTo(2);
        assertThat(week.getString("elderName")).isEqualTo("任务测");
        assertThat(week.getBoolean("keyElder")).isTrue();
        JsonObject neighboursDay = of(before, elderId, "NEIGHBOUR_VOLUNTEER")
                .filter(i -> i.getString("state").equals("DUE")).findFirst().orElseThrow();
        assertThat(neighboursDay.getString("period")).isEqualTo("DAY");
        assertThat(neighboursDay.getString("assignee")).isEqualTo("王阿姨");
        assertThat(neighboursDay.getLong("assigneeContactId")).isEqualTo(neighbour);
        // Yesterday's neighbour day went by without a contact: overdue.
        assertThat(of(items(console.worker.get("/api/duties?state=overdue&elderId=" + elderId)), elderId,
                "NEIGHBOUR_VOLUNTEER")).isNotEmpty().allSatisfy(i -> assertThat(i.getString("stateLabel")).isEqualTo("已逾期"));

        console.worker.post(recordsOf(elderId), contact("PHONE").put("requestKey", "week-1"));
        console.worker.post(recordsOf(elderId), contact("VISIT").put("requestKey", "week-2"));
        console.worker.post(recordsOf(elderId), contact("PHONE").put("contactId", neighbour).put("requestKey", "nb-1"));

        List<JsonObject> after = items(console.worker.get("/api/duties?elderId=" + elderId));
        assertThat(of(after, elderId, "COMMUNITY_WORKER").filter(CareApiIT::thisWeek))
                .singleElement().satisfies(i -> {
                    assertThat(i.getString("state")).isEqualTo("MET");
                    assertThat(i.getString("stateLabel")).isEqualTo("已完成");
                    assertThat(i.getInteger("done")).isEqualTo(2);
                });
        assertThat(of(after, elderId, "NEIGHBOUR_VOLUNTEER").filter(i -> i.getString("start").equals(
                neighboursDay.getString("start")))).singleElement()
                .satisfies(i -> assertThat(i.getString("state")).isEqualTo("MET"));
        assertThat(of(items(console.worker.get("/api/duties?state=due&elderId=" + elderId)), elderId,
                "COMMUNITY_WORKER")).as("a met week is not due").isEmpty();
    }

    @Test
    void dutiesRefuseAnUnknownStateOrDateWith400() {
        assertThat(console.worker.get("/api/duties?state=late").statusCode()).isEqualTo(400);
        assertThat(console.worker.get("/api/duties?date=2026-13-01").bodyAsJsonObject().getString("field"))
                .isEqualTo("date");
    }

    @Test
    void resolvingWithVisitedCountsAsTheResolversContact() {
        long elderId = keyElder(console, ConsoleHarness.COMMUNITY, "处置测");
        Incident incident = console.raise(elderId, Rule.BUTTON_PRESSED);
        console.worker.post("/api/incidents/" + incident.id() + "/ack", null);

        HttpResponse<Buffer> r = console.worker.post("/api/incidents/" + incident.id() + "/resolve",
                new JsonObject().put("outcome", "老人安全").put("visited", true));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.bodyAsJsonObject().getLong("careRecordId")).isNotNull();
        JsonObject record = console.worker.get(recordsOf(elderId)).bodyAsJsonArray().getJsonObject(0);
        assertThat(record.getString("kind")).isEqualTo("VISIT");
        assertThat(record.getLong("incidentId")).isEqualTo(incident.id());
        assertThat(record.getString("role")).isEqualTo("COMMUNITY_WORKER");
        assertThat(of(items(console.worker.get("/api/duties?elderId=" + elderId)), elderId, "COMMUNITY_WORKER")
                .filter(CareApiIT::thisWeek)).singleElement()
                .satisfies(i -> assertThat(i.getInteger("done")).isEqualTo(1));
        assertThat(console.worker.post("/api/incidents/" + incident.id() + "/resolve", new JsonObject()
                .put("outcome", "老人安全").put("visited", "yes")).statusCode()).as("visited must be a boolean")
                .isEqualTo(400);
    }

    @Test
    void arrivalPuts到达OnTheIncidentTimelineAndIsRefusedOnceResolved() {
        long elderId = keyElder(console, ConsoleHarness.COMMUNITY, "到达测");
        Incident incident = console.raise(elderId, Rule.BUTTON_PRESSED);
        String base = "/api/incidents/" + incident.id();

        HttpResponse<Buffer> r = console.worker.post(base + "/arrive", null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.bodyAsJsonObject().getString("state")).as("arrival takes the case").isEqualTo("acknowledged");
        JsonObject detail = console.worker.get(base).bodyAsJsonObject();
        assertThat(detail.getString("arrivedAt")).isNotNull();
        assertThat(detail.getString("arrivedBy")).isEqualTo("李社工");
        assertThat(detail.getJsonArray("timeline").stream().map(t -> ((JsonObject) t).getString("kindLabel")))
                .contains("确认接手", "到达");
        assertThat(new AuditStore(console.db.dataSource()).forElder(elderId, 20)).extracting(AuditEntry::action)
                .contains("ARRIVE");
        console.worker.post(base + "/resolve", new JsonObject().put("outcome", "老人安全"));
        assertThat(console.worker.post(base + "/arrive", null).statusCode()).isEqualTo(409);
    }

    @Test
    void theElderTimelineHoldsCareRecordsAndIncidentsTogether() {
        long elderId = keyElder(console, ConsoleHarness.COMMUNITY, "时间线");
        console.worker.post(recordsOf(elderId), contact("PHONE").put("content", "电话问候"));
        Incident incident = console.raise(elderId, Rule.NO_WATER_USE);

        JsonArray entries = console.worker.get("/api/elders/" + elderId + "/timeline").bodyAsJsonObject()
                .getJsonArray("entries");

        assertThat(entries.stream().map(e -> ((JsonObject) e).getString("type")))
                .containsExactly("INCIDENT", "CARE_RECORD");
        assertThat(entries.getJsonObject(0).getJsonObject("incident").getString("code")).isEqualTo(incident.code());
        assertThat(entries.getJsonObject(1).getJsonObject("record").getString("content")).isEqualTo("电话问候");
    }

    @Test
    void aWorkerDraftsTheAgreementButOnlyStreetStaffSignIt() {
        long elderId = keyElder(console, ConsoleHarness.COMMUNITY, "协议测");
        long worker = member(console, elderId, "COMMUNITY_WORKER", "李社工");
        long neighbour = member(console, elderId, "NEIGHBOUR_VOLUNTEER", "王阿姨");
        String path = "/api/elders/" + elderId + "/agreement";
        JsonObject draft = new JsonObject().put("status", "DRAFT").put("communityWorkerId", worker)
                .put("neighbourId", neighbour).put("healthStatus", "高血压，能自理");
        assertThat(console.worker.get(path).statusCode()).as("nothing recorded yet").isEqualTo(404);

        assertThat(console.worker.put(path, draft).statusCode()).isEqualTo(200);
        JsonObject signed = draft.copy().put("status", "SIGNED").put("signedOn", "2026-09-15")
                .put("streetRepresentative", "周主任");
        HttpResponse<Buffer> byWorker = console.worker.put(path, signed);
        HttpResponse<Buffer> withoutDate = console.street.put(path, draft.copy().put("status", "SIGNED"));
        HttpResponse<Buffer> wrongRole = console.street.put(path, signed.copy().put("neighbourId", worker));
        HttpResponse<Buffer> byStreet = console.street.put(path, signed);

        assertThat(byWorker.statusCode()).isEqualTo(403);
        assertThat(byWorker.bodyAsJsonObject().getString("error")).contains("街道");
        assertThat(withoutDate.statusCode()).isEqualTo(400);
        assertThat(withoutDate.bodyAsJsonObject().getString("field")).isEqualTo("signedOn");
        assertThat(wrongRole.statusCode()).isEqualTo(400);
        assertThat(wrongRole.bodyAsJsonObject().getString("field")).isEqualTo("neighbourId");
        assertThat(byStreet.statusCode()).isEqualTo(200);
        JsonObject shown = console.worker.get(path).bodyAsJsonObject();
        assertThat(shown.getString("status")).isEqualTo("SIGNED");
        assertThat(shown.getString("communityWorker")).isEqualTo("李社工");
        assertThat(shown.getString("neighbour")).isEqualTo("王阿姨");
        assertThat(shown.getString("recordedBy")).isEqualTo("陈值班");
        assertThat(console.worker.get("/api/elders/" + elderId).bodyAsJsonObject().getString("agreementSignedOn"))
                .isEqualTo("2026-09-15");
        assertThat(console.worker.put(path, draft).statusCode()).as("a signed agreement is the street's").isEqualTo(403);
        assertThat(new AuditStore(console.db.dataSource()).forElder(elderId, 30))
                .filteredOn(e -> e.action().equals("AGREEMENT_CHANGE")).hasSize(2);
    }

    @Test
    void aScanOfTheSignedPaperIsAttachedOnlyAsPdfJpgOrPngAndWithinTheLimit() {
        long elderId = keyElder(console, ConsoleHarness.COMMUNITY, "扫描测");
        String path = "/api/elders/" + elderId + "/agreement/scan";
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3};
        assertThat(console.worker.send(io.vertx.core.http.HttpMethod.PUT, path, null).statusCode()).isEqualTo(400);
        assertThat(putRaw(path, "image/png", png).statusCode()).as("no agreement yet").isEqualTo(409);
        console.worker.put("/api/elders/" + elderId + "/agreement", new JsonObject().put("status", "DRAFT"));

        assertThat(putRaw(path, "text/html", "<script>x</script>".getBytes()).statusCode()).isEqualTo(400);
        assertThat(putRaw(path, "image/png", new byte[(int) AgreementApi.SCAN_LIMIT_BYTES + 1]).statusCode())
                .isEqualTo(413);
        assertThat(putRaw(path, "image/png", png).statusCode()).isEqualTo(200);

        HttpResponse<Buffer> back = console.worker.get(path);
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(back.getHeader("Content-Type")).isEqualTo("image/png");
        assertThat(back.body().getBytes()).isEqualTo(png);
        assertThat(console.worker.get("/api/elders/" + elderId + "/agreement").bodyAsJsonObject().getBoolean("hasScan"))
                .isTrue();
    }

    private static HttpResponse<Buffer> putRaw(String path, String type, byte[] body) {
        return ConsoleHarness.await(console.client.put(path)
                .putHeader("Cookie", Authenticator.COOKIE + "=" + console.worker.cookie)
                .putHeader(Authenticator.CSRF_HEADER, console.worker.csrf)
                .putHeader("Content-Type", type).sendBuffer(Buffer.buffer(body)));
    }
}
