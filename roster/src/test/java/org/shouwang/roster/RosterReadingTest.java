package org.shouwang.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.shouwang.roster.RosterFixtures.annex;
import static org.shouwang.roster.RosterFixtures.id;
import static org.shouwang.roster.RosterFixtures.row;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** Reading .xlsx and .csv rosters: header search, encodings, Excel's number cells. */
class RosterReadingTest {

    private final String wang = id(1940);
    private final String li = id(1938);
    private final List<List<String>> rows = List.of(
            row(1, "平江街道", "大儒巷社区", "王秀英", wang),
            row(2, "平江街道", "菉葭巷社区", "李桂英", li));

    @Test
    void findsTheHeaderBelowTheAnnexTitleLinesInAnXlsx() {
        RosterTable table = RosterFiles.read(RosterFixtures.xlsx(annex("平江街道", rows)), RosterProgress.NONE);

        assertThat(table.format()).isEqualTo("xlsx");
        assertThat(table.columns()).containsExactlyInAnyOrderElementsOf(RosterColumn.ANNEX);
        assertThat(table.rows()).extracting(RosterRow::number).containsExactly(5, 6);
        assertThat(table.rows().get(0).value(RosterColumn.NAME)).isEqualTo("王秀英");
        assertThat(table.rows().get(1).value(RosterColumn.ID_NUMBER)).isEqualTo(li);
        assertThat(table.rows().get(1).value(RosterColumn.CATEGORY)).isEqualTo("独居");
    }

    @Test
    void readsTheSameRowsFromCsvInUtf8Utf8WithBomAndGbk() {
        RosterTable xlsx = RosterFiles.read(RosterFixtures.xlsx(annex("平江街道", rows)), RosterProgress.NONE);
        byte[] gbk = RosterFixtures.csv(annex("平江街道", rows), Charset.forName("GBK"), false);

        RosterTable plain = RosterFiles.read(RosterFixtures.utf8(annex("平江街道", rows)), RosterProgress.NONE);
        RosterTable bom = RosterFiles.read(RosterFixtures.csv(annex("平江街道", rows), StandardCharsets.UTF_8, true),
                RosterProgress.NONE);
        RosterTable fromGbk = RosterFiles.read(gbk, RosterProgress.NONE);

        assertThat(plain.format()).isEqualTo("csv UTF-8");
        assertThat(bom.format()).isEqualTo("csv UTF-8 BOM");
        assertThat(fromGbk.format()).isEqualTo("csv GBK");
        assertThat(List.of(plain.rows(), bom.rows(), fromGbk.rows())).allSatisfy(r -> assertThat(r)
                .isEqualTo(xlsx.rows()));
    }

    @Test
    void aQuotedCsvCellSpanningLinesKeepsTheRowNumbersExcelShows() {
        List<String> first = row(1, "平江街道", "大儒巷社区", "王秀英", wang);
        first.set(5, "大儒巷\n12号");
        RosterTable table = RosterFiles.read(RosterFixtures.utf8(annex("平江街道",
                List.of(first, row(2, "平江街道", "菉葭巷社区", "李桂英", li)))), RosterProgress.NONE);

        assertThat(table.rows()).extracting(RosterRow::number).containsExactly(5, 6);
        assertThat(table.rows().get(0).value(RosterColumn.ADDRESS)).isEqualTo("大儒巷\n12号");
    }

    @Test
    void blankRowsAndAFooterNoteAreNotRosterRows() {
        List<List<String>> lines = new ArrayList<>(annex("平江街道", rows));
        lines.add(List.of("", "", ""));
        lines.add(List.of("填表人：张三"));

        assertThat(RosterFiles.read(RosterFixtures.xlsx(lines), RosterProgress.NONE).rows()).hasSize(2);
    }

    @Test
    void numberCellsComeOutAsDigitsAndALongIdAsExcelsLossyNumber() throws Exception {
        byte[] bytes;
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Row header = book.createSheet().createRow(0);
            for (int i = 0; i < RosterFixtures.HEADER.size(); i++) {
                header.createCell(i).setCellValue(RosterFixtures.HEADER.get(i));
            }
            Row data = book.getSheetAt(0).createRow(1);
            data.createCell(0).setCellValue(1);
            data.createCell(4).setCellValue(Double.parseDouble(wang.substring(0, 17)) * 10);
            data.createCell(6).setCellValue(13800000001d);
            book.write(out);
            bytes = out.toByteArray();
        }

        RosterRow row = RosterFiles.read(bytes, RosterProgress.NONE).rows().get(0);

        assertThat(row.value(RosterColumn.SEQ)).isEqualTo("1");
        assertThat(row.value(RosterColumn.PHONE)).isEqualTo("13800000001");
        assertThat(row.value(RosterColumn.ID_NUMBER)).matches("\\d\\.\\d+E\\d+");
    }

    @Test
    void aFileWithoutTheRostersHeaderIsRefusedAsAWhole() {
        assertThatThrownBy(() -> RosterFiles.read(RosterFixtures.utf8(List.of(List.of("a", "b"), List.of("1", "2"))),
                RosterProgress.NONE)).isInstanceOf(RosterFormatException.class).hasMessageStartingWith("找不到表头");
    }

    @Test
    void aHeaderMissingAnAnnexColumnNamesTheColumn() {
        List<String> header = new ArrayList<>(RosterFixtures.HEADER);
        header.remove("住址");

        assertThatThrownBy(() -> RosterFiles.read(RosterFixtures.utf8(List.of(header)), RosterProgress.NONE))
                .isInstanceOf(RosterFormatException.class).hasMessage("表头缺少列：「住址」");
    }

    @Test
    void aCareTeamColumnWithoutItsPhoneColumnIsRefused() {
        List<String> header = new ArrayList<>(RosterFixtures.HEADER);
        header.add("社区工作者");

        assertThatThrownBy(() -> RosterFiles.read(RosterFixtures.utf8(List.of(header)), RosterProgress.NONE))
                .hasMessage("表头有「社区工作者」列，但缺少「社区工作者电话」列");
    }

    @Test
    void aUtf16TextFileIsRefusedWithHowToSaveItInstead() {
        byte[] utf16 = "序号\t姓名".getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[utf16.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(utf16, 0, withBom, 2, utf16.length);

        assertThatThrownBy(() -> RosterFiles.read(withBom, RosterProgress.NONE)).hasMessageContaining("UTF-16");
    }

    @Test
    void recognisesTheAnnexsLongHeadersAndCommonShortForms() {
        assertThat(RosterColumn.forHeader("身份证号码")).isEqualTo(RosterColumn.ID_NUMBER);
        assertThat(RosterColumn.forHeader(" 类别 ")).isEqualTo(RosterColumn.CATEGORY);
        assertThat(RosterColumn.forHeader("有子女或赡养人请选择为区外或街道外")).isEqualTo(RosterColumn.CHILDREN_LOCATION);
        assertThat(RosterColumn.forHeader("社区工作者电话")).isEqualTo(RosterColumn.COMMUNITY_WORKER_PHONE);
        assertThat(RosterColumn.forHeader("社区")).isEqualTo(RosterColumn.COMMUNITY);
        assertThat(RosterColumn.forHeader("备注")).isNull();
    }
}
