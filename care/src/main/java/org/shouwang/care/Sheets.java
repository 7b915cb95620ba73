package org.shouwang.care;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;

/** What the care workbooks share: 宋体 fonts, thin-bordered styles, and text cells that never become formulas. */
final class Sheets {

    private Sheets() {
    }

    static Font font(Workbook book, boolean bold, int points) {
        Font f = book.createFont();
        f.setFontName("宋体");
        f.setBold(bold);
        f.setFontHeightInPoints((short) points);
        return f;
    }

    static CellStyle style(Workbook book, Font font, short format, HorizontalAlignment align, boolean border) {
        CellStyle s = book.createCellStyle();
        s.setDataFormat(format);
        s.setAlignment(align);
        s.setVerticalAlignment(VerticalAlignment.CENTER);
        s.setFont(font);
        if (border) {
            s.setBorderTop(BorderStyle.THIN);
            s.setBorderBottom(BorderStyle.THIN);
            s.setBorderLeft(BorderStyle.THIN);
            s.setBorderRight(BorderStyle.THIN);
        }
        return s;
    }

    /** A string cell: setCellValue(String) never makes a formula, whatever the text begins with. */
    static void text(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellStyle(style);
        if (value != null && !value.isEmpty()) {
            cell.setCellValue(value);
        }
    }
}
