package org.shouwang.roster;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.shouwang.db.RosterStore;
import org.shouwang.db.StreetStore;
import org.shouwang.model.ResidentId;

/**
 * What {@code shouwang roster import|export} do, apart from parsing the command line: the report on
 * stdout, the progress bar and warnings on stderr, and the exit codes {@link #OK}, {@link #REFUSED},
 * {@link #UNUSABLE} and {@link #PARTIAL}.
 */
public final class RosterCli {

    /** Everything imported, or the export written. */
    public static final int OK = 0;
    /** Invalid rows: nothing was imported. */
    public static final int REFUSED = 1;
    /** The file is not a readable roster, or an argument (street, quarter) is wrong. */
    public static final int UNUSABLE = 2;
    /** With --skip-invalid: the valid rows were imported, some rows were rejected. */
    public static final int PARTIAL = 3;

    /** Files with fewer rows than this finish before a bar would help. */
    static final int PROGRESS_FROM_ROWS = 200;

    private final RosterStore roster;
    private final StreetStore streets;
    private final Clock clock;
    private final PrintStream out;
    private final PrintStream err;

    public RosterCli(RosterStore roster, StreetStore streets, Clock clock, PrintStream out, PrintStream err) {
        this.roster = roster;
        this.streets = streets;
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    /** Who runs the command, for the audit trail. */
    public static String defaultActor() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    public int importFile(Path file, boolean skipInvalid, String actor) {
        RosterImportReport report = new RosterImporter(roster, streets, clock).importFile(file,
                new RosterImportOptions(skipInvalid, actor), new TextProgressBar(err, PROGRESS_FROM_ROWS));
        out.println(report.render());
        if (report.fileUnreadable()) {
            return UNUSABLE;
        }
        if (report.refused()) {
            return REFUSED;
        }
        return report.rejected() > 0 ? PARTIAL : OK;
    }

    /**
     * Exports a street's roster for a quarter.
     *
     * @param reportDate 报送时间; null means today
     * @param target     the file to write; null means {@code 摸排表_<street>_<quarter>.xlsx} here
     */
    public int export(String street, String quarterText, LocalDate reportDate, Path target, boolean withCareTeam) {
        List<String> known = streets.streets();
        if (!known.contains(street)) {
            err.println("未知街道「" + street + "」（可选：" + String.join("、", known) + "）");
            return UNUSABLE;
        }
        Quarter quarter;
        try {
            quarter = Quarter.parse(quarterText);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return UNUSABLE;
        }
        LocalDate date = reportDate != null ? reportDate : LocalDate.now(clock.withZone(ResidentId.ZONE));
        if (date.isAfter(quarter.deadline())) {
            err.println("提示：报送时间" + date + "晚于" + quarter.label() + "的报送截止日（最后一个周五，"
                    + quarter.deadline() + "）");
        }
        Path file = target != null ? target : Path.of("摸排表_" + street + "_" + quarter + ".xlsx");
        try {
            int count = write(file, street, quarter, date, withCareTeam);
            out.println("已导出" + street + quarter.label() + "摸排表：" + count + "人 → " + file);
            return OK;
        } catch (IOException e) {
            err.println("无法写入" + file + "：" + e.getMessage());
            return UNUSABLE;
        }
    }

    /** Writes beside the target first, so a failed export never leaves half a file under its name. */
    private int write(Path file, String street, Quarter quarter, LocalDate date, boolean withCareTeam)
            throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".roster-", ".xlsx");
        try {
            int count;
            try (OutputStream os = Files.newOutputStream(tmp)) {
                count = new RosterExporter(roster).export(street, quarter, date, withCareTeam, os,
                        new TextProgressBar(err, PROGRESS_FROM_ROWS));
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            return count;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
