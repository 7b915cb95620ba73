package org.shouwang.roster;

import java.util.List;
import java.util.Set;

/**
 * A roster file as read: which columns its header has, its data rows, and how it was decoded
 * (e.g. {@code xlsx}, {@code csv UTF-8}, {@code csv GBK}).
 */
public record RosterTable(Set<RosterColumn> columns, List<RosterRow> rows, String format) {

    public RosterTable {
        columns = Set.copyOf(columns);
        rows = List.copyOf(rows);
    }

    public boolean has(RosterColumn column) {
        return columns.contains(column);
    }
}
