package org.shouwang.model;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Decides who is a key elder (重点空巢独居老人), who gets four-party care and the strictest watch.
 *
 * <p>The policy (姑苏民卫〔2022〕159号, part 一) defines key elders as those "没有子女或与子女不在同一设区市主城区
 * 或同一县(市)居住", mainly two kinds: "80周岁以上的空巢独居老人" and "60-79周岁之间低保家庭中失能半失能的空巢独居老人".
 * Read against the roster's columns:
 * <ul>
 * <li><b>empty-nest or alone</b>: 类别 is 无子女或赡养人, 空巢 or 独居 — not 子女或赡养人无照顾能力, whose elder
 * lives with a carer (covered by the plan, but not a key elder);</li>
 * <li><b>no children nearby</b>: 类别 is 无子女或赡养人, or the children column says 区外. The roster cannot
 * tell "outside the district" from "outside Suzhou's main urban area", so 区外 counts as not nearby:
 * the policy asks for no blind spot and no omission, and the cost of over-including is a few more
 * visits. 街道外 (children elsewhere in Gusu, i.e. in the main urban area) is not "no children
 * nearby";</li>
 * <li>the condition "no children nearby" applies to <b>both</b> kinds, as the sentence that introduces
 * them says;</li>
 * <li><b>aged</b>: 周岁, full years on the given date, the birthday itself counting; "80周岁以上" is 80 or
 * more, "60-79周岁之间" is 60 to 79 inclusive;</li>
 * <li><b>low-income and disabled or semi-disabled</b>: the roster's 是否为低保家庭中失能半失能的空巢独居老人 = 是.</li>
 * </ul>
 */
public final class KeyElderPolicy {

    /** Why an elder is a key elder. */
    public enum Basis {
        AGED_80_OR_OVER("80周岁以上"),
        LOW_INCOME_DISABLED_60_TO_79("60-79周岁低保家庭失能半失能");

        private final String label;

        Basis(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private KeyElderPolicy() {
    }

    /** The basis on which an elder of this age and these roster facts is a key elder, if they are one. */
    public static Optional<Basis> classify(ElderCategory category, ChildrenLocation children,
                                           boolean lowIncomeDisabled, int age) {
        if (category == null || !category.emptyNestOrAlone() || !noChildrenNearby(category, children)) {
            return Optional.empty();
        }
        if (age >= 80) {
            return Optional.of(Basis.AGED_80_OR_OVER);
        }
        if (age >= 60 && lowIncomeDisabled) {
            return Optional.of(Basis.LOW_INCOME_DISABLED_60_TO_79);
        }
        return Optional.empty();
    }

    public static boolean isKeyElder(ElderCategory category, ChildrenLocation children, boolean lowIncomeDisabled,
                                     int age) {
        return classify(category, children, lowIncomeDisabled, age).isPresent();
    }

    /** The basis for the registered facts on {@code date}; empty when the birth date is unknown. */
    public static Optional<Basis> classify(ElderFacts facts, LocalDate date) {
        if (facts == null || facts.birthDate() == null || date.isBefore(facts.birthDate())) {
            return Optional.empty();
        }
        return classify(facts.category(), facts.childrenLocation(), facts.lowIncomeDisabled(),
                ResidentId.ageAt(facts.birthDate(), date));
    }

    static boolean noChildrenNearby(ElderCategory category, ChildrenLocation children) {
        return category == ElderCategory.NO_CHILDREN_OR_CARER || children == ChildrenLocation.OUTSIDE_DISTRICT;
    }
}
