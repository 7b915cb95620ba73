package org.shouwang.notifier;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.shouwang.db.Notification;
import org.shouwang.db.NotificationChannel;
import org.shouwang.db.NotificationDraft;
import org.shouwang.db.NotificationStore;
import org.shouwang.db.RegistryStore;
import org.shouwang.model.CareContact;
import org.shouwang.model.Elder;
import org.shouwang.model.ElderProfile;
import org.shouwang.model.Incident;
import org.shouwang.model.PhoneNumbers;
import org.shouwang.model.ResidentId;

/**
 * Writes one round of an escalation step to the outbox: a page per person and channel, with the text
 * for that person (the elder gets the well-check, the care team the page), under a key that makes the
 * round's pages exist once however often it is written; and the fallback to the next person of a role.
 */
final class RoundPages {

    private final NotificationStore outbox;
    private final RegistryStore registry;
    private final Timeline timeline;
    private final Clock clock;
    private final ChannelCaps caps;

    RoundPages(NotificationStore outbox, RegistryStore registry, Timeline timeline, Clock clock) {
        this(outbox, registry, timeline, clock, ChannelCaps.NONE);
    }

    RoundPages(NotificationStore outbox, RegistryStore registry, Timeline timeline, Clock clock, ChannelCaps caps) {
        this.outbox = outbox;
        this.registry = registry;
        this.timeline = timeline;
        this.clock = clock;
        this.caps = caps;
    }

    /**
     * Plans the round and writes its pages; returns the plan (the pages exist once either way). A person the
     * provider's caps would refuse on every channel of the step ({@link ChannelCaps}: "频次受限") is passed over for
     * the next person of the role, who is paged in their place.
     */
    StepPlanner.Round write(Incident incident, Elder elder, EscalationStep step, int stepIndex, int round) {
        List<CareContact> contacts = registry.contacts(elder.id());
        StepPlanner.Round planned = StepPlanner.plan(step, elder, contacts);
        if (caps.caps().isEmpty()) {
            planned.targets().forEach(t -> enqueue(incident, elder, step, stepIndex, round, t));
            return planned;
        }
        List<StepPlanner.Target> paged = new ArrayList<>();
        List<String> passedOver = new ArrayList<>(planned.passedOver());
        Set<Long> tried = new HashSet<>();
        Set<String> numbers = new HashSet<>();
        planned.targets().forEach(t -> numbers.add(StepPlanner.key(t.phone())));
        for (StepPlanner.Target t : planned.targets()) {
            StepPlanner.Target current = t;
            while (current != null) {
                if (current.contactId() != null) {
                    tried.add(current.contactId());
                }
                if (!enqueue(incident, elder, step, stepIndex, round, current).isEmpty()) {
                    paged.add(current);
                    break;
                }
                passedOver.add(current.who() + "（频次受限）");
                current = current.contact() == null ? null : StepPlanner.nextInRole(current.audience(), contacts, tried,
                        numbers, passedOver).orElse(null);
                if (current != null) {
                    numbers.add(StepPlanner.key(current.phone()));
                }
            }
        }
        return new StepPlanner.Round(paged, passedOver);
    }

    /** The timeline's account of a round: whom it pages by which channels, and who was passed over. */
    void announce(long incidentId, EscalationStep step, int stepIndex, int round, StepPlanner.Round planned) {
        String channels = step.via().stream().map(Timeline::channel).collect(Collectors.joining("、"));
        String whom = planned.targets().isEmpty() ? "无可通知的人员"
                : planned.targets().stream().map(StepPlanner.Target::who).collect(Collectors.joining("、"));
        timeline.note(incidentId, Timeline.ESCALATION_STEP, "第" + (stepIndex + 1) + "步" + (round > 0 ? "（第" + round
                + "次重复）" : "") + "：" + channels + "通知 " + whom);
        if (round == 0) {
            // Once per step: the same gap would otherwise fill the timeline at every repeat.
            planned.passedOver().forEach(p -> timeline.note(incidentId, Timeline.PAGE_SKIPPED, "未能通知：" + p));
        }
    }

