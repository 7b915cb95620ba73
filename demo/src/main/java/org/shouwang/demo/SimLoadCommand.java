package org.shouwang.demo;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.shouwang.demo.bench.SimLoadReport;
import org.shouwang.sim.ConnectFailure;
import org.shouwang.sim.LoadGenerator;
import org.shouwang.sim.SimulatorException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code shouwang sim load}: meters publishing readings in real time as fast as a rate allows, each waiting for its
 * PUBACK; the load half of {@code shouwang bench}, which runs it as a process of its own so that the load does not
 * share the platform's JVM. Prints {@value SimLoadReport#STARTED} before the first reading and, last, one line of
 * what the broker acknowledged.
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Publish meter readings as fast as --rate allows for --duration, then print what the broker"
            + " acknowledged as one line:",
            "  sim-load: published=N failed=N elapsed_ms=N meters=N per_s=N",
            "The meters must be in the registry of the platform that reads the broker (unknown devices are"
                + " quarantined); they log in with their id alone."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the load was played", "1:a meter failed to connect", "2:invalid options",
            "3:the broker refused a meter's login", "4:the broker cannot be reached"})
final class SimLoadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--mqtt-url", defaultValue = "tcp://127.0.0.1:1883", paramLabel = "URL",
            description = "the broker (default ${DEFAULT-VALUE})")
    String mqttUrl;

    @Option(names = "--meters", defaultValue = "50", paramLabel = "N",
            description = "meters publishing at once, one thread each (default ${DEFAULT-VALUE})")
    int meters;

    @Option(names = "--first-meter", defaultValue = "1", paramLabel = "N",
            description = "number of the first meter (default ${DEFAULT-VALUE})")
    int firstMeter;

    @Option(names = "--meter-id-format", defaultValue = DemoData.METER_ID_FORMAT, paramLabel = "FORMAT",
            description = "id of meter n, a Java format (default ${DEFAULT-VALUE})")
    String meterIdFormat;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "PER_METER_PER_SECOND",
            description = "readings per meter per second, 0 = as fast as acknowledged (default ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--duration", defaultValue = "PT20S", paramLabel = "ISO-8601",
            description = "how long the meters publish, real time (default ${DEFAULT-VALUE})")
    Duration duration;

    @Override
    public Integer call() throws InterruptedException {
        LoadGenerator load = new LoadGenerator(mqttUrl, meterIds(), Clock.systemUTC());
        try {
            LoadGenerator.Result r = load.run(duration, rate, () -> {
                spec.commandLine().getOut().println(SimLoadReport.STARTED + " meters=" + meters);
                spec.commandLine().getOut().flush();
            });
            spec.commandLine().getOut().println(
                    new SimLoadReport(r.published(), r.failed(), r.elapsed(), meters).line());
            spec.commandLine().getOut().flush();
            return 0;
        } catch (SimulatorException e) {
            spec.commandLine().getErr().println("sim load failed: " + ConnectFailure.explain(e));
            spec.commandLine().getErr().flush();
            return SimCommand.exitCode(e);
        }
    }

    List<String> meterIds() {
        if (meters < 1 || meters > 10_000) {
            throw usage("--meters must be between 1 and 10000");
        }
        if (rate < 0 || duration.isNegative() || duration.isZero()) {
            throw usage("--rate must not be negative and --duration must be positive");
        }
        List<String> ids = new ArrayList<>(meters);
        try {
            for (int n = firstMeter; n < firstMeter + meters; n++) {
                ids.add(String.format(meterIdFormat, n));
            }
        } catch (java.util.IllegalFormatException e) {
            throw usage("--meter-id-format takes one number, e.g. meter-%04d: " + e.getMessage());
        }
        return ids;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
