package org.shouwang.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.shouwang.db.NotificationChannel.SMS;
import static org.shouwang.db.NotificationChannel.VOICE;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shouwang.model.Rule;
import org.shouwang.model.Severity;

class EscalationPlansTest {

    private final EscalationPlans defaults = EscalationPlans.defaults();

    @Test
    void criticalDefaultPagesCareTeamAtOnceThenEmergencyTeamAfterFiveMinutesEveryTenMinutes() {
        EscalationPlans.Chosen chosen = defaults.planFor("平江街道", Rule.BUTTON_PRESSED, Severity.CRITICAL);

        assertThat(chosen.name()).isEqualTo("CRITICAL");
        EscalationPlan plan = chosen.plan();
        assertThat(plan.steps()).hasSize(2);
        assertThat(plan.steps().get(0).delay()).isZero();
        assertThat(plan.steps().get(0).to()).containsExactly(Audience.NEIGHBOUR_VOLUNTEER, Audience.COMMUNITY_WORKER);
        assertThat(plan.steps().get(0).via()).containsExactly(SMS, VOICE);
        assertThat(plan.steps().get(1).delay()).isEqualTo(Duration.ofMinutes(5));
        assertThat(plan.steps().get(1).to()).contains(Audience.STREET_EMERGENCY_TEAM);
        assertThat(plan.repeatEvery()).isEqualTo(Duration.ofMinutes(10));
        assertThat(plan.stopWhenCleared()).isFalse();
    }

    @Test
    void noWaterUseFirstCallsTheElderThenTheCareTeamAfterAFewMinutes() {
        EscalationPlan plan = defaults.planFor("沧浪街道", Rule.NO_WATER_USE, Severity.HIGH).plan();

        assertThat(plan.steps().get(0).to()).containsExactly(Audience.ELDER);
        assertThat(plan.steps().get(0).via()).containsExactly(VOICE);
        assertThat(plan.steps().get(0).elderOnly()).isTrue();
        assertThat(plan.steps().get(1).delay()).isEqualTo(Duration.ofMinutes(5));
        assertThat(plan.steps().get(1).to()).containsExactly(Audience.NEIGHBOUR_VOLUNTEER, Audience.COMMUNITY_WORKER);
        assertThat(plan.stopWhenCleared()).isTrue();
    }

    @Test
    void technicalDefaultPagesNobodyAndStaysQuietAtNight() {
        EscalationPlan plan = defaults.planFor("平江街道", Rule.DEVICE_SILENT, Severity.TECHNICAL).plan();

        assertThat(plan.silent()).isTrue();
        assertThat(plan.quietAtNight()).isTrue();
        assertThat(defaults.quietHours().from()).isEqualTo(LocalTime.of(22, 0));
        assertThat(defaults.quietHours().to()).isEqualTo(LocalTime.of(7, 0));
    }

    @Test
    void documentedExampleFileIsExactlyTheBuiltInDefaults() throws IOException {
        assertThat(EscalationPlans.parse(resource("/escalation-defaults.yaml"))).isEqualTo(defaults);
    }

    @Test
    void streetOverrideWinsForItsStreetAndTheRestKeepsTheDefaults() {
        EscalationPlans plans = EscalationPlans.parse("""
                streets:
                  平江街道:
                    severities:
                      CRITICAL:
                        repeatEvery: PT5M
                        steps:
                          - {delay: PT0S, to: [NEIGHBOUR_VOLUNTEER, STREET_EMERGENCY_TEAM], via: [VOICE]}
                quietHours: {from: "21:30", to: "06:30", zone: Asia/Shanghai}
                """);

        EscalationPlans.Chosen local = plans.planFor("平江街道", Rule.BUTTON_PRESSED, Severity.CRITICAL);
        assertThat(local.name()).isEqualTo("平江街道 CRITICAL");
        assertThat(local.plan().repeatEvery()).isEqualTo(Duration.ofMinutes(5));
        assertThat(local.plan().steps()).singleElement().satisfies(s -> assertThat(s.via()).containsExactly(VOICE));
        assertThat(plans.planFor("沧浪街道", Rule.BUTTON_PRESSED, Severity.CRITICAL).plan())
                .isEqualTo(defaults.severities().get(Severity.CRITICAL));
        assertThat(plans.planFor("平江街道", Rule.NO_WATER_USE, Severity.HIGH).name()).isEqualTo("NO_WATER_USE");
        assertThat(plans.quietHours().from()).isEqualTo(LocalTime.of(21, 30));
    }

