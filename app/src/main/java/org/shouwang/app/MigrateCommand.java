package org.shouwang.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.shouwang.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code shouwang migrate}: brings the database schema to the current version and exits. */
@Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply the database migrations and exit.")
public final class MigrateCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", defaultValue = ConfigLoader.CONFIG_FILE_ENV,
            description = ConfigLoader.CONFIG_FILE_HELP)
    Path config;

    @Override
    public Integer call() {
        AppConfig cfg = ConfigLoader.load(config, System.getenv());
        try (Database db = Database.open(cfg.database().options())) {
            System.out.println("schema is current" + (db.timescale() ? " (TimescaleDB)" : ""));
        }
        return 0;
    }
}
