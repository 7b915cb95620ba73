package org.shouwang.roster;

import java.util.ArrayList;
import java.util.List;

/**
 * What an import did, for staff: counts, every problem with its row and column, the changes per
 * elder (values masked), and the communities it created. Holds no ID number or phone in clear.
 *
 * @param refused true when nothing was imported (an invalid row without skip-invalid, or an unreadable file)
 */
public record RosterImportReport(String source, String format, boolean refused, int created, int updated,
                                 int unchanged, int rejected, List<RosterProblem> problems,
                                 List<ElderChange> changes, List<String> newCommunities) {

    /** One elder created or updated: the row, the name, the masked ID number and what changed. */
    public record ElderChange(int row, String name, String maskedId, boolean created, List<String> fields) {

        @Override
        public String toString() {
            return "第" + row + "行 " + name + "（" + maskedId + "）：" + (created ? "新增" : String.join("，", fields));
        }
    }

    public RosterImportReport {
        problems = List.copyOf(problems);
        changes = List.copyOf(changes);
        newCommunities = List.copyOf(newCommunities);
    }

    /** A file that could not be read as a roster at all. */
    static RosterImportReport unreadable(String source, String message) {
        return new RosterImportReport(source, "?", true, 0, 0, 0, 0, List.of(new RosterProblem(0, null, message)),
                List.of(), List.of());
    }

    /** True when the file could not be read as a roster at all (as opposed to rows that were invalid). */
    public boolean fileUnreadable() {
        return refused && problems.size() == 1 && problems.get(0).row() == 0;
    }

    /** The report as the CLI prints it (Chinese, one finding per line). */
    public String render() {
        List<String> lines = new ArrayList<>();
        if (refused) {
            lines.add("导入被拒绝，未导入任何数据（" + source + "）。共" + problems.size() + "处问题，请改正后重新导入：");
            problems.forEach(p -> lines.add("  " + p));
            return String.join("\n", lines);
        }
        lines.add("导入完成（" + source + "，" + format + "）：新增" + created + "人，更新" + updated + "人，未变"
                + unchanged + "人，拒绝" + rejected + "行。");
        if (!newCommunities.isEmpty()) {
            lines.add("新建社区：" + String.join("、", newCommunities));
        }
        List<ElderChange> updates = changes.stream().filter(c -> !c.created()).toList();
        if (!updates.isEmpty()) {
            lines.add("更新的老人：");
            updates.forEach(c -> lines.add("  " + c));
        }
        if (!problems.isEmpty()) {
            lines.add("被拒绝的行（未导入）：");
            problems.forEach(p -> lines.add("  " + p));
        }
        return String.join("\n", lines);
    }
}
