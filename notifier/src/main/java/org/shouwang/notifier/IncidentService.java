package org.shouwang.notifier;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.shouwang.db.AlertRecording;
import org.shouwang.db.DataAccessException;
import org.shouwang.db.Escalation;
import org.shouwang.db.NotificationChannel;
import org.shouwang.model.Alert;
import org.shouwang.model.Elder;
import org.shouwang.model.ElderProfile;
import org.shouwang.model.Incident;
import org.shouwang.model.IncidentChange;
import org.shouwang.model.IncidentState;
import org.shouwang.model.ResidentId;
import org.shouwang.model.Rule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns alerts into incidents and escalations: joins the alert's device with its elder, records it
 * (open, attach or recognise a repeat), starts the incident's escalation plan and sends its first pages.
 * {@link #tick()} runs whatever fell due since (later steps, repeats, retries); a cleared condition or an
 * acknowledgement stops it. Safe on several worker threads at once; blocking, never on an event loop.
 */
public final class IncidentService {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentService.class);

    private final NotifierStores stores;
    private final EscalationPlans plans;
    private final Clock clock;
    private final Consumer<IncidentChange> onChange;
    private final Timeline timeline;
    private final Escalator escalator;
    private final OutboxSender sender;
    private final PressAgain pressAgain;
    private final AtomicLong withoutElder = new AtomicLong();

    /**
     * Built by {@link Notifier#create}, which wires the parts it works through.
     *
     * @param onChange told of every incident opened, repeated, escalated or cleared (usually an {@link IncidentChanges})
     */
    IncidentService(NotifierStores stores, EscalationPlans plans, Clock clock, Consumer<IncidentChange> onChange,
                    Timeline timeline, Escalator escalator, OutboxSender sender, PressAgain pressAgain) {
        this.stores = stores;
        this.plans = plans;
        this.clock = clock;
        this.onChange = onChange;
        this.timeline = timeline;
        this.escalator = escalator;
        this.sender = sender;
        this.pressAgain = pressAgain;
    }

    /**
     * Handles one alert; returns what recording it did, or empty when its device belongs to no elder
     * (logged and counted in {@link #alertsWithoutElder()}: such an alert cannot page anyone).
     */
    public Optional<AlertRecording> handle(Alert alert) {
        // The registry's correlation API: the elder with age, key-elder status, care team and devices.
        Optional<Elder> elder = stores.registry().profileOfDevice(alert.deviceId(),
                LocalDate.now(clock.withZone(ResidentId.ZONE))).map(ElderProfile::elder);
        if (elder.isEmpty()) {
            withoutElder.incrementAndGet();
            LOG.warn("alert for a device with no elder, nobody paged [alert: {}, device: {}, rule: {}]",
                    alert.alertId(), alert.deviceId(), alert.rule());
            return Optional.empty();
        }
        return Optional.of(recorded(elder.get(), alert));
    }

    /**
     * Handles an alert about an elder rather than a device (a care case such as {@link Rule#CONTACT_OVERDUE},
     * whose {@link Alert#deviceId()} is null): opens, attaches or recognises a repeat by its alert id as
     * {@link #handle(Alert)} does. Empty when no elder has that id (logged, counted as without elder).
     *
     * @throws IllegalArgumentException for a device rule's alert, which must come through {@link #handle(Alert)}
     */
    public Optional<AlertRecording> handleForElder(long elderId, Alert alert) {
        if (alert.rule().fromDevice()) {
            throw new IllegalArgumentException("a device rule's alert is handled by its device: " + alert.rule());
        }
        Optional<Elder> elder = stores.registry().findElder(elderId);
        if (elder.isEmpty()) {
            withoutElder.incrementAndGet();
            LOG.warn("alert for an unknown elder, nobody paged [alert: {}, elder: {}, rule: {}]", alert.alertId(),
                    elderId, alert.rule());
            return Optional.empty();
        }
        return Optional.of(recorded(elder.get(), alert));
    }

    private AlertRecording recorded(Elder elder, Alert alert) {
        AlertRecording recording = record(elder.id(), alert);
        Incident incident = recording.incident();
        switch (recording.outcome()) {
            case OPENED -> opened(incident, elder);
            case ATTACHED -> attached(incident, elder, alert);
            case DUPLICATE -> LOG.debug("repeated alert ignored [incident: {}, alert: {}]", incident.id(),
                    alert.alertId());
        }
        return recording;
    }

    private AlertRecording record(long elderId, Alert alert) {
        try {
            return stores.incidents().recordAlert(elderId, alert);
        } catch (DataAccessException e) {
            if (!e.isUniqueViolation()) {
                throw e;
            }
            // The same alert raced in on another thread and won; asked again, the store calls it a repeat.
            return stores.incidents().recordAlert(elderId, alert);
        }
    }

    private void opened(Incident incident, Elder elder) {
        LOG.info("incident raised [incident: {}, elder: {}, rule: {}]", incident.id(), elder.id(), incident.rule());
        announce(incident, "opened");
        if (escalator.start(incident, elder)) {
            int sent = sender.sendDue();
            LOG.info("incident paged [incident: {}, sent: {}]", incident.id(), sent);
            announce(incident, "paged");
        }
    }

    /** {@code incident} as it was when the alert attached, under its row lock: before any resolution. */
    private void attached(Incident incident, Elder elder, Alert alert) {
        LOG.info("alert attached to open incident [incident: {}, alert: {}]", incident.id(), alert.alertId());
        announce(incident, "alert-repeated");
        // Taken but not closed, paging stopped: a new press must not go unheard.
        if (incident.state() == IncidentState.ACKNOWLEDGED && alert.rule() == Rule.BUTTON_PRESSED) {
            int written = pressAgain.write(incident, elder, alert);
            int sent = sender.sendDue();
            LOG.info("further press on a taken incident told [incident: {}, alert: {}, texts: {}, sent: {}]",
                    incident.id(), alert.alertId(), written, sent);
            announce(incident, "pressed-again");
            return;
        }
        // Cleared, left open for staff, and now back: paging must not stay silent for it (though a flapping rule
        // back within its quiet period after the clear waits for the period's end: QuietAfterClear).
        if (incident.state() == IncidentState.OPEN && escalator.resumeAfterClearing(incident)) {
            sender.sendDue();
            announce(incident, "escalated");
        }
    }

    /**
     * The condition behind an alert cleared (water used again, flow stopped): stops the escalation of the
     * unresolved incident of that device's elder and rule, if its plan stops on clearing. The incident
     * stays open for staff to close with an outcome. True when an escalation stopped.
     */
    public boolean clear(Alert cleared) {
        return stores.escalations().unresolvedIncidentOf(cleared.deviceId(), cleared.rule())
                .map(id -> clear(id, cleared.detail()))
                .orElse(false);
    }

    /**
     * As {@link #clear(Alert)}, for a known incident; {@code detail} says what cleared (no personal data).
     * A repeated clear (the rules may send one again after a restart) changes nothing.
     */
    public boolean clear(long incidentId, String detail) {
        Incident incident = stores.incidents().find(incidentId).orElse(null);
        boolean escalating = stores.escalations().find(incidentId).map(Escalation::active).orElse(false);
        if (incident == null || incident.state() == IncidentState.RESOLVED || !escalating) {
            return false;
        }
        Elder elder = stores.registry().findElder(incident.elderId()).orElseThrow();
        if (!plans.planFor(elder.street(), incident.rule(), incident.severity()).plan().stopWhenCleared()) {
            LOG.info("condition cleared, plan pages on [incident: {}]", incidentId);
            return false;
        }
        timeline.note(incidentId, Timeline.CONDITION_CLEARED, "报警条件已解除" + note(detail));
        boolean stopped = escalator.stop(incidentId, Escalator.CLEARED, "报警条件已解除，请值班人员核实后结案");
        announce(incident, "cleared");
        return stopped;
    }

    /**
     * Runs whatever is due now: escalation steps and repeats, then due pages and retries. A Vert.x timer
     * calls it ({@link NotifierVerticle}); tests call it with the clock moved by hand. Returns pages sent.
     */
    public int tick() {
        escalator.runDue();
        return sender.sendDue();
    }

    /** Stops the escalation of an incident someone acknowledged or resolved (give it {@link IncidentChanges}). */
    public void incidentChanged(IncidentChange change) {
        if (change.state() == IncidentState.ACKNOWLEDGED) {
            escalator.stop(change.incidentId(), "ACKNOWLEDGED", "已有人接手");
        } else if (change.state() == IncidentState.RESOLVED) {
            escalator.stop(change.incidentId(), "RESOLVED", "事件已结案");
        }
    }

    /** Alerts whose device is unknown or belongs to no elder, since start. */
    public long alertsWithoutElder() {
        return withoutElder.get();
    }

    Escalator escalator() {
        return escalator;
    }

    Timeline timeline() {
        return timeline;
    }

    Clock clock() {
        return clock;
    }

    NotifierStores stores() {
        return stores;
    }

    private static String note(String detail) {
        return detail == null || detail.isBlank() ? "" : "（" + detail + "）";
    }

    private void announce(Incident incident, String what) {
        onChange.accept(new IncidentChange(incident.id(), incident.elderId(), incident.state(), what));
    }
}
