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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.shouwang.db.AccountRole;
import org.shouwang.db.AccountStore;
import org.shouwang.db.Database;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.db.Stores;
import org.shouwang.model.RuleThresholds;
import org.shouwang.db.IncidentStore;
import org.shouwang.db.RegistryStore;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.Addresses;
import org.shouwang.model.Alert;
import org.shouwang.model.Incident;
import org.shouwang.model.IncidentChange;
import org.shouwang.model.IncidentState;
import org.shouwang.model.Json;
import org.shouwang.model.Rule;
import org.shouwang.notifier.IncidentCommands;
import org.shouwang.notifier.ProviderRouting;

/**
 * A console deployed for one test class: real Vert.x, a fresh PostgreSQL database, the real stores and
 * {@link IncidentCommands} (whose changes are published on the event bus, as the notifier does), the
 * verticle on a free port, and one account per role, signed in.
 *
 * <p>Accounts: {@code district} (all streets), {@code street} (平江街道, shown as 陈值班), {@code worker}
 * (平江街道 大儒巷社区) and {@code other} (平江街道 桃花坞社区); all with {@link #PASSWORD}.
 */
final class ConsoleHarness implements AutoCloseable {

    static final String PASSWORD = "correct-horse-42";
    static final String STREET = "平江街道";
    static final String COMMUNITY = "大儒巷社区";
    static final String OTHER_COMMUNITY = "桃花坞社区";

