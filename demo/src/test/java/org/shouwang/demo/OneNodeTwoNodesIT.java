package org.shouwang.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.shouwang.app.ConfigLoader;
import org.shouwang.app.Platform;
import org.shouwang.db.Database;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.db.RegistryStore;
import org.shouwang.model.Addresses;
import org.shouwang.model.ContactRole;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;
import org.shouwang.model.Json;
import org.shouwang.model.Telemetry;
import org.shouwang.model.Topics;
import org.shouwang.model.WaterInterval;
import org.shouwang.sim.Home;
import org.shouwang.sim.Scenarios;
import org.shouwang.sim.SimulatedMessage;
import org.shouwang.sim.WaterMeter;
import org.shouwang.standin.RecordingTwilioServer;
import org.shouwang.testkit.TestClock;
import org.shouwang.testkit.TestServices;

/**
 * Same answers on one node and on two (issue 16): the same simulated days (an ordinary day, a fall at 22:00, no
 * water after it) played once into a single node and once into a cluster of two whose leader is stopped at the
 * end of the first day, so the second day is judged by the other node from the state it rebuilt. Both raise the
 * same alerts, under the same ids (the meter's id aside), and nothing else.
 */
class OneNodeTwoNodesIT {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 2);
    private static final Instant START = Scenarios.local(DAY, 0, 0);
    private static final Home SCENARIO_HOME = new Home("wm-days", "cb-days");
    private static final long SEED = 2026L;
    private static final Duration WINDOW = Duration.ofHours(18);
    private static final double MIN_LITERS = 10.0;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void theSameDaysRaiseTheSameAlertsOnOneNodeAndOnTwoWithAHandoverBetween() throws Exception {
        List<String> one = playDays("one", 1);
        List<String> two = playDays("two", 2);

        System.out.printf("one-node-two-nodes: alerts_one=%s alerts_two=%s%n", one, two);
        assertThat(one).as("alerts on one node").containsExactly("NO_WATER_USE:M:" + anchorOfTheScenario());
        assertThat(two).as("alerts on two nodes, the leader stopped after day one").isEqualTo(one);
    }

    /** Plays the days into {@code nodes} platforms (a cluster when 2); the rules' alerts, meter id replaced by M. */
    private List<String> playDays(String name, int nodes) throws Exception {
        String meterId = "wm-1v2-" + name + "-" + run;
        String dbUrl = TestServices.freshDatabase();
        try (Database db = Database.open(DatabaseConfig.of(dbUrl))) {
            RegistryStore registry = new RegistryStore(db.dataSource());
            long elder = registry.createElder(new Elder(0, "曹桂英", null, "平江街道", "平江第一社区", "平江街道演示巷3号",
                    null, true)).id();
            registry.addContact(elder, ContactRole.NEIGHBOUR_VOLUNTEER, "袁阿姨", "13800009991", 1);
            registry.addDevice(meterId, DeviceKind.WATER_METER, elder);
        }
        TestClock clock = new TestClock(START);
        AtomicInteger announced = new AtomicInteger();
        List<Platform> platforms = new ArrayList<>();
        try (RecordingTwilioServer twilio = RecordingTwilioServer.start(0)) {
            String session = "shouwang-it-1v2-" + name + "-" + run;
            for (int i = 0; i < nodes; i++) {
                Map<String, String> env = TestPlatform.env(dbUrl, twilio, "1v2-" + name + i);
                env.put("SHOUWANG_MQTT_CLIENT_ID", session);
                env.put("SHOUWANG_RULES_TICK", "PT0.05S");
                env.put("SHOUWANG_RULES_NO_WATER_WINDOW", WINDOW.toString());
                env.put("SHOUWANG_RULES_METER_REPORT_INTERVAL", "PT2H");
                env.put("SHOUWANG_ESCALATION_TICK", "PT0.05S");
                if (nodes > 1) {
                    env.put("SHOUWANG_CLUSTER_ENABLED", "true");
                    env.put("SHOUWANG_CLUSTER_NODE_ID", name + i + "-" + run);
                    env.put("SHOUWANG_CLUSTER_RENEW_EVERY", "PT1S");
                    env.put("SHOUWANG_CLUSTER_SESSION_TIMEOUT", "PT4S");
                }
                Platform p = Platform.start(ConfigLoader.load(null, env), clock);
                platforms.add(p);
                // Ingest announces a reading after its commit, on the leader's bus: listened to on every node.
                p.vertx().eventBus().<String>consumer(Addresses.TELEMETRY_ACCEPTED, m -> {
                    if (Json.read(m.body(), Telemetry.class).deviceId().equals(meterId)) {
                        announced.incrementAndGet();
                    }
                }).completion().await();
            }
            await().alias("a node leads").atMost(Duration.ofSeconds(20))
                    .until(() -> platforms.stream().filter(Platform::leading).count() == 1);

            Iterator<SimulatedMessage> messages = Scenarios.fallAtNight(SCENARIO_HOME, SEED, DAY)
                    .messages(START, START.plus(Duration.ofDays(3)));
            try (WaterMeter meter = new WaterMeter(TestServices.mqttUrl(), meterId, clock)) {
                meter.connect();
                Player player = new Player(meter, messages, clock, announced);
                player.runUntil(Scenarios.local(DAY.plusDays(1), 0, 0));
                if (nodes > 1) {
                    // WHEN the leader is stopped at the end of day one, the other node judges day two
                    Platform leader = platforms.stream().filter(Platform::leading).findFirst().orElseThrow();
                    leader.close();
                    platforms.remove(leader);
                    await().alias("the other node leads").atMost(Duration.ofSeconds(20))
                            .until(() -> platforms.get(0).leading());
                }
                Instant deadline = player.anchor().plus(WINDOW);
                player.runUntil(deadline.plus(Duration.ofHours(1)));
                await().alias("the rules' alerts").atMost(Duration.ofSeconds(20)).until(() -> !alerts(dbUrl).isEmpty());
                await().alias("nothing more").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                        .until(() -> alerts(dbUrl).size() == 1);
            }
            return alerts(dbUrl).stream().map(a -> a.replace(meterId, "M")).toList();
        } finally {
            for (Platform p : platforms) {
                p.close();
            }
            clearRetainedStatus(meterId);
        }
    }

    /** The scenario's anchor, from a dry run of its first day: the latest instant from which 10 L were used. */
    private static long anchorOfTheScenario() {
        Iterator<SimulatedMessage> messages = Scenarios.fallAtNight(SCENARIO_HOME, SEED, DAY)
                .messages(START, START.plus(Duration.ofDays(3)));
        Instant endOfDay = Scenarios.local(DAY.plusDays(1), 0, 0);
        List<WaterInterval> sent = new ArrayList<>();
        while (messages.hasNext()) {
            SimulatedMessage m = messages.next();
            if (!m.at().isBefore(endOfDay)) {
                break;
            }
            sent.addAll(m.telemetry().intervals());
        }
        return Player.anchor(sent).toEpochMilli();
    }

    private static List<String> alerts(String dbUrl) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(dbUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT alert_id FROM rule_alert ORDER BY alert_id")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** Plays a scenario's readings on the shared clock, each once the platform has stored the one before. */
    private static final class Player {
        private final WaterMeter meter;
        private final Iterator<SimulatedMessage> messages;
        private final TestClock clock;
        private final AtomicInteger announced;
        private final List<WaterInterval> sent = new ArrayList<>();
        private SimulatedMessage next;
        private int published;

        Player(WaterMeter meter, Iterator<SimulatedMessage> messages, TestClock clock, AtomicInteger announced) {
            this.meter = meter;
            this.messages = messages;
            this.clock = clock;
            this.announced = announced;
            this.next = messages.hasNext() ? messages.next() : null;
        }

        void runUntil(Instant t) {
            while (next != null && next.at().isBefore(t)) {
                clock.set(next.at());
                Telemetry reading = next.telemetry();
                meter.report(reading.intervals(), reading.flowLpm() == null ? 0 : reading.flowLpm());
                sent.addAll(reading.intervals());
                int expected = ++published;
                await().alias("reading " + expected + " stored and announced").pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(20))
                        .until(() -> announced.get() >= expected);
                next = messages.hasNext() ? messages.next() : null;
            }
            clock.set(t);
        }

        Instant anchor() {
            return anchor(sent);
        }

        static Instant anchor(List<WaterInterval> sent) {
            double liters = 0;
            for (int i = sent.size() - 1; i >= 0; i--) {
                liters += sent.get(i).liters();
                if (liters >= MIN_LITERS) {
                    return sent.get(i).end();
                }
            }
            throw new AssertionError("the meter never reported " + MIN_LITERS + " L");
        }
    }

    private void clearRetainedStatus(String meterId) throws Exception {
        MqttClient client = new MqttClient(TestServices.mqttUrl(), "sw-it-1v2-cleanup-" + run, new MemoryPersistence());
        try {
            client.connect();
            client.publish(Topics.of(meterId, Topics.Channel.STATUS), new byte[0], 1, true);
            client.disconnect();
        } finally {
            client.close();
        }
    }
}
