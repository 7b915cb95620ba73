package org.shouwang.notifier;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.shouwang.db.IncidentStore;
import org.shouwang.db.Notification;
import org.shouwang.db.NotificationChannel;
import org.shouwang.db.NotificationDraft;
import org.shouwang.db.NotificationStore;
import org.shouwang.db.RegistryStore;
import org.shouwang.model.Alert;
import org.shouwang.model.CareContact;
import org.shouwang.model.Elder;
import org.shouwang.model.ElderProfile;
import org.shouwang.model.Incident;
import org.shouwang.model.ResidentId;

/**
 * A further press on an incident someone took but nobody closed is news, while paging has stopped: it
 * texts the one who took it (when they took it by answering a page) and the first round of the plan at
 * once, one SMS per person and press, and says so on the timeline. The platform records no arrival, so
 * "nobody has arrived" is "not resolved yet". Such texts go out whatever the incident's state by the time
 * they are sent: the press landed before any resolution (the store attaches under the incident's row lock).
 */
final class PressAgain {

    /** Marks the outbox keys of these texts: {@code <incident>:again:<alert>:<person>:SMS}. */
    private static final String KEY_MARK = ":again:";

    private final IncidentStore incidents;
    private final NotificationStore outbox;
    private final RegistryStore registry;
    private final EscalationPlans plans;
    private final Timeline timeline;
    private final Clock clock;

    PressAgain(IncidentStore incidents, NotificationStore outbox, RegistryStore registry, EscalationPlans plans,
               Timeline timeline, Clock clock) {
        this.incidents = incidents;
        this.outbox = outbox;
        this.registry = registry;
        this.plans = plans;
        this.timeline = timeline;
        this.clock = clock;
    }

    /** True for an outbox row that tells of a further press. */
    static boolean isNews(Notification n) {
        return n.idempotencyKey().contains(KEY_MARK);
    }

    /** Writes the texts for this press (once, however often it is delivered); returns how many were new. */
    int write(Incident incident, Elder elder, Alert press) {
        List<CareContact> team = registry.contacts(elder.id());
        List<StepPlanner.Target> targets = new ArrayList<>();
        Set<String> numbers = new HashSet<>();
        Notification answered = incidents.acknowledgingPage(incident.id()).flatMap(outbox::find)
                .filter(n -> !n.toElder()).orElse(null);
        if (answered != null) {
            Audience audience = Audience.of(answered);
            CareContact c = answered.contactId() == null ? null : Who.byId(team).get(answered.contactId());
            targets.add(new StepPlanner.Target(audience, c, answered.recipient()));
            numbers.add(StepPlanner.key(answered.recipient()));
        }
        EscalationPlan plan = plans.planFor(elder.street(), incident.rule(), incident.severity()).plan();
        if (!plan.silent()) {
            StepPlanner.plan(plan.step(0), elder, team).targets().stream()
                    .filter(t -> t.audience() != Audience.ELDER && numbers.add(StepPlanner.key(t.phone())))
                    .forEach(targets::add);
        }
        String takenBy = incident.acknowledgedBy() == null || incident.acknowledgedBy().isBlank() ? "值班人员"
                : incident.acknowledgedBy();
        ElderProfile profile = registry.profile(elder.id(), LocalDate.now(clock.withZone(ResidentId.ZONE)))
                .orElse(null);
        String body = SmsText.pressedAgain(incident, elder, profile, takenBy);
        String template = PageTemplates.toJson(PageTemplates.pressedAgain(incident, elder, profile, takenBy));
        int written = 0;
        for (StepPlanner.Target t : targets) {
            String person = t.contact() != null ? "c" + t.contact().id() : "p" + answered.id();
            var e = outbox.enqueue(new NotificationDraft(incident.id() + KEY_MARK + press.alertId() + ":" + person
                    + ":" + NotificationChannel.SMS, incident.id(), t.contactId(), NotificationChannel.SMS, t.phone(),
                    body, null, null, t.audience() == null ? null : t.audience().name(), template));
            written += e.inserted() ? 1 : 0;
        }
        if (written > 0 || targets.isEmpty()) {
            timeline.note(incident.id(), Timeline.PRESSED_AGAIN, "老人再次按下一键呼叫（事件已由" + takenBy
                    + "接手、尚未结案）：立即短信通知 " + whom(targets, answered));
        }
        return written;
    }

    private static String whom(List<StepPlanner.Target> targets, Notification answered) {
        if (targets.isEmpty()) {
            return "无可通知的人员";
        }
        return targets.stream().map(t -> (t.contact() == null ? Who.UNKNOWN : t.who())
                + (answered != null && t.phone().equals(answered.recipient()) ? "（接手人）" : ""))
                .collect(Collectors.joining("、"));
    }
}
