package org.shouwang.roster;

import org.shouwang.db.StreetStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.roster.RosterFixtures.annex;
import static org.shouwang.roster.RosterFixtures.id;
import static org.shouwang.roster.RosterFixtures.row;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.db.Database;
import org.shouwang.db.RegistryStore;
import org.shouwang.db.RosterStore;

/** The quarterly annex-3 export, and export → import round trips. */
class RosterExporterIT {

    private static final RosterImportOptions STRICT = new RosterImportOptions(false, "test");

    private static Database db;
    private static RosterImporter importer;
    private static RosterExporter exporter;

    @BeforeAll
    static void open() {
        db = RosterDb.fresh();
        importer = new RosterImporter(new RosterStore(db.dataSource()), new StreetStore(db.dataSource()), RosterFixtures.CLOCK);
        exporter = new RosterExporter(new RosterStore(db.dataSource()));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void writesTheAnnexTableWithTitleStreetDateHeaderAndNumberedRowsOfActiveEldersOnly() throws Exception {
        List<String> b = row(1, "白洋湾街道", "金筑社区", "王秀英", id(1940));
        List<String> a = row(2, "白洋湾街道", "长浜社区", "李桂英", "320502400101123");
        List<String> gone = row(3, "白洋湾街道", "长浜社区", "张淑珍", id(1933));
        a.set(6, "0512-65221234");
        importer.importBytes(RosterFixtures.xlsx(annex("白洋湾街道", List.of(b, a, gone))), "byw.xlsx", STRICT,
                RosterProgress.NONE);
        new RegistryStore(db.dataSource()).deactivateElder(new RosterStore(db.dataSource())
                .findByIdNumbers(List.of(gone.get(4))).get(0).elderId(), "staff-1", "去世");

        List<List<String>> sheet = cells(export("白洋湾街道", false));

        assertThat(sheet.get(0)).first().isEqualTo("空巢、独居老人情况摸排表（2026年第四季度）");
        assertThat(sheet.get(1)).contains("报送街道：白洋湾街道（盖章）", "报送时间：2026年12月20日");
        assertThat(sheet.get(2)).containsExactly("序号", "街道", "社区", "姓名", "身份证号", "住址", "联系电话",
                "类别（选无子女或赡养人、子女或赡养人无照顾能力、空巢、独居）", "有子女或赡养人，请选择为区外或街道外",
                "是否为低保家庭中失能半失能的空巢独居老人");
        // Numbered from 1 in the order of their communities; the deactivated elder is left out.
        assertThat(sheet.subList(3, sheet.size())).extracting(r -> r.get(0)).containsExactly("1", "2");
        assertThat(sheet.subList(3, sheet.size())).extracting(r -> r.get(4))
                .containsExactlyInAnyOrder(b.get(4), "320502194001011231");
        assertThat(sheet.subList(3, sheet.size())).anySatisfy(r -> assertThat(r).containsExactly(
                r.get(0), "白洋湾街道", "长浜社区", "李桂英", "320502194001011231", "长浜社区2号", "0512-65221234", "独居",
                "区外", "否"));
    }

    @Test
    void anExportedRosterImportsBackWithoutAnyChange() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            List<String> r = row(i, "虎丘街道", i % 2 == 0 ? "留园社区" : "虎阜社区", "老人" + i, id(1930 + i));
            r.set(7, List.of("无子女或赡养人", "子女或赡养人无照顾能力", "空巢", "独居").get(i % 4));
            r.set(8, i % 4 == 0 ? "" : i % 3 == 0 ? "街道外" : "区外");
            r.set(9, i % 5 == 0 ? "是" : "否");
            rows.add(r);
        }
        assertThat(importer.importBytes(RosterFixtures.xlsx(annex("虎丘街道", rows)), "huqiu.xlsx", STRICT,
                RosterProgress.NONE).created()).isEqualTo(12);

        RosterImportReport again = importer.importBytes(export("虎丘街道", false), "export.xlsx", STRICT,
                RosterProgress.NONE);

        assertThat(again.problems()).isEmpty();
        assertThat(again.created()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.unchanged()).isEqualTo(12);
    }

    @Test
    void anExportWithTheCareTeamAlsoRoundTripsItsContactsAndAgreementDate() throws Exception {
        List<String> header = new ArrayList<>(RosterFixtures.HEADER);
        header.addAll(RosterFixtures.CARE_TEAM_HEADER);
        List<String> r = row(1, "苏锦街道", "苏锦一村社区", "冯美华", id(1929));
        r.addAll(List.of("张社", "0512-65221234", "李邻", "13900000001", "", "", "2022-09-15"));
        List<List<String>> lines = annex("苏锦街道", List.of(r));
        lines.set(3, header);
        importer.importBytes(RosterFixtures.utf8(lines), "sujin.csv", STRICT, RosterProgress.NONE);

        byte[] exported = export("苏锦街道", true);
        RosterImportReport again = importer.importBytes(exported, "export.xlsx", STRICT, RosterProgress.NONE);

        assertThat(cells(exported).get(3)).endsWith("张社", "0512-65221234", "李邻", "13900000001",
                "", "", "", "", "2022-09-15");
        assertThat(again.unchanged()).isEqualTo(1);
        assertThat(again.updated()).isZero();
    }

    private static byte[] export(String street, boolean careTeam) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter.export(street, Quarter.parse("2026Q4"), LocalDate.of(2026, 12, 20), careTeam, out,
                RosterProgress.NONE);
        return out.toByteArray();
    }

    private static List<List<String>> cells(byte[] xlsx) throws Exception {
        try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheetAt(0);
            List<List<String>> out = new ArrayList<>();
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < row.getLastCellNum(); c++) {
                    cells.add(XlsxRosterReader.text(row.getCell(c)));
                }
                out.add(cells);
            }
            return out;
        }
    }
}
