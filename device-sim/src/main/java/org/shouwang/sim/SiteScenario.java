package org.shouwang.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The scenarios {@code shouwang sim} plays against a site, each over a period {@code [from, to)} of any length:
 * an ordinary home from {@link Scenarios} with one thing changed at a moment relative to the period (the
 * {@code Scenarios} fixtures fix clock times on a given day, which a run that ends "now" cannot use).
 */
public enum SiteScenario {

    /** Everyday use. Raises nothing. */
    NORMAL("normal", Duration.ofHours(1), "an ordinary day's water use; raises nothing") {
        @Override
        HomeScenario change(HomeScenario home, Instant from, Instant to) {
            return home;
        }
    },
    /** No water from an hour into the period on; needs a period longer than the site's no-use window plus that hour. */
    FALL("fall", Duration.ofHours(26), "the elder falls 1 h into the period and no water runs again: NO_WATER_USE once"
            + " the meter's data spans rules.noWaterWindow (24 h by default) without use") {
        @Override
        HomeScenario change(HomeScenario home, Instant from, Instant to) {
            return home.noUseFrom(from.plus(Duration.ofHours(1)));
        }
    },
    /** A tap opened half an hour in that runs to the end. */
    TAP_OPEN("tap-open", Duration.ofHours(3), "a tap left running at 6 L/min from 30 min into the period to its end:"
            + " CONTINUOUS_FLOW after rules.continuousFlow (2 h by default)") {
        @Override
        HomeScenario change(HomeScenario home, Instant from, Instant to) {
            return home.tapOpen(from.plus(Duration.ofMinutes(30)), Duration.between(from, to), 6.0);
        }
    },
    /** The meter reports through the first half, then never again. */
    METER_SILENT("meter-silent", Duration.ofHours(1), "the meter reports in the first half of the period, then never"
            + " again: DEVICE_SILENT 3 x rules.meterReportInterval (3 h by default) of real time after its last"
            + " report") {
        @Override
        HomeScenario change(HomeScenario home, Instant from, Instant to) {
            return home.meterOffline(from.plus(Duration.between(from, to).dividedBy(2)), null);
        }
    },
    /** The meter's battery falls from 30 % to 15 % over the period, whatever its length. */
    BATTERY_DRAINING("battery-draining", Duration.ofHours(6), "the meter's battery falls from 30 % to 15 % over the"
            + " period: LOW_BATTERY once a reading is under rules.lowBatteryPercent (20 % by default)") {
        @Override
        HomeScenario change(HomeScenario home, Instant from, Instant to) {
            double days = Duration.between(from, to).toMillis() / 86_400_000.0;
            return home.battery(30, 15 / days);
        }
    },
    /** One press of the call button halfway through the period. */
    BUTTON_PRESS("button-press", Duration.ofMinutes(1), "the elder presses the call button halfway through the"
            + " period: BUTTON_PRESSED, paged at once") {
        @Override
        HomeScenario change(HomeScenario home, Instant from, Instant to) {
            return home.pressAt(from.plus(Duration.between(from, to).dividedBy(2)));
        }
    };

    private final String cliName;
    private final Duration defaultPeriod;
    private final String description;

    SiteScenario(String cliName, Duration defaultPeriod, String description) {
        this.cliName = cliName;
        this.defaultPeriod = defaultPeriod;
        this.description = description;
    }

    /** The home's messages for this scenario over {@code [from, to)}; the same seed gives the same messages. */
    public HomeScenario home(Home home, long seed, Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the period must end after it starts");
        }
        return change(Scenarios.normalHome(home, seed), from, to);
    }

    abstract HomeScenario change(HomeScenario home, Instant from, Instant to);

    /** As written on the command line: {@code tap-open}. */
    public String cliName() {
        return cliName;
    }

    /** The simulated period that shows the scenario's alert with the site's default thresholds. */
    public Duration defaultPeriod() {
        return defaultPeriod;
    }

    public String description() {
        return description;
    }

    /** The scenario named {@code name} ({@code tap-open}, case ignored). */
    public static SiteScenario byName(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.cliName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + name + "'; one of: " + names()));
    }

    /** {@code normal, fall, …}, for messages and help. */
    public static String names() {
        return Arrays.stream(values()).map(SiteScenario::cliName).collect(Collectors.joining(", "));
    }
}
