package org.shouwang.roster;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds the header row of a roster among its first rows (the annex puts a title and 报送街道/报送时间
 * lines above it) and turns the rows below it into {@link RosterRow}s.
 */
final class RosterHeader {

    /** A raw spreadsheet row: its number as shown and its cell texts from column A on. */
    record RawRow(int number, List<String> cells) {
    }

    /** How far down the header may be. */
    static final int SEARCH_ROWS = 30;

    private RosterHeader() {
    }

    /** The table below the header; rows that are blank or a lone note (e.g. 填表人：) are left out. */
    static RosterTable table(List<RawRow> raw, String format) {
        int at = headerIndex(raw);
        Map<RosterColumn, Integer> index = columns(raw.get(at).cells());
        List<RosterRow> rows = new ArrayList<>();
        for (RawRow r : raw.subList(at + 1, raw.size())) {
            Map<RosterColumn, String> cells = new EnumMap<>(RosterColumn.class);
            index.forEach((column, i) -> {
                String v = i < r.cells().size() ? clean(r.cells().get(i)) : "";
                if (!v.isEmpty()) {
                    cells.put(column, v);
                }
            });
            if (!isNote(cells)) {
                rows.add(new RosterRow(r.number(), cells));
            }
        }
        return new RosterTable(index.keySet(), rows, format);
    }

    private static int headerIndex(List<RawRow> raw) {
        for (int i = 0; i < Math.min(SEARCH_ROWS, raw.size()); i++) {
            List<RosterColumn> found = raw.get(i).cells().stream().map(RosterColumn::forHeader).toList();
            if (found.contains(RosterColumn.NAME) && found.contains(RosterColumn.ID_NUMBER)) {
                return i;
            }
        }
        throw new RosterFormatException("找不到表头：前" + SEARCH_ROWS + "行中没有同时含「姓名」和「身份证号」的一行"
                + "（表头应为：" + RosterColumn.ANNEX.stream().map(RosterColumn::label).collect(Collectors.joining("、"))
                + "）");
    }

    private static Map<RosterColumn, Integer> columns(List<String> header) {
        Map<RosterColumn, Integer> index = new EnumMap<>(RosterColumn.class);
        for (int i = 0; i < header.size(); i++) {
            RosterColumn c = RosterColumn.forHeader(header.get(i));
            if (c != null && index.putIfAbsent(c, i) != null) {
                throw new RosterFormatException("表头中「" + c.label() + "」列出现了两次");
            }
        }
        List<String> missing = new ArrayList<>();
        for (RosterColumn c : RosterColumn.values()) {
            if (c.required() && !index.containsKey(c)) {
                missing.add("「" + c.label() + "」");
            }
        }
        if (!missing.isEmpty()) {
            throw new RosterFormatException("表头缺少列：" + String.join("、", missing));
        }
        checkPairs(index);
        return index;
    }

    /** A care-team person's column and its phone column come together, or neither. */
    private static void checkPairs(Map<RosterColumn, Integer> index) {
        List<RosterColumn> team = RosterColumn.CARE_TEAM;
        for (int i = 0; i + 1 < team.size(); i += 2) {
            RosterColumn who = team.get(i);
            RosterColumn phone = team.get(i + 1);
            if (index.containsKey(who) != index.containsKey(phone)) {
                RosterColumn absent = index.containsKey(who) ? phone : who;
                RosterColumn present = index.containsKey(who) ? who : phone;
                throw new RosterFormatException("表头有「" + present.label() + "」列，但缺少「" + absent.label() + "」列");
            }
        }
    }

    /** Blank, or a single stray cell with neither name nor ID number (a footer such as 填表人：张三). */
    private static boolean isNote(Map<RosterColumn, String> cells) {
        if (cells.containsKey(RosterColumn.NAME) || cells.containsKey(RosterColumn.ID_NUMBER)) {
            return false;
        }
        return cells.size() <= 1;
    }

    /** Trims spaces, full-width and non-breaking spaces included. */
    static String clean(String s) {
        return s == null ? "" : s.replace('\u3000', ' ').replace('\u00a0', ' ').strip();
    }
}
