package org.shouwang.notifier;

import static org.shouwang.db.NotificationChannel.SMS;
import static org.shouwang.db.NotificationChannel.VOICE;
import static org.shouwang.notifier.Audience.COMMUNITY_WORKER;
import static org.shouwang.notifier.Audience.ELDER;
import static org.shouwang.notifier.Audience.FAMILY_CONTACT;
import static org.shouwang.notifier.Audience.NEIGHBOUR_VOLUNTEER;
import static org.shouwang.notifier.Audience.STREET_EMERGENCY_TEAM;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shouwang.model.Rule;
import org.shouwang.model.Severity;

/**
 * Which escalation plan an incident follows: one per severity, optionally one per rule (NO_WATER_USE
 * first calls the elder), and per-street overrides of either; and what every plan runs under (the night, the
 * quiet period after a clear, the rules the elder is called for at night). Built-in defaults ({@link #defaults()}); a YAML file ({@link #load(Path)})
 * replaces whole plans and keeps the defaults for the rest.
 *
 * @param streets         overrides by street name as the registry writes it ("平江街道")
 * @param quietAfterClear how long a cleared condition that comes back waits before it pages again
 * @param elderNightCall  the rules confident enough to call the elder in the quiet hours; for any other rule a step
 *                        that pages only the elder is skipped then, and the plan goes on with its next step at once
 */
