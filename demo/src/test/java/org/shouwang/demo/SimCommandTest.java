package org.shouwang.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shouwang.sim.Home;
import org.shouwang.sim.SiteScenario;
import picocli.CommandLine;

/** {@code shouwang sim} checks its options before any device connects, and says what is wrong. */
class SimCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int sim(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] words = new String[args.length + 1];
        words[0] = "sim";
        System.arraycopy(args, 0, words, 1, args.length);
        return cli.execute(words);
    }

    @Test
    void anUnknownScenarioIsRefusedNamingTheScenariosThereAre() {
        assertThat(sim("--scenario", "flood")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown scenario 'flood'",
                "normal, fall, tap-open, meter-silent, battery-draining, button-press");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "http://broker:1883|must start with tcp:// or ssl://",
        "broker.example:1883|must start with tcp:// or ssl://",
        "tcp://broker:1883/shouwang|tcp://host:port",
        "tcp://meter-0001:secret@broker:1883|--username/--password"})
    void aBrokerUrlThatIsNotTcpOrSslHostPortIsRefused(String url, String message) {
        assertThat(sim("--mqtt-url", url)).isEqualTo(2);
        assertThat(err.toString()).contains(message).doesNotContain("secret");
    }

    @Test
    void aMissingCredentialsFileIsNamed() {
        Path missing = dir.resolve("new-device-passwords.csv");

        assertThat(sim("--credentials", missing.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("credentials file " + missing + " does not exist");
    }

    @Test
    void aCredentialsFileWithoutASimulatedDeviceNamesItBeforeConnecting() throws Exception {
        Path csv = Files.writeString(dir.resolve("p.csv"), "deviceId,password\nmeter-0001,pw-meter\n");

        // a closed port: had it tried to connect, the answer would be 4
        assertThat(sim("--credentials", csv.toString(), "--mqtt-url", "tcp://127.0.0.1:" + closedPort())).isEqualTo(2);
        assertThat(err.toString()).contains("no password for 1 simulated device(s): btn-0001")
                .doesNotContain("pw-meter");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--username u --credentials p.csv|either --credentials or --username",
        "--password pw|--password belongs to --username",
        "--ca-file ca.pem|for an ssl:// broker URL",
        "--insecure|for an ssl:// broker URL",
        "--speed 0.5|1 (live) or more",
        "--speed fast|not 'fast'",
        "--homes 0|--homes must be between 1 and 10000",
        "--duration PT0S|the period must be positive",
        "--duration P40D|at most 31 days",
        "--rate 0|the rate must be between 0 and 10000",
        "--meter-id-format meter-%s-%s|take one number",
        "--meter-id-format meter/%d|not a valid device id",
        "--meter-id-format same --button-id-format same|used twice",
        "--db-url jdbc:postgresql://127.0.0.1/x --first-home 3|--first-home and the id formats do not apply",
        "--db-url mysql://db/x|jdbc:postgresql:"})
    void inconsistentOptionsAreRefused(String args, String message) throws Exception {
        Files.writeString(dir.resolve("p.csv"), "meter-0001,pw\n");
        String[] words = args.replace("p.csv", dir.resolve("p.csv").toString()).split(" ");

        assertThat(sim(words)).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).contains(message);
    }

    @Test
    void aBrokerThatDoesNotAnswerEndsTheRunWithExitFourAndSaysWhatToCheck() throws Exception {
        assertThat(sim("--mqtt-url", "tcp://127.0.0.1:" + closedPort(), "--scenario", "button-press"))
                .isEqualTo(SimCommand.EXIT_UNREACHABLE);
        assertThat(err.toString()).contains("cannot reach the broker", "check --mqtt-url");
    }

    @Test
    void byDefaultTheDemosHomesPlay() {
        SimCommand sim = new SimCommand();
        new CommandLine(sim).parseArgs("--homes", "2");

        assertThat(sim.homes()).containsExactly(new Home("meter-0001", "btn-0001"), new Home("meter-0002", "btn-0002"));
        sim = new SimCommand();
        new CommandLine(sim).parseArgs("--homes", "1", "--first-home", "7", "--meter-id-format", "site-m-%d",
                "--button-id-format", "site-b-%d");
        assertThat(sim.homes()).containsExactly(new Home("site-m-7", "site-b-7"));
    }

    @Test
    void theHelpListsEveryScenarioWithTheDefaultPeriodItPlays() {
        assertThat(sim("--help")).isZero();
        for (SiteScenario s : SiteScenario.values()) {
            assertThat(out.toString()).containsPattern("(?m)^  " + s.cliName() + " +" + s.defaultPeriod() + " ");
        }
        assertThat(out.toString()).contains("--speed", "--rate", "--credentials", "--ca-file", "Exit codes");
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