    /**
     * After {@code failed} can no longer reach its person: if every page of that person in the round has
     * failed, pages the next person of the same role at once. True when someone new was paged.
     */
    boolean fallBack(Incident incident, Elder elder, EscalationStep step, Notification failed) {
        Audience audience = Audience.of(failed);
        if (audience == null || audience == Audience.ELDER) {
            return false;
        }
        List<Notification> round = outbox.forRound(incident.id(), failed.step(), failed.round());
        boolean personUnreached = round.stream()
                .filter(n -> failed.contactId() != null && failed.contactId().equals(n.contactId()))
                .allMatch(DeliveryStatus::pageFailed);
        if (!personUnreached) {
            return false;
        }
        Set<Long> paged = round.stream().map(Notification::contactId).filter(id -> id != null)
                .collect(Collectors.toSet());
        Set<String> numbers = new HashSet<>();
        round.forEach(n -> numbers.add(StepPlanner.key(n.recipient())));
        List<String> passedOver = new ArrayList<>();
        List<CareContact> team = registry.contacts(elder.id());
        Optional<StepPlanner.Target> next = StepPlanner.nextInRole(audience, team, paged, numbers, passedOver);
        passedOver.forEach(p -> timeline.note(incident.id(), Timeline.PAGE_SKIPPED, "未能通知：" + p));
        if (next.isEmpty()) {
            return false;
        }
        List<Notification> inserted = enqueue(incident, elder, step, failed.step(), failed.round(), next.get());
        boolean added = inserted.stream().anyMatch(n -> n != null);
        // The SMS and the call to one person fail in parallel and may both fall back here at once; each insert
        // is unique, so the call that inserted the first channel's page is the one that writes the timeline.
        if (!inserted.isEmpty() && inserted.get(0) != null) {
            timeline.note(incident.id(), Timeline.PAGE_FALLBACK, Who.of(failed, Who.byId(team)) + " 无法接通，改为通知 "
                    + next.get().who());
        }
        return added;
    }

    /**
     * Writes the target's pages (one per channel the caps allow); returns the pages this call inserted (null where
     * they existed), empty when the caps allowed none. A call the caps refuse becomes an SMS when the step sends none.
     */
    private List<Notification> enqueue(Incident incident, Elder elder, EscalationStep step, int stepIndex, int round,
                                       StepPlanner.Target t) {
        List<Notification> inserted = new ArrayList<>();
        // Age and key-elder status as of today tell a responder how urgent a visit is.
        ElderProfile profile = registry.profile(elder.id(), LocalDate.now(clock.withZone(ResidentId.ZONE)))
                .orElse(null);
        for (NotificationChannel channel : channelsWithinCaps(incident, step, stepIndex, round, t)) {
            var e = outbox.enqueue(new NotificationDraft(key(incident.id(), stepIndex, round, t, channel),
                    incident.id(), t.contactId(), channel, t.phone(), text(incident, elder, profile, t, channel),
                    stepIndex, round, t.audience().name(),
                    PageTemplates.toJson(template(incident, elder, profile, t, channel))));
            inserted.add(e.inserted() ? e.notification() : null);
        }
        return inserted;
    }

    /** The step's channels for this person that the provider would take now; a page already written always counts. */
    private List<NotificationChannel> channelsWithinCaps(Incident incident, EscalationStep step, int stepIndex,
                                                         int round, StepPlanner.Target t) {
        if (caps.caps().isEmpty()) {
            return step.via();
        }
        String e164 = PhoneNumbers.toE164(t.phone());
        List<NotificationChannel> allowed = new ArrayList<>();
        for (NotificationChannel channel : step.via()) {
            if (outbox.findByKey(key(incident.id(), stepIndex, round, t, channel)).isPresent()) {
                allowed.add(channel);
                continue;
            }
            Optional<ChannelCaps.Cap> broken = caps.broken(outbox, channel, e164, clock.instant());
            if (broken.isEmpty()) {
                allowed.add(channel);
                continue;
            }
            boolean toSms = channel == NotificationChannel.VOICE && !step.via().contains(NotificationChannel.SMS)
                    && caps.broken(outbox, NotificationChannel.SMS, e164, clock.instant()).isEmpty();
            timeline.note(incident.id(), Timeline.PAGE_SKIPPED, "频次受限：" + t.who() + "（" + broken.get().label() + "）"
                    + (toSms ? "，改发短信" : ""));
            if (toSms) {
                allowed.add(NotificationChannel.SMS);
            }
        }
        return allowed;
    }

    private static String text(Incident incident, Elder elder, ElderProfile profile, StepPlanner.Target t,
                               NotificationChannel channel) {
        boolean elderSelf = t.audience() == Audience.ELDER;
        if (channel == NotificationChannel.VOICE) {
            return elderSelf ? VoiceText.wellCheck(incident, elder) : VoiceText.page(incident, elder, profile);
        }
        return elderSelf ? SmsText.wellCheck(incident, elder) : SmsText.page(incident, elder, profile);
    }

    /** The same page for providers that send registered templates only. */
    private static PageTemplate template(Incident incident, Elder elder, ElderProfile profile, StepPlanner.Target t,
                                         NotificationChannel channel) {
        return t.audience() == Audience.ELDER ? PageTemplates.wellCheck(incident, elder, channel)
                : PageTemplates.page(incident, elder, profile, channel);
    }

    /** One page per incident, step, round, person and channel, whatever happens twice. */
    static String key(long incidentId, int step, int round, StepPlanner.Target t, NotificationChannel channel) {
        String person = t.contact() == null ? "elder" : "c" + t.contact().id();
        return incidentId + ":s" + step + ":r" + round + ":" + person + ":" + channel;
    }
}
