package org.shouwang.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.app.ConfigLoader;
import org.shouwang.app.Platform;
import org.shouwang.db.Database;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.db.RegistryStore;
import org.shouwang.model.ContactRole;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;
import org.shouwang.model.Topics;
import org.shouwang.sim.CallButton;
import org.shouwang.sim.WaterMeter;
import org.shouwang.standin.RecordingTwilioServer;
import org.shouwang.standin.TwilioStubRequest;
import org.shouwang.testkit.TestServices;

/**
 * A database failover as the platform sees it: every backend connection of its database ended at once
 * ({@code pg_terminate_backend}, as when a primary is replaced) while a cluster node leads and a meter streams. The
 * pool is re-established, the node takes its leadership back, no reading the broker accepted is missing (nothing
 * was acknowledged before its commit), and a press afterwards is paged once. Prints one line:
 * {@code db-failover: terminated=… press_to_page_ms=… readings_published=… readings_lost=… pages_duplicated=…}.
 */
class DatabaseFailoverIT {

    private static final String CONTACT = "+8613800008881";

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String meterId = "dbfo-" + run + "-m1";
    private final String buttonId = "dbfo-" + run + "-b1";
    private final Set<String> published = ConcurrentHashMap.newKeySet();
    private RecordingTwilioServer twilio;
    private Platform platform;
    private String dbUrl;

    @BeforeEach
    void start() {
        twilio = RecordingTwilioServer.start(0);
        dbUrl = TestServices.freshDatabase();
        try (Database db = Database.open(DatabaseConfig.of(dbUrl))) {
            RegistryStore registry = new RegistryStore(db.dataSource());
            long elder = registry.createElder(new Elder(0, "林淑珍", null, "平江街道", "平江第二社区", "平江街道演示巷11号",
                    null, true)).id();
            registry.addContact(elder, ContactRole.NEIGHBOUR_VOLUNTEER, "高阿姨", "13800008881", 1);
            registry.addDevice(meterId, DeviceKind.WATER_METER, elder);
            registry.addDevice(buttonId, DeviceKind.CALL_BUTTON, elder);
        }
        Map<String, String> env = TestPlatform.env(dbUrl, twilio, "db-failover");
        env.put("SHOUWANG_CLUSTER_ENABLED", "true");
        env.put("SHOUWANG_CLUSTER_NODE_ID", "node-" + run);
        env.put("SHOUWANG_CLUSTER_RENEW_EVERY", "PT1S");
        env.put("SHOUWANG_CLUSTER_SESSION_TIMEOUT", "PT4S");
        platform = Platform.start(ConfigLoader.load(null, env), Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        if (platform != null) {
            platform.close();
        }
        twilio.close();
        MqttClient c = new MqttClient(TestServices.mqttUrl(), "dbfo-clear-" + run, new MemoryPersistence());
        c.connect();
        for (String id : List.of(meterId, buttonId)) {
            c.publish(Topics.of(id, Topics.Channel.STATUS), new byte[0], 1, true);
        }
        c.disconnect();
        c.close();
    }

    @Test
    void everyConnectionEndedAtOnceLosesNoReadingAndAPressAfterIsPagedOnce() throws Exception {
        await().alias("the node leads").atMost(Duration.ofSeconds(20)).until(platform::leading);
        ScheduledExecutorService stream = Executors.newSingleThreadScheduledExecutor();
        try (WaterMeter meter = new WaterMeter(TestServices.mqttUrl(), meterId, Clock.systemUTC());
             CallButton button = new CallButton(TestServices.mqttUrl(), buttonId, Clock.systemUTC())) {
            meter.connect();
            button.connect();
            stream.scheduleAtFixedRate(() -> published.add(meter.reportUse(0.05, Duration.ofMillis(200), 0.0)),
                    0, 200, TimeUnit.MILLISECONDS);
            await().alias("readings stored").atMost(Duration.ofSeconds(20)).until(() -> storedReadings().size() >= 10);

            // WHEN every backend of the platform's database is ended (its pool, its writers, its leadership session)
            Integer session = leaderSession();
            assertThat(session).as("the leadership session").isNotNull();
            int terminated = terminateAll();
            assertThat(terminated).as("backends ended").isGreaterThanOrEqualTo(2);

            // THEN the node steps down and leads again on a new session, and a press afterwards is paged
            await().alias("leading again, on a new session").atMost(Duration.ofSeconds(30))
                    .until(this::leaderSession, pid -> pid != null && !pid.equals(session));
            await().alias("duties running again").atMost(Duration.ofSeconds(30)).until(platform::leading);
            int publishedBefore = published.size();
            await().alias("readings flow on").atMost(Duration.ofSeconds(30))
                    .until(() -> published.size() >= publishedBefore + 10);
            Instant pressed = Instant.now();
            button.press();
            TwilioStubRequest page = await().alias("the press paged").atMost(Duration.ofSeconds(30))
                    .until(() -> requestsTo(CONTACT).stream().findFirst().orElse(null), r -> r != null);
            long pressToPage = Duration.between(pressed, page.receivedAt()).toMillis();

            // AND nothing the broker accepted is missing, and nobody was paged twice
            stream.shutdown();
            assertThat(stream.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            Set<String> sent = Set.copyOf(published);
            await().alias("every published reading stored").atMost(Duration.ofSeconds(30))
                    .until(() -> storedReadings().containsAll(sent));
            await().alias("one SMS and one call, no more").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20))
                    .until(() -> requestsTo(CONTACT).size() == 2);
            long duplicated = requestsTo(CONTACT).stream()
                    .collect(Collectors.groupingBy(TwilioStubRequest::resource, Collectors.counting()))
                    .values().stream().mapToLong(n -> n - 1).sum();
            Set<String> stored = storedReadings();
            long lost = sent.stream().filter(id -> !stored.contains(id)).count();
            System.out.printf("db-failover: terminated=%d press_to_page_ms=%d readings_published=%d readings_lost=%d"
                    + " pages_duplicated=%d%n", terminated, pressToPage, sent.size(), lost, duplicated);
            assertThat(lost).as("readings lost").isZero();
            assertThat(duplicated).as("pages sent twice").isZero();
        } finally {
            stream.shutdownNow();
        }
    }

    private int terminateAll() throws Exception {
        try (Connection c = DriverManager.getConnection(dbUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                     + " WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The backend holding this node's leadership lock, or null. */
    private Integer leaderSession() throws Exception {
        try (Connection c = DriverManager.getConnection(dbUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT a.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                     + " WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = 'shouwang-leadership-node-"
                     + run + "'")) {
            return rs.next() ? rs.getInt(1) : null;
        }
    }

    private List<TwilioStubRequest> requestsTo(String to) {
        return twilio.requests().stream().filter(r -> to.equals(r.to())).toList();
    }

    private Set<String> storedReadings() throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = DriverManager.getConnection(dbUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT msg_id FROM telemetry WHERE device_id = '" + meterId + "'")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
