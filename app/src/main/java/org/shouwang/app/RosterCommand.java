package org.shouwang.app;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.shouwang.db.Database;
import org.shouwang.db.RosterStore;
import org.shouwang.db.StreetStore;
import org.shouwang.roster.RosterCli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shouwang roster import|export}: the street's roster (摸排表, policy annex 3) in and out of the
 * registry. A thin shell: the work and its exit codes are {@link RosterCli}'s (roster module).
 */
@Command(name = "roster", mixinStandardHelpOptions = true,
        description = "Import and export the roster of empty-nest and living-alone elders (摸排表).",
        subcommands = {RosterCommand.Import.class, RosterCommand.Export.class})
public final class RosterCommand {

    /** {@code shouwang roster import FILE [--skip-invalid] [--config FILE]}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Import a roster (.xlsx, .xls or .csv in UTF-8 or GBK). By default nothing is imported "
                    + "if any row is invalid; every problem is listed with its row and column.",
                "Exit codes: 0 imported, 1 refused (invalid rows), 2 file not a roster, 3 imported with rows "
                    + "rejected (--skip-invalid)."})
    public static final class Import implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "FILE", description = "the roster file")
        Path file;

        @Option(names = "--skip-invalid", description = "import the valid rows and list the rejected ones")
        boolean skipInvalid;

        @Option(names = "--config", paramLabel = "FILE", defaultValue = ConfigLoader.CONFIG_FILE_ENV,
                description = ConfigLoader.CONFIG_FILE_HELP)
        Path config;

        @Override
        public Integer call() {
            try (Database db = open(config)) {
                return cli(db).importFile(file, skipInvalid, RosterCli.defaultActor());
            }
        }
    }

    /** {@code shouwang roster export --street 平江街道 --quarter 2026Q4 [--out FILE]}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write a street's roster as the annex-3 table (.xlsx), ready to submit.")
    public static final class Export implements Callable<Integer> {

        @Option(names = "--street", required = true, description = "the street, e.g. 平江街道")
        String street;

        @Option(names = "--quarter", required = true, description = "the quarter reported, e.g. 2026Q4")
        String quarter;

        @Option(names = "--out", description = "the file to write (default: 摸排表_<street>_<quarter>.xlsx)")
        Path out;

        @Option(names = "--date", description = "报送时间 as yyyy-MM-dd (default: today)")
        LocalDate date;

        @Option(names = "--with-care-team", description = "also write the care-team columns (not for submitting)")
        boolean withCareTeam;

        @Option(names = "--config", paramLabel = "FILE", defaultValue = ConfigLoader.CONFIG_FILE_ENV,
                description = ConfigLoader.CONFIG_FILE_HELP)
        Path config;

        @Override
        public Integer call() {
            try (Database db = open(config)) {
                return cli(db).export(street, quarter, date, out, withCareTeam);
            }
        }
    }

    static Database open(Path config) {
        return Database.open(ConfigLoader.load(config, System.getenv()).database().options());
    }

    private static RosterCli cli(Database db) {
        return new RosterCli(new RosterStore(db.dataSource()), new StreetStore(db.dataSource()), Clock.systemUTC(),
                console(FileDescriptor.out), console(FileDescriptor.err));
    }

    /** The terminal's encoding, except that a bare C locale (ASCII) gets UTF-8 so Chinese stays readable. */
    private static PrintStream console(FileDescriptor fd) {
        Charset cs = Charset.defaultCharset();
        Charset use = cs.equals(StandardCharsets.US_ASCII) ? StandardCharsets.UTF_8 : cs;
        return new PrintStream(new FileOutputStream(fd), true, use);
    }

}
