package org.shouwang.roster;

import java.util.Map;

/**
 * One data row of a roster file: its number as the spreadsheet shows it and its cells by column,
 * each trimmed; a column the file lacks or a blank cell reads as "".
 */
public record RosterRow(int number, Map<RosterColumn, String> cells) {

    public RosterRow {
        cells = Map.copyOf(cells);
    }

    public String value(RosterColumn column) {
        return cells.getOrDefault(column, "");
    }

    public boolean blank(RosterColumn column) {
        return value(column).isEmpty();
    }
}