    @Test
    void streetRulePlanBeatsStreetSeverityPlan() {
        EscalationPlans plans = EscalationPlans.parse("""
                streets:
                  金阊街道:
                    rules:
                      NO_WATER_USE: {steps: [{delay: PT0S, to: [COMMUNITY_WORKER], via: [SMS]}]}
                    severities:
                      HIGH: {steps: [{delay: PT0S, to: [HOME_CARE_ORG], via: [SMS]}]}
                """);

        assertThat(plans.planFor("金阊街道", Rule.NO_WATER_USE, Severity.HIGH).name()).isEqualTo("金阊街道 NO_WATER_USE");
        assertThat(plans.planFor("金阊街道", Rule.CONTINUOUS_FLOW, Severity.HIGH).name()).isEqualTo("金阊街道 HIGH");
    }

    @Test
    void typoInAKeyIsAnErrorThatNamesWhere() {
        assertThatThrownBy(() -> EscalationPlans.parse("""
                severities:
                  CRITICAL:
                    repeatEvry: PT10M
                    steps: [{delay: PT0S, to: [COMMUNITY_WORKER], via: [SMS]}]
                """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("severities.CRITICAL")
                .hasMessageContaining("repeatEvry");
    }

    @Test
    void stepWithoutAnyoneToPageIsRefusedWithItsPath() {
        assertThatThrownBy(() -> EscalationPlans.parse("""
                severities:
                  HIGH: {steps: [{delay: PT0S, to: [], via: [SMS]}]}
                """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("severities.HIGH")
                .hasMessageContaining("'to'");
    }

    @Test
    void unknownRoleAndTooFastRepeatAreRefused() {
        assertThatThrownBy(() -> EscalationPlans.parse("""
                severities:
                  HIGH: {steps: [{delay: PT0S, to: [MAYOR], via: [SMS]}]}
                """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MAYOR");
        assertThatThrownBy(() -> new EscalationPlan(List.of(EscalationStep.of(Duration.ZERO,
                List.of(Audience.ELDER), VOICE)), Duration.ofSeconds(30), false, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeatEvery");
    }

    @Test
    void contactOverdueCaseTextsOnlyTheCommunityWorkerOnceAndNotAtNight() {
        EscalationPlans.Chosen chosen = defaults.planFor("平江街道", Rule.CONTACT_OVERDUE, Severity.MEDIUM);

        assertThat(chosen.name()).isEqualTo("CONTACT_OVERDUE");
        assertThat(chosen.plan().steps()).singleElement().satisfies(step -> {
            assertThat(step.to()).containsExactly(Audience.COMMUNITY_WORKER);
            assertThat(step.via()).containsExactly(SMS);
        });
        assertThat(chosen.plan().repeatEvery()).isNull();
        assertThat(chosen.plan().quietAtNight()).isTrue();
    }

    @Test
    void streetsMediumPlanForWaterUseDoesNotApplyToTheCareCase() {
        EscalationPlans plans = EscalationPlans.parse("""
                streets:
                  平江街道:
                    severities:
                      MEDIUM:
                        steps:
                          - {delay: PT0S, to: [STREET_EMERGENCY_TEAM], via: [SMS, VOICE]}
                """);

        assertThat(plans.planFor("平江街道", Rule.HIGH_USE, Severity.MEDIUM).name()).isEqualTo("平江街道 MEDIUM");
        assertThat(plans.planFor("平江街道", Rule.CONTACT_OVERDUE, Severity.MEDIUM).name()).isEqualTo("CONTACT_OVERDUE");
    }

    @Test
    void careCasePlanThatCallsOrPagesTheEmergencyTeamIsRefused() {
        assertThatThrownBy(() -> EscalationPlans.parse("""
                rules:
                  CONTACT_OVERDUE: {steps: [{delay: PT0S, to: [COMMUNITY_WORKER], via: [VOICE]}]}
                """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CONTACT_OVERDUE");
        assertThatThrownBy(() -> EscalationPlans.parse("""
                streets:
                  沧浪街道:
                    rules:
                      CONTACT_OVERDUE: {steps: [{delay: PT0S, to: [STREET_EMERGENCY_TEAM], via: [SMS]}]}
                """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CONTACT_OVERDUE");
    }

    @Test
    void quietAfterClearHoldsBackNoWaterUseAndTheRoutineForTwoHoursByDefault() {
        assertThat(defaults.quietAfterClear().period()).isEqualTo(Duration.ofHours(2));
        assertThat(defaults.quietAfterClear().rules()).containsExactlyInAnyOrder(Rule.NO_WATER_USE, Rule.ROUTINE_BREAK);
    }

    @Test
    void quietAfterClearIsReadFromTheFileAndAMissingHalfKeepsItsDefault() {
        EscalationPlans plans = EscalationPlans.parse("""
                quietAfterClear: {period: PT90M, rules: [NO_WATER_USE, CONTINUOUS_FLOW]}
                """);
        assertThat(plans.quietAfterClear().period()).isEqualTo(Duration.ofMinutes(90));
        assertThat(plans.quietAfterClear().rules()).containsExactlyInAnyOrder(Rule.NO_WATER_USE, Rule.CONTINUOUS_FLOW);

        assertThat(EscalationPlans.parse("quietAfterClear: {period: PT1H}").quietAfterClear().rules())
                .isEqualTo(QuietAfterClear.DEFAULT.rules());
        assertThat(EscalationPlans.parse("quietAfterClear: {rules: []}").quietAfterClear().rules()).isEmpty();
    }

    @Test
    void quietAfterClearWithAnUnknownRuleOrTooLongAPeriodIsRefusedWithItsPath() {
        assertThatThrownBy(() -> EscalationPlans.parse("quietAfterClear: {rules: [NO_WATER]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quietAfterClear.rules")
                .hasMessageContaining("NO_WATER");
        assertThatThrownBy(() -> EscalationPlans.parse("quietAfterClear: {period: PT13H}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quietAfterClear.period");
        assertThatThrownBy(() -> EscalationPlans.parse("quietAfterClear: {period: -PT1H}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quietAfterClear.period");
    }

    @Test
    void elderIsCalledAtNightOnlyForNoWaterUseByDefaultAndForAnyRuleInTheDay() {
        Instant twoAtNight = Instant.parse("2026-07-20T18:00:00Z");
        Instant tenInTheMorning = Instant.parse("2026-07-21T02:00:00Z");

        assertThat(defaults.elderNightCall()).containsExactly(Rule.NO_WATER_USE);
        assertThat(defaults.callsElder(Rule.NO_WATER_USE, twoAtNight)).isTrue();
        assertThat(defaults.callsElder(Rule.ROUTINE_BREAK, twoAtNight)).isFalse();
        assertThat(defaults.callsElder(Rule.ROUTINE_BREAK, tenInTheMorning)).isTrue();
    }

    @Test
    void elderNightCallIsReadFromTheFileAndAnUnknownRuleIsRefused() {
        assertThat(EscalationPlans.parse("elderNightCall: [NO_WATER_USE, ROUTINE_BREAK]").elderNightCall())
                .containsExactlyInAnyOrder(Rule.NO_WATER_USE, Rule.ROUTINE_BREAK);
        assertThat(EscalationPlans.parse("elderNightCall: []").elderNightCall()).isEmpty();
        assertThatThrownBy(() -> EscalationPlans.parse("elderNightCall: [NO_WATER]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("elderNightCall")
                .hasMessageContaining("NO_WATER");
    }

    @Test
    void plansFileWithAnUnknownRuleIsRefusedWhenTheOptionsLoadIt(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("plans.yaml"), "quietAfterClear: {rules: [NO_WATER_USE, ROUTINE]}\n");
        EscalationOptions options = new EscalationOptions(file.toString(), EscalationOptions.DEFAULTS.tick(),
                EscalationOptions.DEFAULTS.pageDeadline(), EscalationOptions.DEFAULTS.outageJournal(),
                EscalationOptions.DEFAULTS.digestAt(), "");

        assertThatThrownBy(options::plans).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quietAfterClear.rules").hasMessageContaining("ROUTINE");
    }

    @Test
    void emptyFileMeansTheDefaults() {
        assertThat(EscalationPlans.parse("")).isEqualTo(defaults);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = EscalationPlansTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
