package org.shouwang.roster;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.shouwang.db.RosterRecord;
import org.shouwang.db.RosterStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a street's roster as the policy's annex 3 (空巢、独居老人情况摸排表) in .xlsx, ready to stamp and
 * submit: a title with the quarter, 报送街道 and 报送时间, the header in the annex's order and wording,
 * one numbered row per active elder. Every cell is text, so ID numbers and phones keep all their
 * digits when the file is opened, edited and imported again.
 */
public final class RosterExporter {

    private static final Logger LOG = LoggerFactory.getLogger(RosterExporter.class);
    static final String TITLE = "空巢、独居老人情况摸排表";

    private final RosterStore store;

    public RosterExporter(RosterStore store) {
        this.store = store;
    }

    /**
     * Writes the roster of {@code street} and returns the number of elders in it.
     *
     * @param reportDate    the date written as 报送时间
     * @param withCareTeam  also write the optional care-team columns (for keeping, not for submitting)
     */
    public int export(String street, Quarter quarter, LocalDate reportDate, boolean withCareTeam, OutputStream out,
                      RosterProgress progress) throws IOException {
        List<RosterRecord> elders = store.activeOfStreet(street);
        List<RosterColumn> columns = new ArrayList<>(RosterColumn.ANNEX);
        if (withCareTeam) {
            columns.addAll(RosterColumn.CARE_TEAM);
        }
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            Sheet sheet = book.createSheet(street);
            Styles styles = new Styles(book);
            title(sheet, styles, columns.size(), street, quarter, reportDate);
            Row header = sheet.createRow(2);
            for (int i = 0; i < columns.size(); i++) {
                styles.cell(header, i, columns.get(i).header(), styles.header);
                sheet.setColumnWidth(i, width(columns.get(i)));
            }
            for (int n = 0; n < elders.size(); n++) {
                Row row = sheet.createRow(3 + n);
                List<String> values = RosterCells.values(n + 1, elders.get(n).entry(), columns);
                for (int i = 0; i < values.size(); i++) {
                    styles.cell(row, i, values.get(i), styles.body);
                }
                progress.update("导出", n + 1, elders.size());
            }
            sheet.createFreezePane(0, 3);
            book.write(out);
        }
        LOG.info("roster exported [street: {}, quarter: {}, elders: {}]", street, quarter, elders.size());
        return elders.size();
    }

    private static void title(Sheet sheet, Styles styles, int width, String street, Quarter quarter,
                              LocalDate reportDate) {
        Row title = sheet.createRow(0);
        title.setHeightInPoints(28);
        styles.cell(title, 0, TITLE + "（" + quarter.label() + "）", styles.title);
        sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, width - 1));
        Row info = sheet.createRow(1);
        int half = Math.max(1, width / 2);
        styles.cell(info, 0, "报送街道：" + street + "（盖章）", styles.info);
        styles.cell(info, half, "报送时间：" + reportDate.getYear() + "年" + reportDate.getMonthValue() + "月"
                + reportDate.getDayOfMonth() + "日", styles.info);
        sheet.addMergedRegion(new CellRangeAddress(1, 1, 0, half - 1));
        if (width - 1 > half) {
            sheet.addMergedRegion(new CellRangeAddress(1, 1, half, width - 1));
        }
    }

    private static int width(RosterColumn c) {
        int chars = switch (c) {
            case SEQ -> 6;
            case ID_NUMBER -> 21;
            case ADDRESS -> 30;
            case CATEGORY, CHILDREN_LOCATION, LOW_INCOME_DISABLED -> 22;
            default -> 14;
        };
        return chars * 256;
    }

    /** The few cell styles of the sheet; every style has the text format "@". */
    private static final class Styles {
        final CellStyle title;
        final CellStyle info;
        final CellStyle header;
        final CellStyle body;

        Styles(XSSFWorkbook book) {
            short text = book.createDataFormat().getFormat("@");
            Font bold = book.createFont();
            bold.setBold(true);
            Font big = book.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 16);
            title = style(book, text, big, HorizontalAlignment.CENTER, false);
            info = style(book, text, null, HorizontalAlignment.LEFT, false);
            header = style(book, text, bold, HorizontalAlignment.CENTER, true);
            header.setWrapText(true);
            body = style(book, text, null, HorizontalAlignment.LEFT, true);
        }

        private static CellStyle style(XSSFWorkbook book, short format, Font font, HorizontalAlignment align,
                                       boolean border) {
            CellStyle s = book.createCellStyle();
            s.setDataFormat(format);
            s.setAlignment(align);
            if (font != null) {
                s.setFont(font);
            }
            if (border) {
                s.setBorderTop(BorderStyle.THIN);
                s.setBorderBottom(BorderStyle.THIN);
                s.setBorderLeft(BorderStyle.THIN);
                s.setBorderRight(BorderStyle.THIN);
            }
            return s;
        }

        void cell(Row row, int column, String value, CellStyle style) {
            var cell = row.createCell(column);
            cell.setCellStyle(style);
            if (value != null && !value.isEmpty()) {
                cell.setCellValue(value);
            }
        }
    }
}
