package org.shouwang.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Every command of the lab's command line (the server's and the tools) answers {@code --help} with its usage. */
class HelpTest {

    @ParameterizedTest(name = "shouwang {0} --help")
    @ValueSource(strings = {"demo", "bench", "bench-recovery", "bench-detection", "bench-carrier", "sim", "sim load", "run", "migrate", "roster",
        "roster import", "roster export", "devices", "devices mosquitto-auth"})
    void everyCommandAnswersHelp(String command) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));
        String[] words = (command + " --help").split(" ");

        int exit = cli.execute(words);

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("Usage: shouwang " + command);
    }
}
