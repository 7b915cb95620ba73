package org.shouwang.demo;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;
import org.shouwang.db.RegistryStore;
import org.shouwang.model.Device;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;
import org.shouwang.sim.BrokerAccess;
import org.shouwang.sim.ConnectFailure;
import org.shouwang.sim.DeviceLogins;
import org.shouwang.sim.Home;
import org.shouwang.sim.SimSpeed;
import org.shouwang.sim.SimulatorException;
import org.shouwang.sim.SiteScenario;
import org.shouwang.sim.SiteSimulation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code shouwang sim}: the device simulator against any broker, so an installer can exercise a real site. The
 * options are read and checked here; what is played and how lives in {@code device-sim} ({@link SiteSimulation}).
 */
@Command(name = "sim", mixinStandardHelpOptions = true, sortOptions = false, subcommands = SimLoadCommand.class,
        description = {"Play a scenario with simulated meters and call buttons against a site's MQTT broker.",
            "The devices must be in the site's registry (by default the demo's ids meter-0001/btn-0001...;"
                + " or --db-url to take them from the site's database). Alerts that a scenario raises page the"
                + " homes' care teams through the site's paging provider: use test homes whose contacts are your"
                + " own phones.",
            "",
            "Scenarios, with the simulated period each plays by default:",
            "  normal           PT1H   everyday water use; raises nothing",
            "  fall             PT26H  no water from 1 h in on: NO_WATER_USE",
            "  tap-open         PT3H   6 L/min from 30 min in on: CONTINUOUS_FLOW",
            "  meter-silent     PT1H   meter quiet from halfway: DEVICE_SILENT (real time)",
            "  battery-draining PT6H   meter battery 30 %% -> 15 %%: LOW_BATTERY",
            "  button-press     PT1M   one press halfway through: BUTTON_PRESSED",
            ""},
        footer = {"",
            "Time: `shouwang run` always judges by its own wall clock, and nothing here speeds that clock up."
                + " Instead the simulated period is placed in the past so that it ends when the run ends, and every"
                + " message carries its own past timestamp. The server judges no water use, continuous flow, battery"
                + " and presses by those timestamps, so with --speed max (the default) a 26 h fall is played in"
                + " seconds (as fast as --rate allows) and NO_WATER_USE follows at once. --speed N plays the period"
                + " N times faster than real time; --speed 1 plays it live. Silence is judged by arrival: after"
                + " meter-silent, DEVICE_SILENT comes 3 x rules.meterReportInterval (3 h by default) of real time"
                + " after the meter's last report, whatever the speed. Readings older than the server's data for a"
                + " meter change nothing, so use meters without recent readings. When the run ends the devices go"
                + " offline: the site reports them DEVICE_SILENT (to maintenance) after their silence period.",
            "",
            "The broker's ACL lets a device write only below shouwang/v1/{its username}/: give each device its own"
                + " password with --credentials (the CSV of `shouwang devices mosquitto-auth`). A refused publish"
                + " is dropped silently by the broker (MQTT 3.1.1), so check the site's console or /metrics."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the scenario was played", "1:a device failed while sending",
            "2:invalid options", "3:the broker refused a device's login",
            "4:the broker cannot be reached, or TLS failed"})
final class SimCommand implements Callable<Integer> {

    static final int EXIT_LOGIN_REFUSED = 3;
    static final int EXIT_UNREACHABLE = 4;

    @Spec
    CommandSpec spec;

    @Option(names = "--mqtt-url", defaultValue = "tcp://127.0.0.1:1883", paramLabel = "URL",
            description = "the site's broker, tcp://host:port or ssl://host:port (default ${DEFAULT-VALUE})")
    String mqttUrl;

    @Option(names = "--credentials", paramLabel = "FILE",
            description = "CSV of deviceId,password (as `shouwang devices mosquitto-auth` writes): each device logs in"
                    + " with its id and its own password")
    Path credentials;

    @Option(names = "--username", paramLabel = "NAME",
            description = "one account for every device (only where the broker's ACL allows it)")
    String username;

    @Option(names = "--password", arity = "0..1", interactive = true, paramLabel = "PASSWORD",
            description = "the password of --username; without a value it is asked for")
    String password;

    @Option(names = "--ca-file", paramLabel = "PEM",
            description = "CA certificate(s) to trust for ssl:// (default: the JVM's)")
    Path caFile;

    @Option(names = "--insecure",
            description = "ssl:// without checking the broker's host name (the certificate still is)")
    boolean insecure;

    @Option(names = "--scenario", defaultValue = "normal", converter = ScenarioName.class, paramLabel = "NAME",
            completionCandidates = ScenarioNames.class,
            description = "one of ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    SiteScenario scenario;

    @Option(names = "--homes", defaultValue = "1", paramLabel = "N",
            description = "how many homes play the scenario (default ${DEFAULT-VALUE})")
    int homes;

    @Option(names = "--first-home", defaultValue = "1", paramLabel = "N",
            description = "number of the first home (default ${DEFAULT-VALUE})")
    int firstHome;

    @Option(names = "--meter-id-format", defaultValue = DemoData.METER_ID_FORMAT, paramLabel = "FORMAT",
            description = "meter id of home n, a Java format (default ${DEFAULT-VALUE}, as the demo seeds them)")
    String meterIdFormat;

    @Option(names = "--button-id-format", defaultValue = DemoData.BUTTON_ID_FORMAT, paramLabel = "FORMAT",
            description = "button id of home n (default ${DEFAULT-VALUE})")
    String buttonIdFormat;

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "take the homes from this site database instead (read only): the first --homes active"
                    + " elders with an active meter and an active button")
    String dbUrl;

    @Option(names = "--duration", paramLabel = "ISO-8601",
            description = "the simulated period, e.g. PT26H (default: the scenario's, above)")
    Duration duration;

