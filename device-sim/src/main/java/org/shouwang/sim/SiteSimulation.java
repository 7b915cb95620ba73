package org.shouwang.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.shouwang.model.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays one {@link SiteScenario} in a number of homes against a running site over its broker, as an installer
 * does to exercise a real installation: connects every device, places the period so that it ends when the run
 * ends ({@link SimSpeed}), delivers the homes' messages in time order at the speed and under the rate cap, and
 * reports what was sent. The site judges water use, flow, battery and presses by the messages' own timestamps,
 * so those alerts follow however fast the period is played; silence is judged by arrival and takes real time.
 */
public final class SiteSimulation {

    private static final Logger LOG = LoggerFactory.getLogger(SiteSimulation.class);
    /** One simulated day at the default 15-minute reports is 96 readings a meter; a month of a home stays small. */
    public static final Duration MAX_PERIOD = Duration.ofDays(31);

    /** What to play. {@code period} null: the scenario's own default. */
    public record Settings(SiteScenario scenario, List<Home> homes, Duration period, SimSpeed speed,
                           double messagesPerSecond, long seed) {
        public Settings {
            Objects.requireNonNull(scenario, "scenario");
            Objects.requireNonNull(speed, "speed");
            if (homes == null || homes.isEmpty()) {
                throw new IllegalArgumentException("at least one home");
            }
            homes = List.copyOf(homes);
            Set<String> ids = new HashSet<>();
            for (Home h : homes) {
                for (String id : List.of(h.meterId(), h.buttonId())) {
                    if (!Topics.DEVICE_ID.matcher(id).matches()) {
                        throw new IllegalArgumentException("not a valid device id: '" + id + "'");
                    }
                    if (!ids.add(id)) {
                        throw new IllegalArgumentException("device id " + id + " is used twice");
                    }
                }
            }
            period = period == null ? scenario.defaultPeriod() : period;
            if (period.isNegative() || period.isZero() || period.compareTo(MAX_PERIOD) > 0) {
                throw new IllegalArgumentException("the period must be positive and at most " + MAX_PERIOD.toDays()
                        + " days, not " + period);
            }
            if (!(messagesPerSecond > 0) || messagesPerSecond > 10_000) {
                throw new IllegalArgumentException("the rate must be between 0 and 10000 messages/s, not "
                        + messagesPerSecond);
            }
        }
    }

    /** What a run sent, over which simulated period. */
    public record Report(SiteScenario scenario, int meters, int buttons, SiteSink.Sent sent, Instant from, Instant to,
                         Duration elapsed) {
    }

    private SiteSimulation() {
    }

    /** Plays {@code settings} to the broker; throws {@link SimulatorException} when a device cannot connect or send. */
    public static Report run(Settings settings, BrokerAccess access, Clock clock) {
        access.logins().requireAll(settings.homes().stream()
                .flatMap(h -> Stream.of(h.meterId(), h.buttonId())).toList());
        long started = System.nanoTime();
        try (SiteSink sink = SiteSink.connect(access, settings.homes(), settings.speed(),
                settings.messagesPerSecond())) {
            LOG.info("sim connected [broker: {}, meters: {}, buttons: {}]", access.describe(), sink.meters(),
                    sink.buttons());
            // Placed after connecting, so a slow connect only moves the period further into the past.
            Instant to = settings.speed().periodEnd(clock.instant().truncatedTo(ChronoUnit.SECONDS), settings.period());
            Instant from = to.minus(settings.period());
            List<HomeScenario> homes = settings.homes().stream()
                    .map(h -> settings.scenario().home(h, settings.seed(), from, to)).toList();
            LOG.info("sim playing [scenario: {}, homes: {}, period: {}, from: {}, to: {}, speed: {}, rate cap: {}/s,"
                            + " seed: {}]", settings.scenario().cliName(), homes.size(), settings.period(), from, to,
                    settings.speed(), settings.messagesPerSecond(), settings.seed());
            new ScenarioRunner(homes).run(from, to, sink);
            Report report = new Report(settings.scenario(), sink.meters(), sink.buttons(), sink.sent(), from, to,
                    Duration.ofNanos(System.nanoTime() - started));
            LOG.info("sim sent [scenario: {}, meter readings: {} from {} meters, button events: {} from {} buttons,"
                            + " meter alarms: {}, elapsed: {}]", settings.scenario().cliName(),
                    report.sent().meterReadings(), report.meters(), report.sent().buttonEvents(), report.buttons(),
                    report.sent().meterAlarms(), report.elapsed());
            return report;
        }
    }
}
