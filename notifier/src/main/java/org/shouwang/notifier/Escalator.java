package org.shouwang.notifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.shouwang.db.Escalation;
import org.shouwang.db.EscalationStore;
import org.shouwang.db.IncidentStore;
import org.shouwang.db.Notification;
import org.shouwang.db.NotificationStore;
import org.shouwang.db.RegistryStore;
import org.shouwang.model.Elder;
import org.shouwang.model.Incident;
import org.shouwang.model.IncidentChange;
import org.shouwang.model.IncidentState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs escalation plans on the clock: when an incident's next step is due, writes its pages to the
 * outbox (under keys of incident, step, round, person and channel, so a rerun after a crash adds
 * nothing) and moves the stored escalation on. When a person's pages all fail it pages the next person
 * of that role; when a round reached nobody it flags the incident and brings the next step forward.
 * Blocking; safe on several threads and instances (the store's moves are conditional).
 */
final class Escalator {

    /** The stop reason of an escalation its condition's clearing stopped. */
    static final String CLEARED = "CLEARED";
    /** The incident change announced when a round reached nobody (counted by {@link NotifierMetrics}). */
    static final String UNREACHED_CHANGE = "unreached";
    /** Bounds one pass, so a backlog after a long outage is worked off over a few ticks, not in one. */
    private static final int DUE_BATCH = 200;
    private static final Logger LOG = LoggerFactory.getLogger(Escalator.class);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final EscalationStore store;
    private final IncidentStore incidents;
    private final RegistryStore registry;
    private final NotificationStore outbox;
    private final EscalationPlans plans;
    private final Clock clock;
    private final Timeline timeline;
    private final RoundPages pages;
    private final Consumer<IncidentChange> onChange;

    Escalator(EscalationStore store, IncidentStore incidents, RegistryStore registry, NotificationStore outbox,
              EscalationPlans plans, Clock clock, Timeline timeline, RoundPages pages,
              Consumer<IncidentChange> onChange) {
        this.store = store;
        this.incidents = incidents;
        this.registry = registry;
        this.outbox = outbox;
        this.plans = plans;
        this.clock = clock;
        this.timeline = timeline;
        this.pages = pages;
        this.onChange = onChange;
    }

    /** Starts a new incident's plan and runs its first step at once; false when the plan pages nobody. */
    boolean start(Incident incident, Elder elder) {
        EscalationPlans.Chosen chosen = plans.planFor(elder.street(), incident.rule(), incident.severity());
        if (chosen.plan().silent()) {
            timeline.note(incident.id(), Timeline.NOT_PAGED, "按预案 " + chosen.name()
                    + " 不向个人手机发送：已列入设备维护清单，由维护人员处理");
            return false;
        }
        if (store.start(incident.id(), chosen.name(), clock.instant())) {
            timeline.note(incident.id(), Timeline.ESCALATION_STARTED, "按预案 " + chosen.name() + " 逐级通知，直至有人接手");
        }
        runFor(incident.id());
        return true;
    }

    /** Runs every step that is due now; returns how many ran. */
    int runDue() {
        int ran = 0;
        for (Escalation e : store.due(clock.instant(), DUE_BATCH)) {
            try {
                ran += runFor(e.incidentId());
            } catch (RuntimeException ex) {
                // One incident's trouble (a deleted elder, a database hiccup) must not hold up the others.
                LOG.error("escalation step failed, retried next tick [incident: {}]", e.incidentId(), ex);
            }
        }
        return ran;
    }

    /** Runs this incident's due steps (a zero delay can make the next one due at once); returns how many ran. */
    int runFor(long incidentId) {
        int ran = 0;
        Optional<Escalation> e;
        while ((e = store.find(incidentId)).isPresent() && isDue(e.get()) && ran <= 20) {
            if (!runStep(e.get())) {
                break;
            }
            ran++;
        }
        return ran;
    }

    private boolean isDue(Escalation e) {
        return e.active() && e.dueAt() != null && !e.dueAt().isAfter(clock.instant());
    }

    /** Runs one due step; false when there is nothing more to run now (stopped, deferred, taken by another). */
    private boolean runStep(Escalation e) {
        Instant now = clock.instant();
        Incident incident = incidents.find(e.incidentId()).orElseThrow();
        if (incident.state() != IncidentState.OPEN) {
            stop(incident.id(), incident.state().name(), "事件已" + (incident.state() == IncidentState.RESOLVED
                    ? "结案" : "有人接手"));
            return false;
        }
        Elder elder = registry.findElder(incident.elderId()).orElseThrow();
        EscalationPlan plan = plans.planFor(elder.street(), incident.rule(), incident.severity()).plan();
        if (plan.silent()) {
            store.advance(e, e.nextStep(), e.nextRound(), null);
            return false;
        }
        if (plan.quietAtNight() && plans.quietHours().contains(now)) {
            Instant morning = plans.quietHours().endAfter(now);
            if (store.reschedule(e, morning)) {
                timeline.note(incident.id(), Timeline.ESCALATION_DEFERRED, "夜间免打扰：通知推迟到 "
                        + morning.atZone(plans.quietHours().zone()).toLocalTime());
            }
            return false;
        }
        int step = Math.min(e.nextStep(), plan.lastIndex());
        int round = e.nextRound();
        if (plan.step(step).elderOnly() && !plans.callsElder(incident.rule(), now)) {
            return skipElderAtNight(e, plan, step, round, incident.id(), now);
        }
        StepPlanner.Round planned = pages.write(incident, elder, plan.step(step), step, round);
        if (!advance(e, plan, step, round, now)) {
            return false;
        }
        pages.announce(incident.id(), plan.step(step), step, round, planned);
        LOG.info("escalation step run [incident: {}, step: {}, round: {}, pages: {}]", incident.id(), step, round,
                planned.targets().size() * plan.step(step).via().size());
        announce(incident, "escalated");
        if (planned.targets().isEmpty()) {
            roundFailed(incident, plan.step(step), step, round);
        }
        return true;
    }

    /**
     * The well-check call of a rule not in {@code elderNightCall}, due at night: nobody is woken for it, and the
     * next step comes at once rather than after the time the elder had to answer (a repeat keeps its rhythm).
     */
    private boolean skipElderAtNight(Escalation e, EscalationPlan plan, int step, int round, long incidentId,
                                     Instant now) {
        boolean moved = step < plan.lastIndex() ? store.advance(e, step + 1, 0, now)
                : advance(e, plan, step, round, now);
        if (moved) {
            timeline.note(incidentId, Timeline.ESCALATION_ADVANCED, "夜间不致电老人：进入下一步");
            LOG.info("well-check call skipped at night [incident: {}, step: {}]", incidentId, step);
        }
        return moved;
    }

    /** Moves the stored escalation past this step; the schedule keeps its rhythm unless it fell behind. */
    private boolean advance(Escalation e, EscalationPlan plan, int step, int round, Instant now) {
        if (step < plan.lastIndex()) {
            return store.advance(e, step + 1, 0, next(e.dueAt(), plan.step(step + 1).delay(), now));
        }
        if (plan.repeatEvery() != null) {
            return store.advance(e, step, round + 1, next(e.dueAt(), plan.repeatEvery(), now));
        }
        // Nothing more to send; a fresh round is kept ready should a returning condition resume it.
        return store.advance(e, step, round + 1, null);
    }

    private static Instant next(Instant due, Duration delay, Instant now) {
        Instant onTime = due.plus(delay);
        // After an outage, catching up in a burst would page people twice in a row: start the rhythm anew.
        return onTime.isAfter(now) || delay.isZero() ? onTime : now.plus(delay);
    }

    /**
     * A page can no longer reach its person (given up, refused, unanswered): page the next person of that
     * role; if the whole round reached nobody, flag the incident and bring the next step forward.
     */
    void pageFailed(long notificationId) {
        Notification n = outbox.find(notificationId).orElse(null);
        if (n == null || n.step() == null || n.round() == null) {
            return;
        }
        Incident incident = incidents.find(n.incidentId()).orElse(null);
        if (incident == null || incident.state() != IncidentState.OPEN) {
            return;
        }
        Elder elder = registry.findElder(incident.elderId()).orElseThrow();
        EscalationStep step = plans.planFor(elder.street(), incident.rule(), incident.severity()).plan().step(n.step());
        if (pages.fallBack(incident, elder, step, n)) {
            return;
        }
        List<Notification> round = outbox.forRound(incident.id(), n.step(), n.round());
        if (round.stream().allMatch(DeliveryStatus::pageFailed)) {
            roundFailed(incident, step, n.step(), n.round());
        }
    }

    /** A page reached its person after all: the incident is no longer unreached. */
    void pageReached(long incidentId) {
        store.clearUnreached(incidentId);
    }

    /**
     * A round reached nobody. Pages fail in parallel, so several failures may report the same round: the
     * flag is raised once per round and the next step brought forward only while it has not run yet.
     */
    private void roundFailed(Incident incident, EscalationStep step, int stepIndex, int round) {
        long incidentId = incident.id();
        if (!step.elderOnly() && store.markUnreached(incidentId, "s" + stepIndex + "r" + round, clock.instant())) {
            timeline.note(incidentId, Timeline.UNREACHED, "本轮通知无人接通（第" + (stepIndex + 1) + "步）：请值班人员立即人工联系");
            LOG.warn("escalation round reached nobody [incident: {}, step: {}, round: {}]", incidentId, stepIndex, round);
            announce(incident, UNREACHED_CHANGE);
        }
        if (!store.pullForwardNext(incidentId, stepIndex, clock.instant())) {
            return;
        }
        if (step.elderOnly()) {
            timeline.note(incidentId, Timeline.WELL_CHECK_UNANSWERED, "老人未能接听或无法拨通：立即通知照护人员");
        }
        timeline.note(incidentId, Timeline.ESCALATION_ADVANCED, "本步无人接通，立即进入下一步");
        runFor(incidentId);
    }

    /** Runs the step after {@code stepIndex} now instead of at its time; false when there is none to bring. */
    boolean bringForward(long incidentId, int stepIndex, String why) {
        if (!store.pullForward(incidentId, stepIndex, clock.instant())) {
            return false;
        }
        timeline.note(incidentId, Timeline.ESCALATION_ADVANCED, why);
        runFor(incidentId);
        return true;
    }

    private void announce(Incident incident, String what) {
        onChange.accept(new IncidentChange(incident.id(), incident.elderId(), incident.state(), what));
    }

    /**
     * The condition of an incident whose escalation its clearing had stopped came back (a new alert
     * attached): escalation goes on where it stopped, at once, or for a rule of {@link QuietAfterClear} that
     * comes back within its period, due at the period's end (a clear, acknowledgement or resolution before
     * then stops it again as ever). True when it resumed at once; false when it was deferred or had not
     * been stopped by a clearing.
     */
    boolean resumeAfterClearing(Incident incident) {
        Escalation stopped = store.find(incident.id()).orElse(null);
        if (stopped == null || stopped.active() || !CLEARED.equals(stopped.stopReason())) {
            return false;
        }
        Instant now = clock.instant();
        Instant pagingFrom = stopped.stoppedAt() == null ? now
                : plans.quietAfterClear().pagingFrom(incident.rule(), stopped.stoppedAt());
        if (pagingFrom.isAfter(now)) {
            if (store.resume(incident.id(), CLEARED, pagingFrom)) {
                timeline.note(incident.id(), Timeline.ESCALATION_DEFERRED, "报警条件解除后 "
                        + Duration.between(stopped.stoppedAt(), now).toMinutes() + " 分钟再次出现：静默期内不重复通知，"
                        + HH_MM.format(pagingFrom.atZone(plans.quietHours().zone())) + " 起如仍未处置将继续逐级通知");
                LOG.info("escalation deferred to the end of the quiet period after a clear [incident: {}, due: {}]",
                        incident.id(), pagingFrom);
            }
            return false;
        }
        if (!store.resume(incident.id(), CLEARED, now)) {
            return false;
        }
        timeline.note(incident.id(), Timeline.ESCALATION_STARTED, "报警条件再次出现：继续逐级通知");
        runFor(incident.id());
        return true;
    }

    /** Stops an incident's escalation and withdraws its pending pages; false when it was stopped already. */
    boolean stop(long incidentId, String reason, String detail) {
        if (!store.stop(incidentId, reason, clock.instant())) {
            return false;
        }
        int withdrawn = outbox.cancelPending(incidentId, reason).size();
        store.clearUnreached(incidentId);
        timeline.note(incidentId, Timeline.ESCALATION_STOPPED, "停止逐级通知：" + detail
                + (withdrawn > 0 ? "（撤回" + withdrawn + "条待发通知）" : ""));
        LOG.info("escalation stopped [incident: {}, reason: {}, withdrawn: {}]", incidentId, reason, withdrawn);
        return true;
    }
}
