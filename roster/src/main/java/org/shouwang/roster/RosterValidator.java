package org.shouwang.roster;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.shouwang.model.ChildrenLocation;
import org.shouwang.model.ElderCategory;
import org.shouwang.model.InvalidResidentIdException;
import org.shouwang.model.MainlandPhone;
import org.shouwang.model.ResidentId;
import org.shouwang.model.RosterContact;
import org.shouwang.model.RosterEntry;

/**
 * Checks every row of a roster on its own and against the other rows of the file, and says what is
 * wrong in staff's words: every problem names its row and column. Checks against the registry (an
 * ID number registered elsewhere) are {@link RegistryConflicts}'.
 */
public final class RosterValidator {

    /** A row and what it became: an entry when it is valid, otherwise its problems. */
    public record CheckedRow(RosterRow row, RosterEntry entry, List<RosterProblem> problems) {

        public boolean valid() {
            return problems.isEmpty();
        }

        CheckedRow rejectedWith(RosterProblem problem) {
            List<RosterProblem> more = new ArrayList<>(problems);
            more.add(problem);
            return new CheckedRow(row, null, List.copyOf(more));
        }
    }

    /** The youngest age the roster covers: 老年人 under the law on the elderly are 60 or over. */
    static final int ELDERLY_AGE = 60;

    private final List<String> streets;
    private final LocalDate today;

    /** @param streets the registry's streets; {@code today} bounds birth and agreement dates */
    public RosterValidator(List<String> streets, LocalDate today) {
        this.streets = List.copyOf(streets);
        this.today = today;
    }

    public List<CheckedRow> check(RosterTable table, RosterProgress progress) {
        List<CheckedRow> out = new ArrayList<>(table.rows().size());
        for (RosterRow row : table.rows()) {
            out.add(check(table, row));
            progress.update("校验", out.size(), table.rows().size());
        }
        return markDuplicates(out);
    }

    CheckedRow check(RosterTable table, RosterRow row) {
        RowReader r = new RowReader(row);
        String street = r.street(streets);
        String community = r.required(RosterColumn.COMMUNITY);
        String name = r.required(RosterColumn.NAME);
        ResidentId id = residentId(r);
        String address = r.required(RosterColumn.ADDRESS);
        String phone = r.phone(RosterColumn.PHONE);
        ElderCategory category = r.category();
        ChildrenLocation children = r.childrenLocation(category);
        Boolean lowIncome = r.yesNo(RosterColumn.LOW_INCOME_DISABLED);
        List<RosterContact> team = r.careTeam(table);
        LocalDate agreement = table.has(RosterColumn.AGREEMENT_SIGNED_ON)
                ? r.date(RosterColumn.AGREEMENT_SIGNED_ON, today) : null;
        if (!r.problems().isEmpty()) {
            return new CheckedRow(row, null, List.copyOf(r.problems()));
        }
        RosterEntry entry = new RosterEntry(street, community, name, id.value(), address, phone, category, children,
                lowIncome, team, agreement);
        return new CheckedRow(row, entry, List.of());
    }

    private ResidentId residentId(RowReader r) {
        String raw = r.required(RosterColumn.ID_NUMBER);
        if (raw == null) {
            return null;
        }
        try {
            ResidentId id = ResidentId.parse(raw, today);
            int age = id.ageAt(today);
            if (age < ELDERLY_AGE) {
                r.problem(RosterColumn.ID_NUMBER, "按身份证号计算年龄为" + age + "周岁，不满" + ELDERLY_AGE
                        + "周岁，不属于老年人（请核对身份证号）");
            }
            return id;
        } catch (InvalidResidentIdException e) {
            r.problem(RosterColumn.ID_NUMBER, e.getMessage());
            return null;
        }
    }

    /** Every row of an ID number that appears more than once is rejected, naming the other rows. */
    private static List<CheckedRow> markDuplicates(List<CheckedRow> rows) {
        Map<String, List<Integer>> byId = new LinkedHashMap<>();
        for (CheckedRow c : rows) {
            if (c.entry() != null) {
                byId.computeIfAbsent(c.entry().idNumber(), k -> new ArrayList<>()).add(c.row().number());
            }
        }
        List<CheckedRow> out = new ArrayList<>(rows.size());
        for (CheckedRow c : rows) {
            int number = c.row().number();
            List<Integer> same = c.entry() == null ? List.of() : byId.get(c.entry().idNumber());
            if (same.size() > 1) {
                String others = same.stream().filter(n -> n != number).map(n -> "第" + n + "行")
                        .collect(Collectors.joining("、"));
                out.add(c.rejectedWith(new RosterProblem(number, RosterColumn.ID_NUMBER,
                        "与" + others + "重复（同一人只能出现一次）")));
            } else {
                out.add(c);
            }
        }
        return out;
    }

    /** Validates a single phone in a cell: canonical form or null for a blank cell. */
    static String phoneOrNull(String raw) {
        return raw == null || raw.isEmpty() ? null : MainlandPhone.normalize(raw);
    }
}
