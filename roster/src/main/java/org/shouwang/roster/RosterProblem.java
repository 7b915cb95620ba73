package org.shouwang.roster;

/**
 * One thing wrong with a roster, said so that staff can find and fix it: the row as the spreadsheet
 * numbers it and the column by its header, e.g. {@code 第5行「身份证号」：校验位错误}.
 *
 * @param row    the spreadsheet row, or 0 for a problem of the whole file
 * @param column the column, or null when the problem is the row's as a whole
 */
public record RosterProblem(int row, RosterColumn column, String message) {

    @Override
    public String toString() {
        String where = row > 0 ? "第" + row + "行" : "";
        return column == null ? (where.isEmpty() ? message : where + "：" + message)
                : where + "「" + column.label() + "」：" + message;
    }
}
