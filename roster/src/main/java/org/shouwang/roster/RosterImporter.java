package org.shouwang.roster;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shouwang.db.RosterImportRecord;
import org.shouwang.db.RosterRecord;
import org.shouwang.db.RosterSession;
import org.shouwang.db.RosterStore;
import org.shouwang.db.StreetStore;
import org.shouwang.model.ContactRole;
import org.shouwang.model.ResidentId;
import org.shouwang.model.RosterContact;
import org.shouwang.model.RosterEntry;
import org.shouwang.roster.RosterValidator.CheckedRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a street's roster into the registry in one transaction. By default the whole file is checked
 * first and nothing is imported if any row is invalid; with skip-invalid the valid rows are imported
 * and the rest listed. Elders are matched by ID number and updated in place. Blocking: run it off any
 * event loop.
 */
public final class RosterImporter {

    private static final Logger LOG = LoggerFactory.getLogger(RosterImporter.class);

    private final RosterStore store;
    private final StreetStore streets;
    private final Clock clock;

    public RosterImporter(RosterStore store, StreetStore streets, Clock clock) {
        this.store = store;
        this.streets = streets;
        this.clock = clock;
    }

    public RosterImportReport importFile(Path file, RosterImportOptions options, RosterProgress progress) {
        String source = file.getFileName().toString();
        try {
            return importTable(RosterFiles.read(file, progress), source, options, progress);
        } catch (RosterFormatException e) {
            return unreadable(source, options, e);
        }
    }

    /** The same for an uploaded file's bytes (the console's upload). */
    public RosterImportReport importBytes(byte[] bytes, String source, RosterImportOptions options,
                                          RosterProgress progress) {
        try {
            return importTable(RosterFiles.read(bytes, progress), source, options, progress);
        } catch (RosterFormatException e) {
            return unreadable(source, options, e);
        }
    }

    private RosterImportReport importTable(RosterTable table, String source, RosterImportOptions options,
                                           RosterProgress progress) {
        LocalDate today = LocalDate.now(clock.withZone(ResidentId.ZONE));
        List<CheckedRow> checked = new RosterValidator(streets.streets(), today).check(table, progress);
        RosterImportReport report = store.inTransaction(options.actor(),
                session -> apply(session, table, checked, source, options, progress));
        store.recordImport(new RosterImportRecord(options.actor(), source, options.skipInvalid(), report.refused(),
                report.created(), report.updated(), report.unchanged(), report.rejected()));
        LOG.info("roster import {} [source: {}, rows: {}, created: {}, updated: {}, unchanged: {}, rejected: {}]",
                report.refused() ? "refused" : "done", source, checked.size(), report.created(), report.updated(),
                report.unchanged(), report.rejected());
        return report;
    }

    private RosterImportReport apply(RosterSession session, RosterTable table, List<CheckedRow> checked,
                                     String source, RosterImportOptions options, RosterProgress progress)
            throws SQLException {
        Set<String> ids = new LinkedHashSet<>();
        checked.stream().filter(CheckedRow::valid).forEach(c -> ids.add(c.entry().idNumber()));
        Map<String, RosterRecord> existing = session.lock(ids);
        List<CheckedRow> rows = new ArrayList<>(checked.size());
        for (CheckedRow c : checked) {
            rows.add(c.valid() ? RegistryConflicts.check(c.row().number(), c.entry(),
                    existing.get(c.entry().idNumber())).map(c::rejectedWith).orElse(c) : c);
        }
        List<RosterProblem> problems = rows.stream().flatMap(c -> c.problems().stream()).toList();
        int rejected = (int) rows.stream().filter(c -> !c.valid()).count();
        if (rejected > 0 && !options.skipInvalid()) {
            session.rollbackOnly();
            return new RosterImportReport(source, table.format(), true, 0, 0, 0, rejected, problems, List.of(),
                    List.of());
        }
        return write(session, table, rows, existing, source, progress, problems, rejected);
    }

    private RosterImportReport write(RosterSession session, RosterTable table, List<CheckedRow> rows,
                                     Map<String, RosterRecord> existing, String source, RosterProgress progress,
                                     List<RosterProblem> problems, int rejected) throws SQLException {
        List<RosterImportReport.ElderChange> changes = new ArrayList<>();
        Set<String> newCommunities = new LinkedHashSet<>();
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int done = 0;
        for (CheckedRow c : rows) {
            progress.update("写入", ++done, rows.size());
            if (!c.valid()) {
                continue;
            }
            RosterEntry entry = c.entry();
            if (session.ensureCommunity(entry.street(), entry.community())) {
                newCommunities.add(entry.street() + " " + entry.community());
            }
            RosterRecord held = existing.get(entry.idNumber());
            if (held == null) {
                long id = session.insert(entry);
                LOG.debug("roster elder created [elder: {}]", id);
                changes.add(change(c, true, List.of()));
                created++;
                continue;
            }
            RosterEntry merged = keepUncovered(table, entry, held.entry());
            if (held.active() && merged.equals(held.entry())) {
                unchanged++;
                continue;
            }
            session.update(held.elderId(), merged);
            LOG.debug("roster elder updated [elder: {}]", held.elderId());
            List<String> fields = new ArrayList<>(RosterDiff.changes(held.entry(), merged));
            if (!held.active()) {
                fields.add(0, "重新启用（此前已注销）");
            }
            changes.add(change(c, false, fields));
            updated++;
        }
        return new RosterImportReport(source, table.format(), false, created, updated, unchanged, rejected, problems,
                changes, List.copyOf(newCommunities));
    }

    /**
     * Care-team roles and the agreement date the file has no column for keep their registered values:
     * the plain ten-column annex says nothing about them, so importing it must not erase them.
     */
    static RosterEntry keepUncovered(RosterTable table, RosterEntry entry, RosterEntry held) {
        Set<ContactRole> covered = new LinkedHashSet<>();
        if (table.has(RosterColumn.COMMUNITY_WORKER)) {
            covered.add(ContactRole.COMMUNITY_WORKER);
        }
        if (table.has(RosterColumn.NEIGHBOUR)) {
            covered.add(ContactRole.NEIGHBOUR_VOLUNTEER);
        }
        if (table.has(RosterColumn.FAMILY_CONTACT)) {
            covered.add(ContactRole.FAMILY_CONTACT);
        }
        if (table.has(RosterColumn.HOME_CARE_ORG)) {
            covered.add(ContactRole.HOME_CARE_ORG);
        }
        List<RosterContact> team = new ArrayList<>(entry.careTeam());
        held.careTeam().stream().filter(c -> !covered.contains(c.role())).forEach(team::add);
        RosterEntry merged = entry.withCareTeam(team);
        return table.has(RosterColumn.AGREEMENT_SIGNED_ON) ? merged
                : merged.withAgreementSignedOn(held.agreementSignedOn());
    }

    private static RosterImportReport.ElderChange change(CheckedRow c, boolean created, List<String> fields) {
        return new RosterImportReport.ElderChange(c.row().number(), c.entry().name(),
                c.entry().residentId().masked(), created, fields);
    }

    private RosterImportReport unreadable(String source, RosterImportOptions options, RosterFormatException e) {
        store.recordImport(new RosterImportRecord(options.actor(), source, options.skipInvalid(), true, 0, 0, 0, 0));
        LOG.info("roster import refused, file not readable as a roster [source: {}]", source);
        return RosterImportReport.unreadable(source, e.getMessage());
    }
}
