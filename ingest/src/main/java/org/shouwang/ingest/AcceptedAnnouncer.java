package org.shouwang.ingest;

import io.vertx.core.eventbus.EventBus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.shouwang.db.TelemetryBatch;
import org.shouwang.model.Addresses;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.DeviceStatus;
import org.shouwang.model.Json;
import org.shouwang.model.Telemetry;

/**
 * Announces what became durable on the event bus, for the rules and the console: readings on
 * {@link Addresses#TELEMETRY_ACCEPTED}, device events on {@link Addresses#EVENT_ACCEPTED}, statuses on
 * {@link Addresses#STATUS_ACCEPTED}. Every path into the platform (MQTT ingest, the carrier-platform gateway)
 * announces through this one class, so the rules cannot tell the paths apart. Callable from any thread.
 */
public final class AcceptedAnnouncer {

    private final EventBus bus;
    private final Clock clock;

    /** @param clock a status carries no time of its own: it is judged by when it was recorded, on this clock */
    public AcceptedAnnouncer(EventBus bus, Clock clock) {
        this.bus = bus;
        this.clock = clock;
    }

    public void announce(List<Telemetry> telemetry, List<DeviceEvent> events,
                         List<TelemetryBatch.StatusChange> statuses) {
        telemetry.forEach(t -> bus.publish(Addresses.TELEMETRY_ACCEPTED, Json.write(t)));
        events.forEach(e -> bus.publish(Addresses.EVENT_ACCEPTED, Json.write(e)));
        Instant now = clock.instant();
        statuses.forEach(s -> bus.publish(Addresses.STATUS_ACCEPTED,
                Json.write(new DeviceStatus(s.deviceId(), s.online(), now))));
    }
}
