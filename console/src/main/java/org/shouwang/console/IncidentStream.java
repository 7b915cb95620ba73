package org.shouwang.console;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.shouwang.db.Session;
import org.shouwang.db.SessionStore;
import org.shouwang.model.Addresses;
import org.shouwang.model.IncidentChange;
import org.shouwang.model.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/incidents/stream}: Server-Sent Events with every change of an incident within the
 * person's scope, fed from {@link Addresses#INCIDENT_CHANGED}. Each event is a full queue row (as
 * {@code GET /api/incidents} returns it, masked for the person's role), so the page needs no second
 * request. A comment every {@link #HEARTBEAT_MS} ms keeps proxies from closing the stream, and the
 * session is checked each time: a stream ends with its session (logout, expiry, account disabled).
 * All state lives on the console verticle's event loop.
 */
final class IncidentStream {

    static final long HEARTBEAT_MS = 25_000;

    private static final Logger LOG = LoggerFactory.getLogger(IncidentStream.class);

    private record Client(Staff staff, HttpServerResponse response) {
    }

    private final Vertx vertx;
    private final ConsoleQueries queries;
    private final SessionStore sessions;
    private final ConsoleConfig config;
    private final Clock clock;
    private final List<Client> clients = new ArrayList<>();
    private MessageConsumer<String> consumer;
    private long heartbeat = -1;

    IncidentStream(Vertx vertx, ConsoleQueries queries, SessionStore sessions, ConsoleConfig config, Clock clock) {
        this.vertx = vertx;
        this.queries = queries;
        this.sessions = sessions;
        this.config = config;
        this.clock = clock;
    }

    /** Starts listening on the event bus; completes once the consumer is registered. */
    Future<Void> start() {
        consumer = vertx.eventBus().consumer(Addresses.INCIDENT_CHANGED, this::onChange);
        heartbeat = vertx.setPeriodic(HEARTBEAT_MS, t -> heartbeat());
        return consumer.completion();
    }

    /** Ends every stream and stops listening; a second call finds nothing left. */
    Future<Void> stop() {
        if (heartbeat >= 0) {
            vertx.cancelTimer(heartbeat);
            heartbeat = -1;
        }
        List.copyOf(clients).forEach(c -> end(c));
        if (consumer == null) {
            return Future.succeededFuture();
        }
        MessageConsumer<String> c = consumer;
        consumer = null;
        return c.unregister();
    }

    void open(RoutingContext ctx) {
        Client client = new Client(Staff.of(ctx), ctx.response());
        client.response()
                .setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("X-Accel-Buffering", "no");
        client.response().closeHandler(v -> clients.remove(client));
        clients.add(client);
        client.response().write("retry: 3000\n\nevent: ready\ndata: {}\n\n");
        LOG.debug("incident stream opened [account: {}, streams: {}]", client.staff().account().id(), clients.size());
    }

    /** Ends the streams of one session at once (logout, password change). */
    void closeSession(byte[] sessionHash) {
        clients.stream().filter(c -> Arrays.equals(c.staff().sessionHash(), sessionHash)).toList().forEach(this::end);
    }

    int size() {
        return clients.size();
    }

    private void onChange(Message<String> message) {
        IncidentChange change;
        try {
            change = Json.read(message.body(), IncidentChange.class);
        } catch (RuntimeException e) {
            LOG.warn("unreadable incident change ignored [address: {}]", message.address());
            return;
        }
        if (clients.isEmpty()) {
            return;
        }
        long id = change.incidentId();
        vertx.executeBlocking(() -> queries.incident(id).map(row -> new Loaded(row, queries.pages(List.of(id)))), false)
                .onSuccess(loaded -> loaded.ifPresent(l -> deliver(l, change.what())))
                .onFailure(e -> LOG.warn("incident change not streamed [incident: {}]", id, e));
    }

    private record Loaded(ConsoleQueries.QueueRow row, List<ConsoleQueries.Page> pages) {
    }

    private void deliver(Loaded l, String what) {
        for (Client c : List.copyOf(clients)) {
            if (c.staff().covers(l.row().elder())) {
                String data = Views.queueRow(l.row(), c.staff().disclosure(), l.pages()).put("change", what).encode();
                c.response().write("event: incident\ndata: " + data + "\n\n");
            }
        }
    }

    private void heartbeat() {
        for (Client c : List.copyOf(clients)) {
            c.response().write(": keep-alive\n\n");
            vertx.executeBlocking(() -> {
                Instant now = clock.instant();
                return sessions.touch(c.staff().sessionHash(), now, now.minus(config.sessionIdle()));
            }, false).onSuccess((Optional<Session> s) -> {
                if (s.isEmpty()) {
                    end(c);
                }
            });
        }
    }

    private void end(Client c) {
        clients.remove(c);
        if (!c.response().ended() && !c.response().closed()) {
            c.response().end();
        }
    }
}
