package org.shouwang.notifier;

import java.time.Clock;
import java.util.function.Consumer;
import org.shouwang.db.IncidentStore;
import org.shouwang.db.Transition;
import org.shouwang.model.IncidentChange;

/**
 * What people do to an incident (acknowledge, resolve), whichever way they do it: console, voice key
 * press or SMS reply. Every change that happened is announced to {@code onChange} (the console's live
 * queue, the escalation that must stop). Blocking: call from a worker thread.
 */
public final class IncidentCommands {

    private final IncidentStore store;
    private final Clock clock;
    private final Consumer<IncidentChange> onChange;

    public IncidentCommands(IncidentStore store, Clock clock, Consumer<IncidentChange> onChange) {
        this.store = store;
        this.clock = clock;
        this.onChange = onChange;
    }

    /** Takes responsibility for an open incident; {@code via} says how (console, voice, sms). */
    public Transition acknowledge(long incidentId, String actor, String via) {
        return announce(store.acknowledge(incidentId, actor, via, clock.instant()), "acknowledged");
    }

    /** As {@link #acknowledge(long, String, String)}, by answering page {@code notificationId} (remembered with it). */
    public Transition acknowledgeByPage(long incidentId, String actor, String via, long notificationId) {
        return announce(store.acknowledge(incidentId, actor, via, clock.instant(), notificationId), "acknowledged");
    }

    /** Closes an incident with its outcome (elder safe, false alarm, sent to hospital, ...). */
    public Transition resolve(long incidentId, String actor, String outcome) {
        return resolve(incidentId, actor, outcome, null);
    }

    /**
     * As {@link #resolve(long, String, String)}, only if the incident holds no more alerts than the
     * {@code alertsSeen} the person looked at (null: any); else {@code STALE} and nothing changes.
     */
    public Transition resolve(long incidentId, String actor, String outcome, Integer alertsSeen) {
        return announce(store.resolve(incidentId, actor, outcome, clock.instant(), alertsSeen), "resolved");
    }

    /**
     * A responder reached the elder's door ({@code via}: console, sms); taking the incident too if nobody had,
     * so its escalation stops. Announced as "arrived".
     */
    public Transition arrive(long incidentId, String actor, String via) {
        return announce(store.arrive(incidentId, actor, via, clock.instant()), "arrived");
    }

    private Transition announce(Transition t, String what) {
        if (t.result() == Transition.Result.DONE) {
            onChange.accept(new IncidentChange(t.incident().id(), t.incident().elderId(), t.incident().state(), what));
        }
        return t;
    }
}