    @Option(names = "--speed", defaultValue = "max", converter = SpeedValue.class, paramLabel = "max|N",
            description = "simulated time per real time: max, or a factor >= 1; 1 is live (default ${DEFAULT-VALUE})")
    SimSpeed speed;

    @Option(names = "--rate", defaultValue = "50", paramLabel = "PER_SECOND",
            description = "at most this many messages/s in all (default ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--seed", defaultValue = "2026", paramLabel = "N",
            description = "the same seed plays the same water use (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        BrokerAccess access = brokerAccess();
        List<Home> played = homes();
        SiteSimulation.Settings settings = settings(played);
        try {
            access.logins().requireAll(played.stream().flatMap(h -> Stream.of(h.meterId(), h.buttonId())).toList());
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        try {
            SiteSimulation.Report r = SiteSimulation.run(settings, access, Clock.systemUTC());
            spec.commandLine().getOut().printf("sim %s: %d meter readings from %d meters, %d button events from %d"
                            + " buttons, %d meter alarms to %s in %.1f s (simulated %s to %s)%n",
                    r.scenario().cliName(), r.sent().meterReadings(), r.meters(), r.sent().buttonEvents(), r.buttons(),
                    r.sent().meterAlarms(), access.url(), r.elapsed().toMillis() / 1000.0, r.from(), r.to());
            spec.commandLine().getOut().flush();
            return 0;
        } catch (SimulatorException e) {
            spec.commandLine().getErr().println("sim failed: " + ConnectFailure.explain(e));
            spec.commandLine().getErr().flush();
            return exitCode(e);
        }
    }

    /** The documented exit code for a simulator that failed ({@code sim} and {@code sim load} alike). */
    static int exitCode(SimulatorException e) {
        return switch (ConnectFailure.of(e)) {
            case LOGIN_REFUSED -> EXIT_LOGIN_REFUSED;
            case UNREACHABLE, TLS_FAILED -> EXIT_UNREACHABLE;
            case OTHER -> 1;
        };
    }

    BrokerAccess brokerAccess() {
        if (credentials != null && username != null) {
            throw usage("give either --credentials or --username, not both");
        }
        if (password != null && username == null) {
            throw usage("--password belongs to --username");
        }
        try {
            DeviceLogins logins = credentials != null ? DeviceLogins.fromCsv(credentials)
                    : username != null ? DeviceLogins.shared(username, password) : DeviceLogins.idOnly();
            return BrokerAccess.of(mqttUrl, logins, caFile, !insecure);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    SiteSimulation.Settings settings(List<Home> played) {
        try {
            return new SiteSimulation.Settings(scenario, played, duration, speed, rate, seed);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    List<Home> homes() {
        if (homes < 1 || homes > 10_000) {
            throw usage("--homes must be between 1 and 10000");
        }
        if (dbUrl != null) {
            CommandLine.ParseResult given = spec.commandLine().getParseResult();
            if (given.hasMatchedOption("--first-home") || given.hasMatchedOption("--meter-id-format")
                    || given.hasMatchedOption("--button-id-format")) {
                throw usage("--db-url takes the homes from the registry: --first-home and the id formats do not apply");
            }
            return homesFromRegistry();
        }
        if (firstHome < 0) {
            throw usage("--first-home must not be negative");
        }
        List<Home> out = new ArrayList<>(homes);
        try {
            for (int n = firstHome; n < firstHome + homes; n++) {
                out.add(new Home(String.format(meterIdFormat, n), String.format(buttonIdFormat, n)));
            }
        } catch (java.util.IllegalFormatException e) {
            throw usage("--meter-id-format and --button-id-format take one number, e.g. meter-%04d: " + e.getMessage());
        }
        return out;
    }

    /** Active elders with an active meter and an active button, in registry order; read only, never migrated. */
    private List<Home> homesFromRegistry() {
        if (!dbUrl.startsWith("jdbc:postgresql:")) {
            throw usage("--db-url must be a jdbc:postgresql: URL");
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(dbUrl);
        ds.setReadOnly(true);
        RegistryStore registry = new RegistryStore(ds);
        List<Home> out = new ArrayList<>(homes);
        try {
            for (Elder elder : registry.listElders(Integer.MAX_VALUE)) {
                if (out.size() == homes) {
                    break;
                }
                List<Device> devices = elder.active() ? registry.devices(elder.id()) : List.of();
                String meter = first(devices, DeviceKind.WATER_METER);
                String button = first(devices, DeviceKind.CALL_BUTTON);
                if (meter != null && button != null) {
                    out.add(new Home(meter, button));
                }
            }
        } catch (RuntimeException e) {
            throw usage("cannot read the registry at --db-url: " + e.getMessage());
        }
        if (out.size() < homes) {
            throw usage("the registry has " + out.size() + " homes with an active meter and button, not " + homes);
        }
        return out;
    }

    private static String first(List<Device> devices, DeviceKind kind) {
        return devices.stream().filter(d -> d.active() && d.kind() == kind).map(Device::deviceId).findFirst()
                .orElse(null);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** {@code --scenario tap-open}. */
    static final class ScenarioName implements CommandLine.ITypeConverter<SiteScenario> {
        @Override
        public SiteScenario convert(String value) {
            try {
                return SiteScenario.byName(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** The scenario names, for help and shell completion. */
    static final class ScenarioNames extends ArrayList<String> {
        ScenarioNames() {
            for (SiteScenario s : SiteScenario.values()) {
                add(s.cliName());
            }
        }
    }

    /** {@code --speed max}, {@code --speed 60}. */
    static final class SpeedValue implements CommandLine.ITypeConverter<SimSpeed> {
        @Override
        public SimSpeed convert(String value) {
            try {
                return SimSpeed.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
