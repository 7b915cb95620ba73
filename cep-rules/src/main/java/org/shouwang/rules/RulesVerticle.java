package org.shouwang.rules;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.shouwang.model.Addresses;
import org.shouwang.model.Alert;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.Json;
import org.shouwang.model.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link RuleEngine} on the event bus: accepted telemetry and device events in, alerts out on
 * {@link Addresses#ALERT_RAISED}, the rule clock following the injected {@link Clock}.
 */
public final class RulesVerticle extends AbstractVerticle {

    private static final Logger LOG = LoggerFactory.getLogger(RulesVerticle.class);

    private final RuleSettings settings;
    private final Clock clock;

    private RuleEngine engine;
    private MessageConsumer<String> telemetryConsumer;
    private MessageConsumer<String> eventConsumer;
    private long tickTimer = -1;

    /**
     * @param settings rule thresholds and the clock tick
     * @param clock    the platform clock: {@code Clock.systemUTC()} in production, a hand-driven clock in
     *                 tests and in the simulator so days pass in seconds
     */
    public RulesVerticle(RuleSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void start(Promise<Void> startPromise) {
        // Compiling the EPL takes about a second: never on the event loop.
        vertx.executeBlocking(() -> new RuleEngine(settings, clock.instant(), this::publish))
                .compose(created -> {
                    engine = created;
                    telemetryConsumer = vertx.eventBus().consumer(Addresses.TELEMETRY_ACCEPTED,
                            message -> feed(message, Telemetry.class, engine::onTelemetry));
                    eventConsumer = vertx.eventBus().consumer(Addresses.EVENT_ACCEPTED,
                            message -> feed(message, DeviceEvent.class, engine::onEvent));
                    return Future.all(telemetryConsumer.completion(), eventConsumer.completion());
                })
                .onSuccess(registered -> {
                    tickTimer = vertx.setPeriodic(settings.tick().toMillis(), id -> advanceClock());
                    LOG.info("rules verticle started [tick: {}]", settings.tick());
                })
                .onFailure(cause -> {
                    // Vert.x does not call stop() after a failed start; release what was opened.
                    LOG.warn("rules verticle failed to start", cause);
                    release();
                })
                .<Void>mapEmpty()
                .onComplete(startPromise);
    }

    @Override
    public void stop(Promise<Void> stopPromise) {
        release().onComplete(stopPromise);
    }

    /** Closes whatever is still open; a second call finds nothing left and completes at once. */
    private Future<Void> release() {
        if (tickTimer >= 0) {
            vertx.cancelTimer(tickTimer);
            tickTimer = -1;
        }
        List<Future<Void>> unregistering = new ArrayList<>();
        if (telemetryConsumer != null) {
            unregistering.add(telemetryConsumer.unregister());
            telemetryConsumer = null;
        }
        if (eventConsumer != null) {
            unregistering.add(eventConsumer.unregister());
            eventConsumer = null;
        }
        return Future.join(unregistering)
                .eventually(() -> {
                    if (engine != null) {
                        engine.close();
                        engine = null;
                        LOG.info("rules verticle stopped");
                    }
                    return Future.succeededFuture();
                })
                .<Void>mapEmpty();
    }

    private <T> void feed(Message<String> message, Class<T> type, Consumer<T> rules) {
        T payload;
        try {
            payload = Json.read(message.body(), type);
        } catch (RuntimeException e) {
            // Ingest only publishes validated records, so this is a bug upstream; never stop consuming.
            LOG.warn("unreadable message dropped [address: {}, type: {}]", message.address(), type.getSimpleName());
            return;
        }
        try {
            // Bring the rule clock to now first, so timers due before this event fire before it counts.
            engine.advanceTo(clock.instant());
            rules.accept(payload);
        } catch (RuntimeException e) {
            LOG.error("rule evaluation failed [address: {}]", message.address(), e);
        }
    }

    private void advanceClock() {
        if (engine == null) {
            return;
        }
        try {
            engine.advanceTo(clock.instant());
        } catch (RuntimeException e) {
            LOG.error("rule clock could not advance", e);
        }
    }

    private void publish(Alert alert) {
        vertx.eventBus().publish(Addresses.ALERT_RAISED, Json.write(alert));
    }
}
