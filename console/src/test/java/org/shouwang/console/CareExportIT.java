package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.console.CareTestData.contact;
import static org.shouwang.console.CareTestData.member;
import static org.shouwang.console.CareTestData.q;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.db.AuditEntry;
import org.shouwang.db.AuditStore;
import org.shouwang.model.Privacy;

/**
 * The downloads read back with POI: the service record cards carry annex 2's columns and the recorded contents,
 * ID numbers in full for street staff and masked for community workers, only the caller's communities; the
 * quarterly report is the street's; the agreement .docx names the four parties. Every download is audited.
 */
class CareExportIT {

    private static ConsoleHarness console;
    private static long mine;
    private static long theirs;
    private static String mineId;
    private static long worker;
    private static long neighbour;

    @BeforeAll
    static void start() {
        console = new ConsoleHarness();
        mineId = console.idNumber();
        JsonObject form = ConsoleHarness.elderForm(mineId, console.phone()).put("name", "王秀英")
                .put("category", "LIVING_ALONE").put("childrenLocation", "OUTSIDE_DISTRICT");
        mine = console.street.post("/api/elders", form).bodyAsJsonObject().getLong("id");
        theirs = CareTestData.keyElder(console, ConsoleHarness.OTHER_COMMUNITY, "他社区");
        worker = member(console, mine, "COMMUNITY_WORKER", "李社工");
        neighbour = member(console, mine, "NEIGHBOUR_VOLUNTEER", "王阿姨");
        assertThat(console.worker.post("/api/elders/" + mine + "/care-records", contact("VISIT")
                .put("content", "=1+1 送药上门").put("needs", new io.vertx.core.json.JsonArray().add("HEALTH"))
                .put("requestKey", "export-1")).statusCode()).isEqualTo(201);
        assertThat(console.other.post("/api/elders/" + theirs + "/care-records", contact("PHONE")
                .put("content", "电话问候").put("requestKey", "export-2")).statusCode()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    private static List<List<String>> rows(HttpResponse<Buffer> r) throws Exception {
        assertThat(r.statusCode()).as(r.bodyAsString().length() < 300 ? r.bodyAsString() : "xlsx").isEqualTo(200);
        assertThat(r.getHeader("Content-Type")).isEqualTo(CareExportApi.XLSX);
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(r.body().getBytes()))) {
            Sheet sheet = book.getSheetAt(0);
            List<List<String>> out = new ArrayList<>();
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (Cell c : row) {
                    cells.add(c.getStringCellValue());
                }
                out.add(cells);
            }
            return out;
        }
    }

    @Test
    void streetStaffExportAnnex2sColumnsWithTheRecordedContentsAndFullIdNumbers() throws Exception {
        List<List<String>> sheet = rows(console.street.get("/api/care-records/export?community="
                + q(ConsoleHarness.COMMUNITY)));

        assertThat(sheet.get(0).get(0)).contains("平江街道", ConsoleHarness.COMMUNITY, "服务记录卡");
        assertThat(sheet.get(1).subList(0, 6)).containsExactly("序号", "老人姓名", "身份证号码", "提供服务人姓名", "服务内容",
                "服务日期");
        assertThat(sheet).hasSize(3);
        List<String> card = sheet.get(2);
        assertThat(card.subList(0, 5)).containsExactly("1", "王秀英", mineId, "李社工", "=1+1 送药上门");
        assertThat(card).contains("上门", "健康");
        assertThat(new AuditStore(console.db.dataSource()).recent(50)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("CARE_RECORD_EXPORT");
            assertThat(e.actor()).isEqualTo("陈值班");
            assertThat(e.detail()).contains("1 条", "完整").doesNotContain(mineId);
        });
    }

    @Test
    void aCommunityWorkersExportHasOnlyTheirCommunityWithMaskedIdNumbers() throws Exception {
        List<List<String>> sheet = rows(console.worker.get("/api/care-records/export"));

        assertThat(sheet).hasSize(3);
        assertThat(sheet.get(2).get(1)).isEqualTo("王秀英");
        assertThat(sheet.get(2).get(2)).isEqualTo(Privacy.maskIdNumber(mineId));
        assertThat(sheet.toString()).doesNotContain(mineId, "他社区", "电话问候");
        assertThat(rows(console.worker.get("/api/care-records/export?elderId=" + mine))).hasSize(3);
        assertThat(console.worker.get("/api/care-records/export?from=2026-12-09&to=2026-12-01").statusCode())
                .isEqualTo(400);
    }

    @Test
    void theQuarterlyReportIsTheStreetsAndNeedsAStreet() throws Exception {
        HttpResponse<Buffer> r = console.street.get("/api/compliance/report");

        assertThat(r.statusCode()).isEqualTo(200);
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(r.body().getBytes()))) {
            assertThat(book.getNumberOfSheets()).isEqualTo(4);
            assertThat(book.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).contains("平江街道", "季度");
        }
        assertThat(console.district.get("/api/compliance/report").bodyAsJsonObject().getString("field"))
                .isEqualTo("street");
        assertThat(console.district.get("/api/compliance/report?street=" + q(ConsoleHarness.STREET)
                + "&quarter=5").statusCode()).isEqualTo(400);
        assertThat(new AuditStore(console.db.dataSource()).recent(50)).extracting(AuditEntry::action)
                .contains("COMPLIANCE_REPORT");
    }

    @Test
    void theAgreementDocxNamesTheFourPartiesWithTheIdNumberAsTheRoleMaySeeIt() throws Exception {
        assertThat(console.street.put("/api/elders/" + mine + "/agreement", new JsonObject().put("status", "SIGNED")
                .put("signedOn", "2026-09-15").put("communityWorkerId", worker).put("neighbourId", neighbour)
                .put("streetRepresentative", "周主任")).statusCode()).isEqualTo(200);

        String byStreet = text(console.street.get("/api/elders/" + mine + "/agreement.docx"));
        String byWorker = text(console.worker.get("/api/elders/" + mine + "/agreement.docx"));

        assertThat(byStreet).contains("平江街道", "李社工", "王阿姨", "王秀英", mineId);
        assertThat(byWorker).contains("李社工", "王阿姨", "王秀英", Privacy.maskIdNumber(mineId)).doesNotContain(mineId);
        assertThat(new AuditStore(console.db.dataSource()).forElder(mine, 50))
                .filteredOn(e -> e.action().equals("AGREEMENT_EXPORT")).hasSize(2);
    }

    private static String text(HttpResponse<Buffer> r) throws Exception {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.getHeader("Content-Type")).isEqualTo(CareExportApi.DOCX);
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(r.body().getBytes()));
             XWPFWordExtractor words = new XWPFWordExtractor(doc)) {
            return words.getText();
        }
    }
}
