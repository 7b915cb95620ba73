package org.shouwang.demo;

import org.shouwang.app.DevicesCommand;
import org.shouwang.app.MigrateCommand;
import org.shouwang.app.RosterCommand;
import org.shouwang.app.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The lab's {@code shouwang} command line: the server's commands plus the demo, the benchmarks and the
 * simulator, which a site never installs (the server distribution's {@code bin/shouwang} has only the
 * former).
 */
@Command(name = "shouwang", mixinStandardHelpOptions = true, version = "shouwang 0.1.0",
        description = "守望: emergency watch for elders who live alone (demo and tools).",
        subcommands = {DemoCommand.class, RunCommand.class, MigrateCommand.class, RosterCommand.class,
            DevicesCommand.class, BenchCommand.class, BenchRecoveryCommand.class, BenchDetectionCommand.class,
            BenchStateCommand.class, BenchCarrierCommand.class, SimCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
