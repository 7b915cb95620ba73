package org.shouwang.notifier;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.shouwang.model.CareContact;
import org.shouwang.model.Elder;
import org.shouwang.model.PhoneNumbers;

/**
 * Who one round of an escalation step pages. Per role, the first contact in the registry's order
 * (priority) who has a phone; the next one of the role only when that page fails ({@link #nextInRole}).
 * A number is paged once per round even if it stands for two roles. Everyone passed over is reported, so
 * the timeline says who could not be paged and why: no omission goes unnoticed.
 */
final class StepPlanner {

    /** One person to page: a care contact, or the elder ({@code contact == null}). */
    record Target(Audience audience, CareContact contact, String phone) {

        Long contactId() {
            return contact == null ? null : contact.id();
        }

        /** How the timeline names them: role and name, never the number. */
        String who() {
            return contact == null ? Audience.ELDER.label() : Who.of(contact);
        }
    }

    /** The targets of a round and, for the timeline, who was passed over and why. */
    record Round(List<Target> targets, List<String> passedOver) {
    }

    private StepPlanner() {
    }

    static Round plan(EscalationStep step, Elder elder, List<CareContact> contacts) {
        List<Target> targets = new ArrayList<>();
        List<String> passedOver = new ArrayList<>();
        Set<String> numbers = new HashSet<>();
        for (Audience a : step.to()) {
            if (a == Audience.ELDER) {
                elderTarget(elder, numbers, passedOver).ifPresent(targets::add);
            } else {
                nextInRole(a, contacts, Set.of(), numbers, passedOver).ifPresent(t -> {
                    targets.add(t);
                    numbers.add(key(t.phone()));
                });
            }
        }
        return new Round(targets, passedOver);
    }

    /**
     * The first contact of the role, in registry order, who is not among {@code paged} and has a phone not
     * yet paged in this round; empty when the role has nobody left. Contacts passed over are added to
     * {@code passedOver} with the reason.
     */
    static Optional<Target> nextInRole(Audience audience, List<CareContact> contacts, Collection<Long> paged,
                                       Set<String> numbersPaged, List<String> passedOver) {
        boolean anyInRole = false;
        for (CareContact c : contacts) {
            if (c.role() != audience.role() || paged.contains(c.id())) {
                if (c.role() == audience.role()) {
                    anyInRole = true;
                }
                continue;
            }
            anyInRole = true;
            if (c.phone() == null || c.phone().isBlank()) {
                passedOver.add(Who.of(c) + "（未登记电话）");
            } else if (numbersPaged.contains(key(c.phone()))) {
                // The same person under a second role: the page already going to that number covers it.
                passedOver.add(Who.of(c) + "（与本轮已通知的联系人同一号码）");
                return Optional.empty();
            } else {
                return Optional.of(new Target(audience, c, c.phone()));
            }
        }
        if (!anyInRole) {
            passedOver.add(audience.label() + "（未登记）");
        }
        return Optional.empty();
    }

    private static Optional<Target> elderTarget(Elder elder, Set<String> numbers, List<String> passedOver) {
        if (elder.phone() == null || elder.phone().isBlank()) {
            passedOver.add(Audience.ELDER.label() + "（未登记电话）");
            return Optional.empty();
        }
        numbers.add(key(elder.phone()));
        return Optional.of(new Target(Audience.ELDER, null, elder.phone()));
    }

    /** One spelling per number, however staff wrote it. */
    static String key(String phone) {
        return PhoneNumbers.toE164(phone).replaceAll("[^0-9]", "");
    }
}
