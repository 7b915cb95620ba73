package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.shouwang.db.Database;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.db.IncidentStore;
import org.shouwang.db.RegistryStore;
import org.shouwang.embedded.TestServices;
import org.shouwang.model.Alert;
import org.shouwang.model.Incident;
import org.shouwang.model.IncidentChange;
import org.shouwang.model.Rule;
import org.shouwang.notifier.IncidentCommands;

/**
 * A console deployed for one test class: real Vert.x, a fresh PostgreSQL database, the real stores and
 * {@link IncidentCommands}, the verticle on a free port, and a {@link WebClient} pointed at it.
 */
final class ConsoleHarness implements AutoCloseable {

    final Vertx vertx = Vertx.vertx();
    final Database db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()));
    final IncidentStore incidents = new IncidentStore(db.dataSource());
    final RegistryStore registry = new RegistryStore(db.dataSource());
    /** What IncidentCommands announced: proves the console went through the one path. */
    final List<IncidentChange> changes = new CopyOnWriteArrayList<>();
    final IncidentCommands commands = new IncidentCommands(incidents, Clock.systemUTC(), changes::add);
    final WebClient client;
    private final AtomicInteger seq = new AtomicInteger();

    ConsoleHarness() {
        ConsoleVerticle console = deploy(List.of(HealthCheck.of("database", () -> db.ping(2), "数据库无响应")));
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(console.actualPort()));
    }

    /** Deploys a further console on a free port, sharing this harness's stores. */
    ConsoleVerticle deploy(List<HealthCheck> checks) {
        ConsoleVerticle console = new ConsoleVerticle(new ConsoleConfig("127.0.0.1", 0), registry, incidents,
                commands, checks);
        await(vertx.deployVerticle(console));
        return console;
    }

    HttpResponse<Buffer> get(String path) {
        return await(client.get(path).send());
    }

    HttpResponse<Buffer> post(String path, JsonObject body) {
        return await(body == null ? client.post(path).send() : client.post(path).sendJsonObject(body));
    }

    HttpResponse<Buffer> postRaw(String path, String body) {
        return await(client.post(path).putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)));
    }

    int next() {
        return seq.incrementAndGet();
    }

    String idNumber() {
        return Ids.idNumber(next());
    }

    /** Synthetic mainland mobile numbers, distinct within a test class. */
    String phone() {
        return String.format("1391234%04d", next());
    }

    static JsonObject elderForm(String idNumber, String phone) {
        return new JsonObject().put("name", "张桂英").put("idNumber", idNumber).put("street", "平江街道")
                .put("community", "大儒巷社区").put("address", "姑苏区大儒巷12号201室").put("phone", phone);
    }

    /** Registers an elder through the API and returns the new id. */
    long newElder() {
        HttpResponse<Buffer> r = post("/api/elders", elderForm(idNumber(), phone()));
        assertThat(r.statusCode()).as("elder registered").isEqualTo(201);
        return r.bodyAsJsonObject().getLong("id");
    }

    /** Opens an incident the way the notifier does, by recording a rule's alert. */
    Incident raise(long elderId, Rule rule) {
        String deviceId = "dev-" + elderId;
        Alert alert = new Alert(rule + ":" + deviceId + ":m" + next(), rule, deviceId,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), "测试");
        return incidents.recordAlert(elderId, alert).incident();
    }

    static List<Long> ids(JsonArray rows) {
        return rows.stream().map(r -> ((JsonObject) r).getLong("id")).toList();
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("vert.x call failed or timed out", e);
        }
    }

    @Override
    public void close() {
        await(vertx.close());
        db.close();
    }
}
