package org.shouwang.notifier;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.shouwang.model.IncidentChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every incident change to whoever listens: {@link NotifierVerticle} publishes them on the event
 * bus, {@link IncidentService#incidentChanged} stops the escalation of an acknowledged or resolved
 * incident ({@link Notifier} subscribes it). Give it to {@link IncidentService} and
 * {@link IncidentCommands} as their {@code onChange}; a failing listener never stops the others.
 */
public final class IncidentChanges implements Consumer<IncidentChange> {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentChanges.class);

    private final List<Consumer<IncidentChange>> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener; run the returned action to remove it again. */
    public Runnable subscribe(Consumer<IncidentChange> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void accept(IncidentChange change) {
        for (Consumer<IncidentChange> l : listeners) {
            try {
                l.accept(change);
            } catch (RuntimeException e) {
                LOG.warn("incident change listener failed [incident: {}, what: {}]", change.incidentId(), change.what(), e);
            }
        }
    }
}
