package org.shouwang.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The server's {@code shouwang} command line: what a site runs (the demo and tools live in shouwang-demo). */
@Command(name = "shouwang", mixinStandardHelpOptions = true, version = "shouwang 0.1.0",
        description = "守望: emergency watch for elders who live alone.",
        subcommands = {RunCommand.class, MigrateCommand.class, RosterCommand.class, DevicesCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