    final Vertx vertx = Vertx.vertx();
    final Database db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()));
    final Stores stores = Stores.of(db.dataSource());
    final IncidentStore incidents = new IncidentStore(db.dataSource());
    final RegistryStore registry = new RegistryStore(db.dataSource());
    final AccountStore accounts = new AccountStore(db.dataSource());
    /** What IncidentCommands announced: proves the console went through the one path. */
    final List<IncidentChange> changes = new CopyOnWriteArrayList<>();
    final IncidentCommands commands = new IncidentCommands(incidents, Clock.systemUTC(), change -> {
        changes.add(change);
        vertx.eventBus().publish(Addresses.INCIDENT_CHANGED, Json.write(change));
    });
    /** The paging providers the console reports on (issue 13); tests move them by hand. */
    final org.shouwang.notifier.ProviderHealth twilioHealth = new org.shouwang.notifier.ProviderHealth("twilio",
            Clock.systemUTC());
    final org.shouwang.notifier.ProviderHealth aliyunHealth = new org.shouwang.notifier.ProviderHealth("aliyun",
            Clock.systemUTC());
    final WebClient client;
    final int port;
    final StaffClient district;
    final StaffClient street;
    final StaffClient worker;
    final StaffClient other;
    private final AtomicInteger seq = new AtomicInteger();
    private final Map<String, WebClient> clientsBySource = new ConcurrentHashMap<>();

    ConsoleHarness() {
        this(Clock.systemUTC());
    }

    ConsoleHarness(Clock clock) {
        ConsoleAccounts.createIfAbsent(accounts, "district", "区值班", AccountRole.DISTRICT, null, List.of(), PASSWORD, "t");
        ConsoleAccounts.createIfAbsent(accounts, "street", "陈值班", AccountRole.STREET, STREET, List.of(), PASSWORD, "t");
        ConsoleAccounts.createIfAbsent(accounts, "worker", "李社工", AccountRole.COMMUNITY_WORKER, STREET,
                List.of(COMMUNITY), PASSWORD, "t");
        ConsoleAccounts.createIfAbsent(accounts, "other", "王社工", AccountRole.COMMUNITY_WORKER, STREET,
                List.of(OTHER_COMMUNITY), PASSWORD, "t");
        ConsoleVerticle console = deploy(List.of(HealthCheck.of("database", () -> db.ping(2), "数据库无响应")), clock);
        port = console.actualPort();
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
        district = login("district");
        street = login("street");
        worker = login("worker");
        other = login("other");
    }

    /** Deploys a further console on a free port, sharing this harness's database. */
    ConsoleVerticle deploy(List<HealthCheck> checks) {
        return deploy(checks, Clock.systemUTC());
    }

    private ConsoleVerticle deploy(List<HealthCheck> checks, Clock clock) {
        return deploy(new ConsoleConfig("127.0.0.1", 0), checks, clock);
    }

    /** Deploys a further console with its own configuration (on port 0) and clock, sharing the database. */
    ConsoleVerticle deploy(ConsoleConfig config, List<HealthCheck> checks, Clock clock) {
        return deploy(config, RuleThresholds.DEFAULTS, checks, clock);
    }

    /** As above, with the district-wide thresholds the platform was configured with. */
    ConsoleVerticle deploy(ConsoleConfig config, RuleThresholds ruleDefaults, List<HealthCheck> checks, Clock clock) {
        ConsoleVerticle console = new ConsoleVerticle(config, stores, commands, ruleDefaults,
                CareServices.of(stores, clock), checks, List.of(twilioHealth, aliyunHealth),
                recipient -> ProviderRouting.label(ProviderRouting.Mode.BY_NUMBER, recipient), clock);
        await(vertx.deployVerticle(console));
        return console;
    }

    HttpResponse<Buffer> tryLogin(String username, String password) {
        return await(client.post("/api/login").sendJsonObject(new JsonObject().put("username", username)
                .put("password", password)));
    }

    /**
     * A login sent from another loopback address ({@code 127.0.0.2}, ...), so a test can play a second
     * machine: Linux answers the whole 127.0.0.0/8 on the loopback interface.
     */
    HttpResponse<Buffer> tryLoginFrom(String sourceAddress, String username, String password) {
        return await(sendLoginFrom(sourceAddress, username, password, null));
    }

    /** As above, optionally with an {@code X-Forwarded-For} header; not awaited, for bursts. */
    Future<HttpResponse<Buffer>> sendLoginFrom(String sourceAddress, String username, String password,
                                               String forwardedFor) {
        WebClient from = clientsBySource.computeIfAbsent(sourceAddress, a -> WebClient.create(vertx,
                new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port).setLocalAddress(a)));
        var request = from.post("/api/login");
        if (forwardedFor != null) {
            request.putHeader("X-Forwarded-For", forwardedFor);
        }
        return request.sendJsonObject(new JsonObject().put("username", username).put("password", password));
    }

    StaffClient login(String username) {
        HttpResponse<Buffer> r = tryLogin(username, PASSWORD);
        assertThat(r.statusCode()).as("login of " + username).isEqualTo(200);
        String cookie = r.cookies().stream().filter(c -> c.startsWith(Authenticator.COOKIE + "=")).findFirst()
                .map(c -> c.substring(Authenticator.COOKIE.length() + 1, c.indexOf(';'))).orElseThrow();
        return new StaffClient(client, cookie, r.bodyAsJsonObject().getString("csrfToken"), r.bodyAsJsonObject());
    }

    /** Requests as the street user (平江街道), the console's everyday user. */
    HttpResponse<Buffer> get(String path) {
        return street.get(path);
    }

    HttpResponse<Buffer> post(String path, JsonObject body) {
        return street.post(path, body);
    }

    HttpResponse<Buffer> postRaw(String path, String body) {
        return street.postRaw(path, "application/json", Buffer.buffer(body));
    }

    HttpResponse<Buffer> anonymousGet(String path) {
        return await(client.get(path).send());
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
        return elderForm(idNumber, phone, COMMUNITY);
    }

    static JsonObject elderForm(String idNumber, String phone, String community) {
        return new JsonObject().put("name", "张桂英").put("idNumber", idNumber).put("street", STREET)
                .put("community", community).put("address", "姑苏区大儒巷12号201室").put("phone", phone);
    }

    /** Registers an elder of 大儒巷社区 through the API and returns the new id. */
    long newElder() {
        return newElder(COMMUNITY);
    }

    /** Registers an elder of 大儒巷社区 with the given ID number. */
    long newElderWith(String idNumber) {
        HttpResponse<Buffer> r = post("/api/elders", elderForm(idNumber, phone()));
        assertThat(r.statusCode()).as("elder registered").isEqualTo(201);
        return r.bodyAsJsonObject().getLong("id");
    }

    long newElder(String community) {
        HttpResponse<Buffer> r = post("/api/elders", elderForm(idNumber(), phone(), community));
        assertThat(r.statusCode()).as("elder registered").isEqualTo(201);
        return r.bodyAsJsonObject().getLong("id");
    }

    /** Opens an incident the way the notifier does: records a rule's alert and announces it on the event bus. */
    Incident raise(long elderId, Rule rule) {
        String deviceId = "dev-" + elderId;
        Alert alert = new Alert(rule + ":" + deviceId + ":m" + next(), rule, deviceId,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), "测试");
        Incident opened = incidents.recordAlert(elderId, alert).incident();
        vertx.eventBus().publish(Addresses.INCIDENT_CHANGED,
                Json.write(new IncidentChange(opened.id(), elderId, IncidentState.OPEN, "opened")));
        return opened;
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
