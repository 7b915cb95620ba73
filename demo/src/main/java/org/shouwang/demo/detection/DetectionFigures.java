package org.shouwang.demo.detection;

import java.util.List;
import java.util.Map;
import org.shouwang.model.Rule;
import org.shouwang.sim.routine.MeterKind;

/**
 * The figures of one benchmark run. Rates are per elder-month: thirty scored days of an elder who had not fallen
 * (a fallen elder's later alerts are neither false nor counted).
 *
 * @param falls              every fall and what became of it
 * @param elderMonths        the scored exposure
 * @param falseTeamPages     incidents about a fine elder that paged the care team, by rule and cause
 * @param wellChecksFine     well-check calls placed to elders who were fine
 * @param technical          technical alerts (DEVICE_SILENT, LOW_BATTERY, METER_ALARM) raised: nobody's phone
 * @param silentPeople       incidents that called or paged anyone about a fine elder and were caused by a silent meter
 * @param peopleFacing       incidents that called or paged anyone about a fine elder, by elder id
 * @param messages           meter messages fed to the rules (warm-up included)
 * @param seconds            how long the run took
 */
public record DetectionFigures(RuleSet ruleSet, List<FallOutcome> falls, double elderMonths,
                               Map<Rule, Map<FalseAlarmCause, Integer>> falseTeamPages, int wellChecksFine,
                               int technical, int silentPeople, Map<Long, Integer> peopleFacing, long messages,
                               double seconds) {

    public Hours toTeam() {
        return Hours.of(falls.stream().flatMap(f -> f.toTeam().stream()).toList());
    }

    public Hours toCall() {
        return Hours.of(falls.stream().flatMap(f -> f.toCall().stream()).toList());
    }

    public Hours toFirstPage() {
        return Hours.of(falls.stream().flatMap(f -> f.toFirstPage().stream()).toList());
    }

    /** As {@link #toFirstPage()}, for the falls in homes whose meter is of {@code kind}. */
    public Hours toFirstPage(MeterKind kind) {
        return Hours.of(falls.stream().filter(f -> f.meter() == kind).flatMap(f -> f.toFirstPage().stream()).toList());
    }

    /** Falls whose care team was not paged within 72 h. */
    public long missed() {
        return falls.stream().filter(f -> !f.found()).count();
    }

    public int falseTeamTotal() {
        return falseTeamPages.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
    }

    public int falseTeam(Rule rule) {
        return falseTeamPages.getOrDefault(rule, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
    }

    public int falseTeam(FalseAlarmCause cause) {
        return falseTeamPages.values().stream().mapToInt(m -> m.getOrDefault(cause, 0)).sum();
    }

    public double perElderMonth(double count) {
        return elderMonths > 0 ? count / elderMonths : 0;
    }
}
