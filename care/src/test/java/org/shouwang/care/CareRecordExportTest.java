package org.shouwang.care;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.shouwang.model.ContactRole;
import org.shouwang.model.care.CareKind;
import org.shouwang.model.care.CareRecord;
import org.shouwang.model.care.NeedCategory;

/** Reads the exported annex 2 cards back with POI; all people and numbers are synthetic. */
class CareRecordExportTest {

    private static final String TITLE = "平江街道 大儒巷社区 关爱照料服务记录卡 2026-11-01 至 2026-11-30";
    private static final String MASKED_ID = "320508********2345";

    @Test
    void headerRowIsAnnexTwoColumnsThenThePlatformExtras() throws IOException {
        try (XSSFWorkbook book = read(CareRecordExport.xlsx(TITLE, List.of()))) {
            Sheet sheet = book.getSheet("服务记录卡");

            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo(TITLE);
            assertThat(values(sheet.getRow(1))).containsExactly("序号", "老人姓名", "身份证号码", "提供服务人姓名",
                    "服务内容", "服务日期", "街道", "社区", "服务人角色", "联系方式", "服务时间", "发现需求", "需跟进");
            assertThat(sheet.getLastRowNum()).isEqualTo(1);
        }
    }

    @Test
    void rowCarriesTheRecordedContentShanghaiDateAndCarer() throws IOException {
        // 16:30 UTC on 2 November is 00:30 on 3 November in Suzhou: the card must show the local day.
        CareRecord visit = record(1, "上门查看，协助整理药盒", Instant.parse("2026-11-02T16:30:00Z"),
                List.of(NeedCategory.HEALTH, NeedCategory.SAFETY_HAZARD), "灶台漏气", true);
        CareRecord call = new CareRecord(2, 1, ContactRole.NEIGHBOUR_VOLUNTEER, null, 12L, "张桂兰", CareKind.PHONE,
                Instant.parse("2026-11-04T01:05:00Z"), "电话问候", List.of(), null, false, null,
                Instant.parse("2026-11-04T01:06:00Z"), "sms");

        try (XSSFWorkbook book = read(CareRecordExport.xlsx(TITLE, List.of(card(visit), card(call))))) {
            Sheet sheet = book.getSheet("服务记录卡");

            assertThat(values(sheet.getRow(2))).containsExactly("1", "王秀英", MASKED_ID, "李敏",
                    "上门查看，协助整理药盒", "2026-11-03", "平江街道", "大儒巷社区", "社区工作者", "上门", "00:30",
                    "健康、安全隐患；灶台漏气", "是");
            assertThat(values(sheet.getRow(3))).containsExactly("2", "王秀英", MASKED_ID, "张桂兰", "电话问候",
                    "2026-11-04", "平江街道", "大儒巷社区", "邻里/志愿者", "电话", "09:05", "", "否");
        }
    }

    @Test
    void contentThatLooksLikeAFormulaStaysText() throws IOException {
        List<String> contents = List.of("=HYPERLINK(\"http://example.invalid\",\"点此\")", "+1+1", "-2+3", "@SUM(A1)");
        List<CareRecordExport.Card> cards = new ArrayList<>();
        for (String c : contents) {
            cards.add(card(record(cards.size() + 1, c, Instant.parse("2026-11-05T02:00:00Z"), List.of(), null, false)));
        }

        try (XSSFWorkbook book = read(CareRecordExport.xlsx(TITLE, cards))) {
            Sheet sheet = book.getSheet("服务记录卡");
            for (int i = 0; i < contents.size(); i++) {
                Cell cell = sheet.getRow(2 + i).getCell(4);
                assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
                assertThat(cell.getStringCellValue()).isEqualTo(contents.get(i));
                assertThat(cell.getCellStyle().getDataFormatString()).isEqualTo("@");
            }
        }
    }

    @Test
    void headerIsFrozenAndColumnsAreWideEnoughForAnIdNumber() throws IOException {
        try (XSSFWorkbook book = read(CareRecordExport.xlsx(TITLE, List.of()))) {
            Sheet sheet = book.getSheet("服务记录卡");

            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 2);
            assertThat(sheet.getColumnWidth(2)).isGreaterThanOrEqualTo(18 * 256);
        }
    }

    private static CareRecord record(long id, String content, Instant at, List<NeedCategory> needs, String note,
                                     boolean followUp) {
        return new CareRecord(id, 1, ContactRole.COMMUNITY_WORKER, 7L, 11L, "李敏", CareKind.VISIT, at, content, needs,
                note, followUp, null, at, "staff");
    }

    private static CareRecordExport.Card card(CareRecord r) {
        return new CareRecordExport.Card(r, "王秀英", MASKED_ID, "平江街道", "大儒巷社区");
    }

    private static XSSFWorkbook read(byte[] xlsx) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(xlsx));
    }

    private static List<String> values(Row row) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < row.getLastCellNum(); i++) {
            Cell c = row.getCell(i);
            out.add(c == null ? "" : c.getStringCellValue());
        }
        return out;
    }
}