public record EscalationPlans(Map<Severity, EscalationPlan> severities, Map<Rule, EscalationPlan> rules,
                              Map<String, StreetPlans> streets, QuietHours quietHours, QuietAfterClear quietAfterClear,
                              Set<Rule> elderNightCall, ChannelCaps caps) {

    /** A day without water is worth waking the elder for; a learned guess made in hours is not. */
    public static final Set<Rule> DEFAULT_ELDER_NIGHT_CALL = Set.of(Rule.NO_WATER_USE);

    /** As the canonical constructor, capping no provider ({@link ChannelCaps#NONE}). */
    public EscalationPlans(Map<Severity, EscalationPlan> severities, Map<Rule, EscalationPlan> rules,
                           Map<String, StreetPlans> streets, QuietHours quietHours, QuietAfterClear quietAfterClear,
                           Set<Rule> elderNightCall) {
        this(severities, rules, streets, quietHours, quietAfterClear, elderNightCall, ChannelCaps.NONE);
    }

    /** These plans, knowing the per-number caps of the provider that carries the pages. */
    public EscalationPlans withCaps(ChannelCaps newCaps) {
        return new EscalationPlans(severities, rules, streets, quietHours, quietAfterClear, elderNightCall, newCaps);
    }

    /** A street's own plans, by severity and by rule; either may be empty. */
    public record StreetPlans(Map<Severity, EscalationPlan> severities, Map<Rule, EscalationPlan> rules) {
        public StreetPlans {
            severities = severities == null ? Map.of() : Map.copyOf(severities);
            rules = rules == null ? Map.of() : Map.copyOf(rules);
        }
    }

    /** The plan chosen for an incident, and how people read which one it was. */
    public record Chosen(String name, EscalationPlan plan) {
    }

    public EscalationPlans {
        severities = Map.copyOf(severities);
        for (Severity s : Severity.values()) {
            if (!severities.containsKey(s)) {
                throw new IllegalArgumentException("escalation plans need a plan for severity " + s);
            }
        }
        rules = rules == null ? Map.of() : Map.copyOf(rules);
        streets = streets == null ? Map.of() : Map.copyOf(streets);
        quietHours = quietHours == null ? QuietHours.DEFAULT : quietHours;
        quietAfterClear = quietAfterClear == null ? QuietAfterClear.DEFAULT : quietAfterClear;
        elderNightCall = elderNightCall == null ? DEFAULT_ELDER_NIGHT_CALL : Set.copyOf(elderNightCall);
        caps = caps == null ? ChannelCaps.NONE : caps;
        careCasePlan("rules", rules.get(Rule.CONTACT_OVERDUE));
        streets.forEach((name, local) -> careCasePlan("streets." + name + ".rules",
                local.rules().get(Rule.CONTACT_OVERDUE)));
    }

    /**
     * A care case (CONTACT_OVERDUE) is the community worker's to follow up in working hours: its plan may not
     * call anyone, nor page the street emergency team (policy: never a page to the emergency team).
     */
    private static void careCasePlan(String where, EscalationPlan plan) {
        if (plan == null) {
            return;
        }
        for (EscalationStep step : plan.steps()) {
            if (step.via().contains(VOICE) || step.to().contains(STREET_EMERGENCY_TEAM)) {
                throw new IllegalArgumentException("escalation " + where + ".CONTACT_OVERDUE may not call anyone"
                        + " nor page the street emergency team");
            }
        }
    }

    /**
     * The built-in plans. CRITICAL (button): at once SMS and a call to the neighbour/volunteer and the
     * community worker; 5 minutes unacknowledged, the street emergency team and the family contact;
     * then every 10 minutes again. NO_WATER_USE: first a call to the elder (press 1 if well); 5 minutes
     * unconfirmed, the care team as HIGH. HIGH: care team at once, emergency team after 15 minutes, every
     * 30 minutes again. MEDIUM: an SMS to the community worker, not at night. TECHNICAL: nobody's phone;
     * the maintenance list and its daily digest. CONTACT_OVERDUE (a care case): one SMS to the community worker,
     * not at night, no repeats, never a call and never the emergency team.
     */
    public static EscalationPlans defaults() {
        EscalationStep careTeam = EscalationStep.of(Duration.ZERO, List.of(NEIGHBOUR_VOLUNTEER, COMMUNITY_WORKER), SMS,
                VOICE);
        EscalationStep team = EscalationStep.of(Duration.ofMinutes(5), List.of(STREET_EMERGENCY_TEAM, FAMILY_CONTACT),
                SMS, VOICE);
        Map<Severity, EscalationPlan> bySeverity = new EnumMap<>(Severity.class);
        bySeverity.put(Severity.CRITICAL, new EscalationPlan(List.of(careTeam, team), Duration.ofMinutes(10), false,
                false));
        bySeverity.put(Severity.HIGH, new EscalationPlan(List.of(careTeam, EscalationStep.of(Duration.ofMinutes(15),
                team.to(), SMS, VOICE)), Duration.ofMinutes(30), false, true));
        bySeverity.put(Severity.MEDIUM, new EscalationPlan(List.of(EscalationStep.of(Duration.ZERO,
                List.of(COMMUNITY_WORKER), SMS)), null, true, true));
        bySeverity.put(Severity.TECHNICAL, new EscalationPlan(List.of(), null, true, true));
        EscalationPlan wellCheck = new EscalationPlan(List.of(
                EscalationStep.of(Duration.ZERO, List.of(ELDER), VOICE),
                EscalationStep.of(Duration.ofMinutes(5), careTeam.to(), SMS, VOICE),
                EscalationStep.of(Duration.ofMinutes(15), team.to(), SMS, VOICE)), Duration.ofMinutes(30), false, true);
        EscalationPlan careCase = new EscalationPlan(List.of(EscalationStep.of(Duration.ZERO,
                List.of(COMMUNITY_WORKER), SMS)), null, true, false);
        // The learned routine (issue 12) is a guess made in hours: the elder first, as for NO_WATER_USE, and at night
        // nobody is woken for it (the plan waits for the morning; the 24 h backstop still pages at night).
        EscalationPlan routineCheck = new EscalationPlan(wellCheck.steps(), wellCheck.repeatEvery(), true, true);
        return new EscalationPlans(bySeverity, Map.of(Rule.NO_WATER_USE, wellCheck, Rule.ROUTINE_BREAK, routineCheck,
                Rule.CONTACT_OVERDUE, careCase), Map.of(), QuietHours.DEFAULT, QuietAfterClear.DEFAULT,
                DEFAULT_ELDER_NIGHT_CALL);
    }

    /** The defaults with the plans of a YAML file over them (format in the README, section Escalation). */
    public static EscalationPlans load(Path file) {
        return EscalationPlansYaml.load(file, defaults());
    }

    /** As {@link #load(Path)}, from YAML text. */
    public static EscalationPlans parse(String yaml) {
        return EscalationPlansYaml.parse(yaml, defaults());
    }

    /** False when a step that pages only the elder must not call them at {@code at} for {@code rule}: at night. */
    public boolean callsElder(Rule rule, Instant at) {
        return elderNightCall.contains(rule) || !quietHours.contains(at);
    }

    /**
     * The plan for an incident: the street's plan for the rule, its plan for the severity, then the same
     * district-wide. A care case ({@link Rule#fromDevice()} false) skips the street's severity plans: a street's
     * MEDIUM plan written for water use must not make a care case call people or page the emergency team.
     */
    public Chosen planFor(String street, Rule rule, Severity severity) {
        StreetPlans local = street == null ? null : streets.get(street.strip());
        if (local != null && local.rules().containsKey(rule)) {
            return new Chosen(street.strip() + " " + rule, local.rules().get(rule));
        }
        if (local != null && rule.fromDevice() && local.severities().containsKey(severity)) {
            return new Chosen(street.strip() + " " + severity, local.severities().get(severity));
        }
        if (rules.containsKey(rule)) {
            return new Chosen(rule.name(), rules.get(rule));
        }
        return new Chosen(severity.name(), severities.get(severity));
    }
}
