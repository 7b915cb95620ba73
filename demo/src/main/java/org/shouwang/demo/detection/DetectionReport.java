package org.shouwang.demo.detection;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.shouwang.model.Rule;
import org.shouwang.sim.DevicePayloads;
import org.shouwang.sim.routine.FleetSpec;
import org.shouwang.sim.routine.MeterKind;

/** Prints the figures of the benchmark's runs side by side, then one machine-readable summary line. */
public final class DetectionReport {

    private static final String ROW = "%-52s";
    private static final String CELL = "%12s";
    private static final Map<MeterKind, String> METERS = Map.of(MeterKind.QUARTER_HOURLY, "15-minute meters",
            MeterKind.HOURLY, "hourly meters", MeterKind.DAILY, "once-a-day meters");

    private final PrintWriter out;

    public DetectionReport(PrintWriter out) {
        this.out = out;
    }

    public void print(FleetSpec spec, List<DetectionFigures> runs) {
        long taps = runs.get(0).falls().stream().filter(f -> f.fall().tapLeftRunning()).count();
        out.printf(Locale.ROOT, "bench-detection: %d homes, %d falls (%d with a tap left running), %d warm-up + %d scored"
                + " days, seed %d%n%n", spec.homes(), spec.falls(), taps, spec.warmupDays(), spec.days(), spec.seed());
        row("", runs, f -> f.ruleSet().label());
        row("falls found (care team paged) within 72 h", runs,
                f -> (f.falls().size() - f.missed()) + "/" + f.falls().size());
        hours("fall -> care team page", runs, DetectionFigures::toTeam);
        hours("fall -> well-check call", runs, DetectionFigures::toCall);
        hours("fall -> first page (call or team)", runs, DetectionFigures::toFirstPage);
        for (MeterKind kind : MeterKind.values()) {
            row("  median h, " + METERS.get(kind) + " (" + runs.get(0).falls().stream().filter(f -> f.meter() == kind)
                    .count() + " falls)", runs, f -> h(f.toFirstPage(kind).median()));
        }
        row("falls missed within 72 h", runs, f -> String.valueOf(f.missed()));
        out.println();
        row("false care-team pages per elder-month", runs, f -> rate(f, f.falseTeamTotal()));
        for (Rule rule : Rule.values()) {
            if (runs.stream().anyMatch(f -> f.falseTeam(rule) > 0)) {
                row("  by rule: " + rule, runs, f -> rate(f, f.falseTeam(rule)));
            }
        }
        for (FalseAlarmCause cause : FalseAlarmCause.values()) {
            row("  by cause: " + cause.label(), runs, f -> rate(f, f.falseTeam(cause)));
        }
        row("well-check calls to fine elders per elder-month", runs, f -> rate(f, f.wellChecksFine()));
        row("technical alerts per elder-month (nobody's phone)", runs, f -> rate(f, f.technical()));
        row("people-facing alerts caused by a silent meter", runs, f -> String.valueOf(f.silentPeople()));
        out.println();
        row("elder-months scored", runs, f -> String.format(Locale.ROOT, "%.1f", f.elderMonths()));
        row("meter messages fed (warm-up included)", runs, f -> String.valueOf(f.messages()));
        row("seconds", runs, f -> String.format(Locale.ROOT, "%.1f", f.seconds()));
        out.println();
        out.println("bench-detection: " + runs.stream().map(DetectionReport::summary).collect(Collectors.joining(" | ")));
        out.flush();
    }

    /** Each fall of a run: when, at which meter, and the first well-check call and care-team page after it. */
    public void printFalls(DetectionFigures run) {
        out.printf(Locale.ROOT, "falls, %s rules:%n", run.ruleSet().label());
        for (FallOutcome f : run.falls()) {
            out.printf(Locale.ROOT, "  elder %3d %-14s fell %s%s  call %s  team %s%n", f.elderId(), f.meter(),
                    f.fall().at().atZone(DevicePayloads.DEVICE_ZONE).toLocalDateTime(),
                    f.fall().tapLeftRunning() ? " (tap running)" : "", after(f.toCall(), f.callRule()),
                    after(f.toTeam(), f.teamRule()));
        }
        out.println();
    }

    private static String after(Optional<Duration> delay, Rule rule) {
        return delay.map(d -> String.format(Locale.ROOT, "+%.1f h (%s)", d.toMillis() / 3_600_000.0, rule))
                .orElse("none within 72 h");
    }

    /** One run's figures as {@code key=value} pairs. */
    static String summary(DetectionFigures f) {
        Hours team = f.toTeam();
        Hours call = f.toCall();
        Hours first = f.toFirstPage();
        return String.format(Locale.ROOT, "%s median_h=%s p90_h=%s max_h=%s call_median_h=%s first_median_h=%s"
                        + " first_p90_h=%s missed=%d false_team_per_em=%.2f wellcheck_per_em=%.2f technical_per_em=%.2f"
                        + " silent_people=%d",
                f.ruleSet().label(), h(team.median()), h(team.p90()), h(team.max()), h(call.median()), h(first.median()),
                h(first.p90()), f.missed(), f.perElderMonth(f.falseTeamTotal()), f.perElderMonth(f.wellChecksFine()),
                f.perElderMonth(f.technical()), f.silentPeople());
    }

    private void hours(String what, List<DetectionFigures> runs, Function<DetectionFigures, Hours> hours) {
        row(what + ": median h", runs, f -> h(hours.apply(f).median()));
        row("  p90 h", runs, f -> h(hours.apply(f).p90()));
        row("  max h", runs, f -> h(hours.apply(f).max()));
    }

    private void row(String label, List<DetectionFigures> runs, Function<DetectionFigures, String> cell) {
        StringBuilder line = new StringBuilder(String.format(ROW, label));
        for (DetectionFigures f : runs) {
            line.append(String.format(CELL, cell.apply(f)));
        }
        out.println(line.toString().stripTrailing());
    }

    private static String rate(DetectionFigures f, double count) {
        return String.format(Locale.ROOT, "%.2f", f.perElderMonth(count));
    }

    private static String h(double hours) {
        return Double.isNaN(hours) ? "-" : String.format(Locale.ROOT, "%.1f", hours);
    }
}
