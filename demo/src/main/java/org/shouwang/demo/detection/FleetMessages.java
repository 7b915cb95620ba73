package org.shouwang.demo.detection;

import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.PriorityQueue;
import org.shouwang.sim.SimulatedMessage;
import org.shouwang.sim.routine.HomeMonth;
import org.shouwang.sim.routine.RoutineFleet;

/** Every meter message of a fleet's period in arrival order, generated as they are taken. */
final class FleetMessages {

    private record Head(SimulatedMessage message, int home, Iterator<SimulatedMessage> rest) {
    }

    private final PriorityQueue<Head> queue = new PriorityQueue<>(
            Comparator.comparing((Head h) -> h.message().at()).thenComparingInt(Head::home));

    FleetMessages(RoutineFleet fleet) {
        for (int i = 0; i < fleet.homes().size(); i++) {
            HomeMonth h = fleet.homes().get(i);
            Iterator<SimulatedMessage> it = h.messages(fleet.spec().from(), fleet.spec().to());
            if (it.hasNext()) {
                queue.add(new Head(it.next(), i, it));
            }
        }
    }

    /** When the next message arrives; null when there are no more. */
    Instant next() {
        Head h = queue.peek();
        return h == null ? null : h.message().at();
    }

    SimulatedMessage take() {
        Head h = queue.poll();
        if (h.rest().hasNext()) {
            queue.add(new Head(h.rest().next(), h.home(), h.rest()));
        }
        return h.message();
    }
}
