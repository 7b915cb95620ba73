package org.shouwang.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.model.ChildrenLocation.OUTSIDE_DISTRICT;
import static org.shouwang.model.ChildrenLocation.OUTSIDE_STREET;
import static org.shouwang.model.ElderCategory.CARER_UNABLE;
import static org.shouwang.model.ElderCategory.EMPTY_NEST;
import static org.shouwang.model.ElderCategory.LIVING_ALONE;
import static org.shouwang.model.ElderCategory.NO_CHILDREN_OR_CARER;
import static org.shouwang.model.KeyElderPolicy.Basis.AGED_80_OR_OVER;
import static org.shouwang.model.KeyElderPolicy.Basis.LOW_INCOME_DISABLED_60_TO_79;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyElderPolicyTest {

    @ParameterizedTest(name = "{0} {1} lowIncomeDisabled={2} age {3} -> {4}")
    @CsvSource({
        // aged 80 or over, alone with no children nearby
        "NO_CHILDREN_OR_CARER, , false, 80, AGED_80_OR_OVER",
        "NO_CHILDREN_OR_CARER, , false, 79, ",
        "LIVING_ALONE, OUTSIDE_DISTRICT, false, 80, AGED_80_OR_OVER",
        "EMPTY_NEST, OUTSIDE_DISTRICT, false, 95, AGED_80_OR_OVER",
        "EMPTY_NEST, OUTSIDE_DISTRICT, false, 79, ",
        // children elsewhere in Gusu are nearby: not key, at any age
        "EMPTY_NEST, OUTSIDE_STREET, false, 85, ",
        "LIVING_ALONE, OUTSIDE_STREET, true, 70, ",
        // children not stated: not known to be far away
        "LIVING_ALONE, , false, 85, ",
        // living with a carer who cannot care is covered, but is not empty-nest or alone
        "CARER_UNABLE, OUTSIDE_DISTRICT, false, 85, ",
        "CARER_UNABLE, , true, 70, ",
        // 60-79 in a low-income household, disabled or semi-disabled
        "LIVING_ALONE, OUTSIDE_DISTRICT, true, 60, LOW_INCOME_DISABLED_60_TO_79",
        "LIVING_ALONE, OUTSIDE_DISTRICT, true, 59, ",
        "NO_CHILDREN_OR_CARER, , true, 79, LOW_INCOME_DISABLED_60_TO_79",
        "NO_CHILDREN_OR_CARER, , false, 60, ",
        "NO_CHILDREN_OR_CARER, , true, 80, AGED_80_OR_OVER",
    })
    void classifiesByThePolicysConditions(ElderCategory category, ChildrenLocation children,
                                          boolean lowIncomeDisabled, int age, KeyElderPolicy.Basis expected) {
        assertThat(KeyElderPolicy.classify(category, children, lowIncomeDisabled, age).orElse(null))
                .isEqualTo(expected);
        assertThat(KeyElderPolicy.isKeyElder(category, children, lowIncomeDisabled, age)).isEqualTo(expected != null);
    }

    @Test
    void becomesAKeyElderOnThe80thBirthdayNotTheDayBefore() {
        ElderFacts facts = facts(LIVING_ALONE, OUTSIDE_DISTRICT, false, LocalDate.of(1946, 10, 2));

        assertThat(KeyElderPolicy.classify(facts, LocalDate.of(2026, 10, 1))).isEmpty();
        assertThat(KeyElderPolicy.classify(facts, LocalDate.of(2026, 10, 2))).contains(AGED_80_OR_OVER);
    }

    @Test
    void theLowIncomeBranchOpensOnThe60thBirthday() {
        ElderFacts facts = facts(NO_CHILDREN_OR_CARER, null, true, LocalDate.of(1966, 10, 2));

        assertThat(KeyElderPolicy.classify(facts, LocalDate.of(2026, 10, 1))).isEmpty();
        assertThat(KeyElderPolicy.classify(facts, LocalDate.of(2026, 10, 2))).contains(LOW_INCOME_DISABLED_60_TO_79);
    }

    @Test
    void eachConditionFlipsTheOutcomeOnItsOwn() {
        LocalDate day = LocalDate.of(2026, 10, 1);
        LocalDate born70 = LocalDate.of(1956, 1, 1);
        ElderFacts key = facts(EMPTY_NEST, OUTSIDE_DISTRICT, true, born70);

        assertThat(KeyElderPolicy.classify(key, day)).contains(LOW_INCOME_DISABLED_60_TO_79);
        assertThat(KeyElderPolicy.classify(facts(EMPTY_NEST, OUTSIDE_DISTRICT, false, born70), day)).isEmpty();
        assertThat(KeyElderPolicy.classify(facts(EMPTY_NEST, OUTSIDE_STREET, true, born70), day)).isEmpty();
        assertThat(KeyElderPolicy.classify(facts(CARER_UNABLE, OUTSIDE_DISTRICT, true, born70), day)).isEmpty();
        assertThat(KeyElderPolicy.classify(facts(EMPTY_NEST, OUTSIDE_DISTRICT, true, LocalDate.of(1967, 1, 1)), day))
                .isEmpty();
    }

    @Test
    void anElderWithoutAKnownBirthDateOrCategoryIsNotClassified() {
        LocalDate day = LocalDate.of(2026, 10, 1);

        assertThat(KeyElderPolicy.classify(facts(LIVING_ALONE, OUTSIDE_DISTRICT, true, null), day)).isEmpty();
        assertThat(KeyElderPolicy.classify(facts(null, OUTSIDE_DISTRICT, true, LocalDate.of(1930, 1, 1)), day)).isEmpty();
    }

    @Test
    void profileCarriesAgeAndKeyElderStatusAsOfItsDate() {
        Elder elder = new Elder(1, "王秀英", "320508194603150042", "平江街道", "大儒巷社区", "大儒巷1号", null, true);
        ElderFacts facts = facts(LIVING_ALONE, OUTSIDE_DISTRICT, false, LocalDate.of(1946, 3, 15));

        ElderProfile before = ElderProfile.of(elder, facts, java.util.List.of(), java.util.List.of(),
                LocalDate.of(2026, 3, 14));
        ElderProfile on = ElderProfile.of(elder, facts, java.util.List.of(), java.util.List.of(),
                LocalDate.of(2026, 3, 15));

        assertThat(before.age()).isEqualTo(79);
        assertThat(before.isKeyElder()).isFalse();
        assertThat(on.age()).isEqualTo(80);
        assertThat(on.keyElderBasis()).isEqualTo(AGED_80_OR_OVER);
    }

    @Test
    void categoryAndChildrenLocationAreReadFromTheRostersExactLabels() {
        assertThat(ElderCategory.fromLabel(" 子女或赡养人无照顾能力 ")).contains(CARER_UNABLE);
        assertThat(ElderCategory.fromLabel("独居")).contains(LIVING_ALONE);
        assertThat(ElderCategory.fromLabel("孤寡")).isEmpty();
        assertThat(ChildrenLocation.fromLabel("区外")).contains(OUTSIDE_DISTRICT);
        assertThat(ChildrenLocation.fromLabel("市外")).isEmpty();
    }

    private static ElderFacts facts(ElderCategory category, ChildrenLocation children, boolean lowIncomeDisabled,
                                    LocalDate birth) {
        return new ElderFacts(category, children, lowIncomeDisabled, birth, Sex.FEMALE, null);
    }
}
