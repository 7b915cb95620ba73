package org.shouwang.care;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.shouwang.model.care.AgreementStatus;
import org.shouwang.model.care.DutyRole;

/**
 * Checks the quarterly report against figures computed by hand. GIVEN three weeks of a street with communities
 * 大儒巷 (A), 平江路 (C) and 钮家巷 (B): W45 A 3/4, B 1/2; W46 A 2/2, C 2/3; W47 nothing due.
 */
class ComplianceReportTest {

    private static final String STREET = "平江街道";
    private static final String A = "大儒巷社区";
    private static final String B = "钮家巷社区";
    private static final String C = "平江路社区";
    private static final DutyRole CW = DutyRole.COMMUNITY_WORKER;
    private static final DutyRole NV = DutyRole.NEIGHBOUR_VOLUNTEER;

    private static final List<Compliance.Week> WEEKS = List.of(
            new Compliance.Week("2026-W45", LocalDate.of(2026, 11, 2), 6, 4,
                    List.of(community(A, 4, 3), community(B, 2, 1)),
                    List.of(person(A, CW, 11L, "李敏", 2, 2), person(A, NV, 12L, "张桂兰", 2, 1),
                            person(B, CW, null, "未指定", 2, 1)), List.of()),
            new Compliance.Week("2026-W46", LocalDate.of(2026, 11, 9), 5, 4,
                    List.of(community(A, 2, 2), community(C, 3, 2)),
                    List.of(person(A, CW, 11L, "李敏", 1, 1), person(A, NV, 12L, "张桂兰", 1, 1),
                            person(C, CW, 11L, "李敏", 1, 1), person(C, CW, null, "未指定", 2, 1)), List.of()),
            new Compliance.Week("2026-W47", LocalDate.of(2026, 11, 16), 0, 0, List.of(), List.of(), List.of()));
    private static final List<Compliance.Unsigned> UNSIGNED = List.of(
            new Compliance.Unsigned(1, "王秀英", STREET, A, AgreementStatus.DRAFT),
            new Compliance.Unsigned(2, "周阿婆", STREET, B, null));

    @Test
    void everySheetHasTheQuarterTitle() throws IOException {
        try (XSSFWorkbook book = report()) {
            for (String name : List.of("按周", "按社区", "按责任人", "未签协议重点老人")) {
                assertThat(book.getSheet(name).getRow(0).getCell(0).getStringCellValue())
                        .isEqualTo("平江街道 2026年第4季度 关爱服务履职情况");
            }
        }
    }

    @Test
    void byWeekListsEachWeekThenTheQuarterTotalWithDashWhenNothingWasDue() throws IOException {
        try (XSSFWorkbook book = report()) {
            Sheet sheet = book.getSheet("按周");

            assertThat(values(sheet.getRow(1))).containsExactly("周次", "周一日期", "应履职次数", "已履职次数", "履职率");
            assertThat(values(sheet.getRow(2))).containsExactly("2026-W45", "2026-11-02", "6", "4", "66.7%");
            assertThat(values(sheet.getRow(3))).containsExactly("2026-W46", "2026-11-09", "5", "4", "80.0%");
            assertThat(values(sheet.getRow(4))).containsExactly("2026-W47", "2026-11-16", "0", "0", "—");
            assertThat(values(sheet.getRow(5))).containsExactly("合计", "", "11", "8", "72.7%");
            assertThat(sheet.getRow(5).getCell(4).getNumericCellValue()).isEqualTo(8.0 / 11);
        }
    }

    @Test
    void byCommunitySumsEachCommunityOverTheQuarter() throws IOException {
        try (XSSFWorkbook book = report()) {
            Sheet sheet = book.getSheet("按社区");

            assertThat(values(sheet.getRow(2))).containsExactly(STREET, A, "6", "5", "83.3%");
            assertThat(values(sheet.getRow(3))).containsExactly(STREET, C, "3", "2", "66.7%");
            assertThat(values(sheet.getRow(4))).containsExactly(STREET, B, "2", "1", "50.0%");
            assertThat(values(sheet.getRow(5))).containsExactly("合计", "", "11", "8", "72.7%");
            assertThat(sheet.getLastRowNum()).isEqualTo(5);
        }
    }

    @Test
    void byPersonMergesAPersonAcrossCommunitiesButKeepsUnassignedPerCommunity() throws IOException {
        try (XSSFWorkbook book = report()) {
            Sheet sheet = book.getSheet("按责任人");

            assertThat(values(sheet.getRow(1))).containsExactly("角色", "责任人", "社区", "应履职次数", "已履职次数",
                    "履职率");
            assertThat(values(sheet.getRow(2))).containsExactly("社区工作者", "李敏", A + "、" + C, "4", "4", "100.0%");
            assertThat(values(sheet.getRow(3))).containsExactly("社区工作者", "未指定", C, "2", "1", "50.0%");
            assertThat(values(sheet.getRow(4))).containsExactly("社区工作者", "未指定", B, "2", "1", "50.0%");
            assertThat(values(sheet.getRow(5))).containsExactly("邻里/志愿者", "张桂兰", A, "3", "2", "66.7%");
            assertThat(sheet.getLastRowNum()).isEqualTo(5);
        }
    }

    @Test
    void unsignedSheetListsEachKeyElderWithStatusOrNotRecorded() throws IOException {
        try (XSSFWorkbook book = report()) {
            Sheet sheet = book.getSheet("未签协议重点老人");

            assertThat(values(sheet.getRow(1))).containsExactly("序号", "姓名", "社区", "协议状态");
            assertThat(values(sheet.getRow(2))).containsExactly("1", "王秀英", A, "草拟");
            assertThat(values(sheet.getRow(3))).containsExactly("2", "周阿婆", B, "未录入");
        }
    }

    private static XSSFWorkbook report() throws IOException {
        byte[] xlsx = ComplianceReport.xlsx(STREET, 2026, 4, WEEKS, UNSIGNED);
        return new XSSFWorkbook(new ByteArrayInputStream(xlsx));
    }

    private static Compliance.Row community(String community, int due, int met) {
        return new Compliance.Row(STREET, community, null, null, null, due, met);
    }

    private static Compliance.Row person(String community, DutyRole role, Long contactId, String name, int due,
                                         int met) {
        return new Compliance.Row(STREET, community, role, contactId, name, due, met);
    }

    /** The cells as Excel shows them, so a rate reads as "83.3%". */
    private static List<String> values(Row row) {
        DataFormatter format = new DataFormatter();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < row.getLastCellNum(); i++) {
            Cell c = row.getCell(i);
            out.add(c == null ? "" : format.formatCellValue(c));
        }
        return out;
    }
}
