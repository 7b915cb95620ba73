package org.shouwang.care;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.shouwang.model.ResidentId;
import org.shouwang.model.care.CareRecord;
import org.shouwang.model.care.NeedCategory;

/**
 * The service record cards (annex 2) of a street, community or elder over a date range, as .xlsx: annex 2's
 * six columns in its order and wording, so the sheet can stand in for the paper card, then what the platform
 * records beyond the card. Every cell is text in the text format "@", as the roster export writes them: an ID
 * number keeps all 18 digits, and content typed by a carer that starts with {@code =}, {@code +}, {@code -} or
 * {@code @} is shown as typed, never run as a formula, even after a user edits the cell.
 */
public final class CareRecordExport {

    /** One card row: the record and the elder facts annex 2 prints beside it. */
    public record Card(CareRecord record, String elderName, String idNumberShown, String street, String community) {
    }

    static final String SHEET = "服务记录卡";
    /** Annex 2's columns, then the platform's own; widths in characters. */
    static final List<String> HEADERS = List.of("序号", "老人姓名", "身份证号码", "提供服务人姓名", "服务内容", "服务日期",
            "街道", "社区", "服务人角色", "联系方式", "服务时间", "发现需求", "需跟进");
    private static final int[] WIDTHS = {6, 10, 21, 14, 40, 12, 12, 14, 16, 10, 10, 30, 8};
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ResidentId.ZONE);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ResidentId.ZONE);
    /** Rows kept in memory while writing: a street's quarter can run to tens of thousands of cards. */
    private static final int WINDOW = 200;

    private CareRecordExport() {
    }

    /**
     * The cards in the order given, numbered from 1.
     *
     * @param title e.g. "平江街道 大儒巷社区 关爱照料服务记录卡 2026-11-01 至 2026-11-30"
     */
    public static byte[] xlsx(String title, List<Card> cards) {
        SXSSFWorkbook book = new SXSSFWorkbook(WINDOW);
        // The streamed rows wait in temporary files until written; compressed, and deleted below, because they
        // hold ID numbers.
        book.setCompressTempFiles(true);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Styles styles = new Styles(book);
            Sheet sheet = book.createSheet(SHEET);
            Row top = sheet.createRow(0);
            top.setHeightInPoints(28);
            styles.cell(top, 0, title, styles.title);
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, HEADERS.size() - 1));
            Row header = sheet.createRow(1);
            for (int i = 0; i < HEADERS.size(); i++) {
                styles.cell(header, i, HEADERS.get(i), styles.header);
                sheet.setColumnWidth(i, WIDTHS[i] * 256);
            }
            sheet.createFreezePane(0, 2);
            for (int n = 0; n < cards.size(); n++) {
                Row row = sheet.createRow(2 + n);
                List<String> values = values(n + 1, cards.get(n));
                for (int i = 0; i < values.size(); i++) {
                    styles.cell(row, i, values.get(i), styles.body);
                }
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("care record export could not be written", e);
        } finally {
            book.dispose();
            try {
                book.close();
            } catch (IOException ignored) {
                // Nothing left to release: the bytes are written and the temporary files deleted.
            }
        }
    }

    /** One card's cells in {@link #HEADERS} order. */
    static List<String> values(int seq, Card card) {
        CareRecord r = card.record();
        List<String> out = new ArrayList<>(HEADERS.size());
        out.add(Integer.toString(seq));
        out.add(card.elderName());
        out.add(card.idNumberShown());
        out.add(r.carerName());
        out.add(r.content());
        out.add(DATE.format(r.at()));
        out.add(card.street());
        out.add(card.community());
        out.add(r.role() == null ? "" : r.role().label());
        out.add(r.kind() == null ? "" : r.kind().label());
        out.add(TIME.format(r.at()));
        out.add(needs(r));
        out.add(r.followUp() ? "是" : "否");
        return out;
    }

    /** The categories as staff name them, then the carer's own words, e.g. {@code 健康、安全隐患；灶台漏气}. */
    static String needs(CareRecord r) {
        List<String> labels = new ArrayList<>();
        for (NeedCategory n : r.needs()) {
            labels.add(n.label());
        }
        String joined = String.join("、", labels);
        String note = r.needsNote() == null ? "" : r.needsNote().strip();
        if (note.isEmpty()) {
            return joined;
        }
        return joined.isEmpty() ? note : joined + "；" + note;
    }

    /** The sheet's cell styles; each has the text format "@" so nothing typed into it is read as a number or formula. */
    private static final class Styles {
        final CellStyle title;
        final CellStyle header;
        final CellStyle body;

        Styles(Workbook book) {
            short text = book.createDataFormat().getFormat("@");
            title = Sheets.style(book, Sheets.font(book, true, 14), text, HorizontalAlignment.CENTER, false);
            header = Sheets.style(book, Sheets.font(book, true, 11), text, HorizontalAlignment.CENTER, true);
            body = Sheets.style(book, Sheets.font(book, false, 11), text, HorizontalAlignment.LEFT, true);
            header.setWrapText(true);
            body.setWrapText(true);
        }

        void cell(Row row, int column, String value, CellStyle style) {
            Sheets.text(row, column, value, style);
        }
    }
}
