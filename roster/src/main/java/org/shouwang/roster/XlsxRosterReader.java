package org.shouwang.roster;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * Reads a roster workbook (.xlsx, or the older .xls) with Apache POI: the first sheet that has a
 * roster header. Numbers are written out in full (an 11-digit phone typed as a number stays whole);
 * an ID number Excel stored as a number comes out in scientific notation so the check can name it.
 */
final class XlsxRosterReader {

    private static final DataFormatter FORMAT = new DataFormatter();
    /** Doubles are exact integers below 2^53; 15 digits are always safe. */
    private static final double EXACT_LIMIT = 1e15;

    private XlsxRosterReader() {
    }

    static RosterTable read(byte[] bytes, RosterProgress progress) {
        try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(bytes))) {
            RosterFormatException first = null;
            for (Sheet sheet : book) {
                try {
                    return RosterHeader.table(rows(sheet, progress), book instanceof HSSFWorkbook ? "xls" : "xlsx");
                } catch (RosterFormatException e) {
                    first = first == null ? e : first;
                }
            }
            throw first != null ? first : new RosterFormatException("工作簿中没有工作表");
        } catch (IOException | org.apache.poi.EmptyFileException | org.apache.poi.UnsupportedFileFormatException e) {
            throw new RosterFormatException("无法读取Excel文件：" + e.getMessage(), e);
        }
    }

    private static List<RosterHeader.RawRow> rows(Sheet sheet, RosterProgress progress) {
        int total = sheet.getLastRowNum() + 1;
        List<RosterHeader.RawRow> out = new ArrayList<>(total);
        for (Row row : sheet) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                cells.add(text(row.getCell(c)));
            }
            out.add(new RosterHeader.RawRow(row.getRowNum() + 1, cells));
            progress.update("读取", row.getRowNum() + 1, total);
        }
        return out;
    }

    static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> cell.getRichStringCellValue().getString();
            case NUMERIC -> number(cell);
            case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
            case BLANK, ERROR, _NONE -> "";
            default -> FORMAT.formatCellValue(cell);
        };
    }

    private static String number(Cell cell) {
        if (DateUtil.isCellDateFormatted(cell)) {
            return cell.getLocalDateTimeCellValue().toLocalDate().toString();
        }
        double d = cell.getNumericCellValue();
        if (d == Math.rint(d) && Math.abs(d) < EXACT_LIMIT) {
            return BigDecimal.valueOf(d).toBigInteger().toString();
        }
        if (d == Math.rint(d)) {
            return Double.toString(d); // e.g. 3.2050219400101123E17: digits already lost
        }
        return BigDecimal.valueOf(d).toPlainString();
    }
}
