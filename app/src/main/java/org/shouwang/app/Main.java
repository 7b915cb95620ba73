package org.shouwang.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code shouwang} command line: one entry point for the demo, production, and the tools. */
@Command(name = "shouwang", mixinStandardHelpOptions = true, version = "shouwang 0.1.0",
        description = "守望: emergency watch for elders who live alone.",
        subcommands = {DemoCommand.class, RunCommand.class, MigrateCommand.class, RosterCommand.class,
            BenchCommand.class, BenchRecoveryCommand.class, DevicesCommand.class, SimCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
