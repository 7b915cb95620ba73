package org.shouwang.care;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The quarterly compliance report of one street (supervision, 督查), as .xlsx: duties met against duties due
 * by week, by community and by person over the quarter, and the key elders still without a signed agreement.
 * Counts and rates are numbers, so the district can sum and sort them in Excel; a rate with nothing due is
 * "—", not 0 %, since nobody failed.
 */
public final class ComplianceReport {

    static final String NO_RATE = "—";
    static final List<String> SHEETS = List.of("按周", "按社区", "按责任人", "未签协议重点老人");

    /** A row of totals: its label cells, then due and met. */
    private record Total(List<String> labels, int due, int met) {
        Total plus(int moreDue, int moreMet) {
            return new Total(labels, due + moreDue, met + moreMet);
        }
    }

    private ComplianceReport() {
    }

    /** @param weeks the Compliance.Week of every ISO week whose Monday lies in the quarter, in order */
    public static byte[] xlsx(String street, int year, int quarter, List<Compliance.Week> weeks,
                              List<Compliance.Unsigned> unsigned) {
        String title = street + " " + year + "年第" + quarter + "季度 关爱服务履职情况";
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Styles styles = new Styles(book);
            List<Total> byWeek = new ArrayList<>();
            for (Compliance.Week w : weeks) {
                byWeek.add(new Total(List.of(text(w.week()), String.valueOf(w.monday())), w.due(), w.met()));
            }
            byWeek.add(sum(byWeek, List.of("合计", "")));
            totals(book.createSheet(SHEETS.get(0)), styles, title, List.of("周次", "周一日期"), byWeek);
            List<Total> byCommunity = byCommunity(weeks);
            byCommunity.add(sum(byCommunity, List.of("合计", "")));
            totals(book.createSheet(SHEETS.get(1)), styles, title, List.of("街道", "社区"), byCommunity);
            totals(book.createSheet(SHEETS.get(2)), styles, title, List.of("角色", "责任人", "社区"), byPerson(weeks));
            unsigned(book.createSheet(SHEETS.get(3)), styles, title, unsigned);
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("compliance report could not be written", e);
        }
    }

    /** Each community's weeks summed, in street and community order. */
    static List<Total> byCommunity(List<Compliance.Week> weeks) {
        Map<List<String>, Total> rows = new LinkedHashMap<>();
        for (Compliance.Week w : weeks) {
            for (Compliance.Row r : w.communities()) {
                List<String> key = List.of(text(r.street()), text(r.community()));
                rows.merge(key, new Total(key, r.due(), r.met()), (a, b) -> a.plus(b.due(), b.met()));
            }
        }
        List<Total> out = new ArrayList<>(rows.values());
        out.sort(Comparator.comparing((Total t) -> t.labels().get(0)).thenComparing(t -> t.labels().get(1)));
        return out;
    }

    /**
     * Each person's weeks summed across the communities they serve, in role, community and name order. Rows
     * without a care contact (未指定: nobody assigned) stay apart per community, so the street sees where a carer
     * is missing rather than one street-wide lump.
     */
    static List<Total> byPerson(List<Compliance.Week> weeks) {
        List<Compliance.Row> all = new ArrayList<>();
        weeks.forEach(w -> all.addAll(w.people()));
        all.sort(Comparator.comparing(Compliance.Row::role, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(r -> text(r.community())).thenComparing(r -> text(r.person())));
        Map<String, Total> rows = new LinkedHashMap<>();
        Map<String, Set<String>> communities = new LinkedHashMap<>();
        for (Compliance.Row r : all) {
            String key = r.role() + "/" + r.contactId() + "/" + r.person()
                    + (r.contactId() == null ? "/" + r.community() : "");
            List<String> labels = List.of(r.role() == null ? "" : r.role().label(), text(r.person()));
            rows.merge(key, new Total(labels, r.due(), r.met()), (a, b) -> a.plus(b.due(), b.met()));
            communities.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(text(r.community()));
        }
        List<Total> out = new ArrayList<>();
        rows.forEach((key, t) -> out.add(new Total(List.of(t.labels().get(0), t.labels().get(1),
                String.join("、", communities.get(key))), t.due(), t.met())));
        return out;
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static Total sum(List<Total> rows, List<String> labels) {
        Total total = new Total(labels, 0, 0);
        for (Total t : rows) {
            total = total.plus(t.due(), t.met());
        }
        return total;
    }

    private static void totals(Sheet sheet, Styles styles, String title, List<String> labels, List<Total> rows) {
        List<String> headers = new ArrayList<>(labels);
        headers.addAll(List.of("应履职次数", "已履职次数", "履职率"));
        header(sheet, styles, title, headers);
        for (int n = 0; n < rows.size(); n++) {
            Total t = rows.get(n);
            Row row = sheet.createRow(2 + n);
            for (int i = 0; i < labels.size(); i++) {
                styles.text(row, i, t.labels().get(i));
            }
            int c = labels.size();
            styles.number(row, c, t.due());
            styles.number(row, c + 1, t.met());
            if (t.due() == 0) {
                styles.text(row, c + 2, NO_RATE);
            } else {
                styles.percent(row, c + 2, (double) t.met() / t.due());
            }
        }
    }

    private static void unsigned(Sheet sheet, Styles styles, String title, List<Compliance.Unsigned> elders) {
        header(sheet, styles, title, List.of("序号", "姓名", "社区", "协议状态"));
        for (int n = 0; n < elders.size(); n++) {
            Compliance.Unsigned u = elders.get(n);
            Row row = sheet.createRow(2 + n);
            styles.number(row, 0, n + 1);
            styles.text(row, 1, u.name());
            styles.text(row, 2, u.community());
            styles.text(row, 3, u.status() == null ? "未录入" : u.status().label());
        }
    }

    private static void header(Sheet sheet, Styles styles, String title, List<String> headers) {
        Row top = sheet.createRow(0);
        top.setHeightInPoints(26);
        Cell t = top.createCell(0);
        t.setCellValue(title);
        t.setCellStyle(styles.title);
        sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, Math.max(1, headers.size() - 1)));
        Row row = sheet.createRow(1);
        for (int i = 0; i < headers.size(); i++) {
            Cell c = row.createCell(i);
            c.setCellValue(headers.get(i));
            c.setCellStyle(styles.header);
            sheet.setColumnWidth(i, 16 * 256);
        }
        sheet.createFreezePane(0, 2);
    }

    /** Text cells are strings in the "@" format, so a community or person's name is never read as a formula. */
    private static final class Styles {
        final CellStyle title;
        final CellStyle header;
        final CellStyle text;
        final CellStyle number;
        final CellStyle percent;

        Styles(XSSFWorkbook book) {
            var formats = book.createDataFormat();
            title = style(book, Sheets.font(book, true, 14), formats.getFormat("@"), false);
            header = style(book, Sheets.font(book, true, 11), formats.getFormat("@"), true);
            Font plain = Sheets.font(book, false, 11);
            text = style(book, plain, formats.getFormat("@"), true);
            number = style(book, plain, formats.getFormat("0"), true);
            percent = style(book, plain, formats.getFormat("0.0%"), true);
        }

        private static CellStyle style(XSSFWorkbook book, Font font, short format, boolean border) {
            // Left as POI's default alignment: numbers right, text left.
            return Sheets.style(book, font, format, HorizontalAlignment.GENERAL, border);
        }

        void text(Row row, int column, String value) {
            Sheets.text(row, column, value, text);
        }

        void number(Row row, int column, double value) {
            Cell c = row.createCell(column);
            c.setCellStyle(number);
            c.setCellValue(value);
        }

        void percent(Row row, int column, double value) {
            Cell c = row.createCell(column);
            c.setCellStyle(percent);
            c.setCellValue(value);
        }
    }
}
