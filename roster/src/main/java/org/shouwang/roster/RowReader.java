package org.shouwang.roster;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.shouwang.model.ChildrenLocation;
import org.shouwang.model.ContactRole;
import org.shouwang.model.ElderCategory;
import org.shouwang.model.RosterContact;

/** Reads the cells of one roster row into values, noting a {@link RosterProblem} for each bad cell. */
final class RowReader {

    static final String MISSING = "未填写";
    private static final Pattern DATE = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?");
    private static final Pattern DATE_DIGITS = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    /** Each care-team person column with its phone column and the role it fills. */
    private static final Map<RosterColumn, Map.Entry<RosterColumn, ContactRole>> TEAM = Map.of(
            RosterColumn.COMMUNITY_WORKER, Map.entry(RosterColumn.COMMUNITY_WORKER_PHONE, ContactRole.COMMUNITY_WORKER),
            RosterColumn.NEIGHBOUR, Map.entry(RosterColumn.NEIGHBOUR_PHONE, ContactRole.NEIGHBOUR_VOLUNTEER),
            RosterColumn.FAMILY_CONTACT, Map.entry(RosterColumn.FAMILY_CONTACT_PHONE, ContactRole.FAMILY_CONTACT),
            RosterColumn.HOME_CARE_ORG, Map.entry(RosterColumn.HOME_CARE_ORG_PHONE, ContactRole.HOME_CARE_ORG));

    private final RosterRow row;
    private final List<RosterProblem> problems = new ArrayList<>();

    RowReader(RosterRow row) {
        this.row = row;
    }

    List<RosterProblem> problems() {
        return problems;
    }

    void problem(RosterColumn column, String message) {
        problems.add(new RosterProblem(row.number(), column, message));
    }

    /** The cell's text, or null (noted as missing) when it is blank. */
    String required(RosterColumn column) {
        if (row.blank(column)) {
            problem(column, MISSING);
            return null;
        }
        return row.value(column);
    }

    /** A street of the registry; "平江" is read as "平江街道". */
    String street(List<String> streets) {
        String s = required(RosterColumn.STREET);
        if (s == null) {
            return null;
        }
        String compact = s.replaceAll("\\s", "");
        if (streets.contains(compact)) {
            return compact;
        }
        if (streets.contains(compact + "街道")) {
            return compact + "街道";
        }
        problem(RosterColumn.STREET, "未知街道「" + s + "」（姑苏区的街道为：" + String.join("、", streets) + "）");
        return null;
    }

    String phone(RosterColumn column) {
        try {
            return RosterValidator.phoneOrNull(row.value(column));
        } catch (IllegalArgumentException e) {
            problem(column, e.getMessage());
            return null;
        }
    }

    ElderCategory category() {
        String s = required(RosterColumn.CATEGORY);
        if (s == null) {
            return null;
        }
        return ElderCategory.fromLabel(s).orElseGet(() -> {
            problem(RosterColumn.CATEGORY, "「" + s + "」不是可选的类别（可选：" + Arrays.stream(ElderCategory.values())
                    .map(ElderCategory::label).collect(Collectors.joining("、")) + "）");
            return null;
        });
    }

    /**
     * Where the children live. 空巢 and 独居 elders have children elsewhere by definition, so the cell
     * must say where (an elder with none is 无子女或赡养人, whose cell must stay empty); for 子女或赡养人无照顾能力
     * it is optional.
     */
    ChildrenLocation childrenLocation(ElderCategory category) {
        RosterColumn col = RosterColumn.CHILDREN_LOCATION;
        String s = row.value(col);
        if (s.isEmpty()) {
            if (category == ElderCategory.EMPTY_NEST || category == ElderCategory.LIVING_ALONE) {
                problem(col, "类别为「" + category.label() + "」时须选择「区外」或「街道外」（没有子女或赡养人的，类别请填「"
                        + ElderCategory.NO_CHILDREN_OR_CARER.label() + "」）");
            }
            return null;
        }
        ChildrenLocation location = ChildrenLocation.fromLabel(s).orElse(null);
        if (location == null) {
            problem(col, "「" + s + "」无法识别，应为「区外」或「街道外」");
        } else if (category == ElderCategory.NO_CHILDREN_OR_CARER) {
            problem(col, "类别为「" + category.label() + "」时此列应为空");
        }
        return location;
    }

    Boolean yesNo(RosterColumn column) {
        String s = required(column);
        if (s == null) {
            return null;
        }
        return switch (s) {
            case "是" -> true;
            case "否" -> false;
            default -> {
                problem(column, "「" + s + "」无法识别，应为「是」或「否」");
                yield null;
            }
        };
    }

    /** The care team from the optional columns the file has; a person needs both name and phone. */
    List<RosterContact> careTeam(RosterTable table) {
        List<RosterContact> team = new ArrayList<>();
        for (RosterColumn who : RosterColumn.CARE_TEAM) {
            Map.Entry<RosterColumn, ContactRole> pair = TEAM.get(who);
            if (pair == null || !table.has(who)) {
                continue;
            }
            String name = row.value(who);
            String phone = phone(pair.getKey());
            if (name.isEmpty() && !row.blank(pair.getKey())) {
                problem(who, "填写了" + pair.getKey().label() + "，须同时填写姓名");
            } else if (!name.isEmpty() && row.blank(pair.getKey())) {
                problem(pair.getKey(), "填写了" + who.label() + "，须同时填写电话");
            } else if (!name.isEmpty() && phone != null) {
                team.add(new RosterContact(pair.getValue(), name, phone));
            }
        }
        return team;
    }

    /** A date as staff write it (2022-09-15, 2022/9/15, 2022年9月15日, 20220915); blank is null. */
    LocalDate date(RosterColumn column, LocalDate today) {
        String s = row.value(column);
        if (s.isEmpty()) {
            return null;
        }
        Matcher m = DATE.matcher(s);
        if (!m.matches()) {
            m = DATE_DIGITS.matcher(s);
        }
        try {
            if (m.matches()) {
                LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
                if (d.isAfter(today)) {
                    problem(column, "日期" + d + "晚于今天");
                }
                return d;
            }
        } catch (DateTimeException e) {
            // falls through to the message below
        }
        problem(column, "「" + s + "」不是有效日期（如2022-09-15）");
        return null;
    }
}
