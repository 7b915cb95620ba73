package org.shouwang.demo;

import org.shouwang.app.Platform;
import org.shouwang.app.ConfigLoader;
import org.shouwang.app.AppConfig;
import org.shouwang.testkit.TestClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.db.Database;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.db.RegistryStore;
import org.shouwang.testkit.ConsoleSession;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.Addresses;
import org.shouwang.model.ContactRole;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;
import org.shouwang.model.Json;
import org.shouwang.model.Telemetry;
import org.shouwang.model.Topics;
import org.shouwang.model.WaterInterval;
import org.shouwang.standin.RecordingTwilioServer;
import org.shouwang.standin.TwilioStubRequest;
import org.shouwang.sim.Home;
import org.shouwang.sim.HomeScenario;
import org.shouwang.sim.Scenarios;
import org.shouwang.sim.SimulatedMessage;
import org.shouwang.sim.WaterMeter;

/**
 * Two simulated days in seconds on the real broker and database: the platform and a simulated meter share
 * one hand-driven clock; an ordinary day raises nothing, and the configured window ({@code rules.noWaterWindow}
 * set to 18 h, not the 24 h default) after the last use NO_WATER_USE opens an incident and the elder is called
 * first, the care team five simulated minutes later. The console shows the window the engine runs.
 */
class SimulatedDaysIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final LocalDate DAY = LocalDate.of(2026, 11, 2);
    /** Midnight in Suzhou, so the first simulated day is a whole local day with its morning and evening. */
    private static final Instant START = Scenarios.local(DAY, 0, 0);
    private static final long SEED = 2026L;
    /** The site's configured window, deliberately not the 24 h default: the rule and the console must both use it. */
    private static final Duration WINDOW = Duration.ofHours(18);
    private static final String ADMIN = "it-days-admin";
    private static final String ADMIN_PASSWORD = "it-days-admin-password";
    private static final double MIN_LITERS = 10.0;
    private static final String ELDER_PHONE = "+8613800001111";
    private static final String NEIGHBOUR_PHONE = "+8613800002222";
    /** Long enough for several rule and escalation ticks (50 ms) to pass on the current simulated time. */
    private static final Duration QUIET_FOR = Duration.ofMillis(500);

    /** The scenario's home: a fixed id, because the simulator seeds each home's water use with its meter id. */
    private static final Home SCENARIO_HOME = new Home("wm-days", "cb-days");
    /** The meter on the broker: an id of this run's own, as other runs may share the broker. */
    private static final String METER_ID = "wm-days-" + RUN;
    private static final TestClock CLOCK = new TestClock(START);
    private static final AtomicInteger ANNOUNCED = new AtomicInteger();

    private static RecordingTwilioServer twilio;
    private static Platform platform;
    private static long elderId;

    @BeforeAll
    static void start() throws Exception {
        twilio = RecordingTwilioServer.start(0);
        String dbUrl = TestServices.freshDatabase();
        // The home is in the registry before the platform starts, as in production: rules and ingest know it.
        try (Database db = Database.open(DatabaseConfig.of(dbUrl))) {
            RegistryStore registry = new RegistryStore(db.dataSource());
            elderId = registry.createElder(new Elder(0, "王秀英", "32050819400101123X", "平江街道", "平江第一社区",
                    "平江街道大儒巷12号301室", "13800001111", true)).id();
            registry.addContact(elderId, ContactRole.NEIGHBOUR_VOLUNTEER, "李阿姨", "13800002222", 1);
            registry.addDevice(METER_ID, DeviceKind.WATER_METER, elderId);
        }
        Map<String, String> env = TestPlatform.env(dbUrl, twilio, "days");
        env.put("SHOUWANG_RULES_TICK", "PT0.05S");
        env.put("SHOUWANG_RULES_NO_WATER_WINDOW", WINDOW.toString());
        env.put("SHOUWANG_CONSOLE_ADMIN_USER", ADMIN);
        env.put("SHOUWANG_CONSOLE_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // Reports come every 15 simulated minutes; 3 x 2 h leaves room, yet a meter that stopped would show.
        env.put("SHOUWANG_RULES_METER_REPORT_INTERVAL", "PT2H");
        env.put("SHOUWANG_ESCALATION_TICK", "PT0.05S");
        env.put("SHOUWANG_TWILIO_ACCOUNT_SID", DemoCommand.DEMO_ACCOUNT_SID);
        env.put("SHOUWANG_TWILIO_AUTH_TOKEN", "it-token");
        env.put("SHOUWANG_TWILIO_FROM_NUMBER", "+12025550100");
        env.put("SHOUWANG_TWILIO_API_BASE_URL", twilio.baseUrl());
        AppConfig config = ConfigLoader.load(null, env);
        assertThat(config.rules().noWaterWindow()).isEqualTo(WINDOW);
        assertThat(config.rules().noWaterMinLiters()).isEqualTo(MIN_LITERS);
        platform = Platform.start(config, CLOCK);
        // Published by ingest after the commit: a reading counted here is durable and on its way to the rules.
        platform.vertx().eventBus().<String>consumer(Addresses.TELEMETRY_ACCEPTED, m -> {
            if (Json.read(m.body(), Telemetry.class).deviceId().equals(METER_ID)) {
                ANNOUNCED.incrementAndGet();
            }
        }).completion().await(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (platform != null) {
                platform.close();
            }
        } finally {
            twilio.close();
            clearRetainedStatus(Topics.of(METER_ID, Topics.Channel.STATUS));
        }
    }

    @Test
    void theConsoleShowsTheConfiguredWindowAsTheDistrictDefaultAndForEachElder() {
        ConsoleSession admin = ConsoleSession.login("http://127.0.0.1:" + platform.consolePort(), ADMIN, ADMIN_PASSWORD);

        JsonNode district = admin.get("/api/rules/thresholds");
        JsonNode elder = admin.get("/api/rules/thresholds?elderId=" + elderId);

        assertThat(district.get("defaults").get("noWaterWindow").asText()).isEqualTo("PT18H");
        assertThat(district.get("effective").get("noWaterWindow").asText()).isEqualTo("PT18H");
        assertThat(elder.get("effective").get("noWaterWindow").asText()).isEqualTo("PT18H");
    }

    @Test
    void aDayWithoutWaterAfterAnOrdinaryDayCallsTheElderFirstAtTheDeadlineOfSimulatedTime() throws Exception {
        long began = System.nanoTime();
        // The elder uses water as on any day, falls at 22:00 and none runs again; the meter keeps reporting.
        // One period for the whole story: a period cut in pieces would restart the meter at each cut.
        HomeScenario scenario = Scenarios.fallAtNight(SCENARIO_HOME, SEED, DAY);
        try (MeterOnBroker meter = new MeterOnBroker(scenario.messages(START, START.plus(Duration.ofDays(3))))) {
            // GIVEN an ordinary first day with morning and evening use
            Instant endOfDay = Scenarios.local(DAY.plusDays(1), 0, 0);
            meter.runUntil(endOfDay);
            assertThat(meter.litersBetween(Scenarios.local(DAY, 6, 0), Scenarios.local(DAY, 10, 0)))
                    .as("morning use").isGreaterThan(MIN_LITERS);
            assertThat(meter.litersBetween(Scenarios.local(DAY, 18, 0), Scenarios.local(DAY, 22, 0)))
                    .as("evening use").isGreaterThan(MIN_LITERS);
            assertThat(meter.litersBetween(Scenarios.local(DAY, 22, 0), endOfDay)).as("after the fall").isZero();
            nothingRaised("after an ordinary day");

            // The rule's deadline from what the meter sent: the configured window after the last moment 10 L had been used since
            Instant anchor = meter.anchor();
            Instant deadline = anchor.plus(WINDOW);
            assertThat(deadline).isAfter(endOfDay);

            // WHEN the silent day runs up to an hour and then a minute before the deadline, THEN nothing fires
            meter.runUntil(deadline.minus(Duration.ofHours(1)));
            nothingRaised("an hour before the deadline");
            meter.runUntil(deadline.minus(Duration.ofMinutes(1)));
            nothingRaised("a minute before the deadline");

            // WHEN the first report past the deadline arrives
            meter.runUntil(deadline.plus(Duration.ofMinutes(1)));

            // THEN a NO_WATER_USE incident is open for the elder, stamped in simulated time at the deadline
            await().alias("NO_WATER_USE incident open").atMost(Duration.ofSeconds(10))
                    .until(() -> count("SELECT count(*) FROM incident WHERE elder_id = ? AND state = 'OPEN'", elderId) == 1);
            assertThat(single("SELECT rule FROM incident WHERE elder_id = ?", elderId)).isEqualTo("NO_WATER_USE");
            assertThat(instant("SELECT opened_at FROM incident WHERE elder_id = ?", elderId))
                    .isBetween(deadline, deadline.plus(Duration.ofMinutes(1)));
            assertThat(single("SELECT a.alert_id FROM incident_alert a JOIN incident i ON i.id = a.incident_id"
                    + " WHERE i.elder_id = ?", elderId))
                    .as("the episode is named by the anchor taken from the intervals' own times")
                    .isEqualTo("NO_WATER_USE:" + METER_ID + ":" + anchor.toEpochMilli());
            assertThat(count("SELECT count(*) FROM rule_alert")).as("one alert from the rules, nothing else").isEqualTo(1);

            // AND the elder is called first; the neighbour hears nothing while simulated time stands still
            TwilioStubRequest call = await().alias("call to the elder").atMost(Duration.ofSeconds(10))
                    .until(() -> twilio.requests(), r -> !r.isEmpty()).get(0);
            assertThat(call.path()).endsWith("/Calls.json");
            assertThat(call.to()).isEqualTo(ELDER_PHONE);
            await().alias("the neighbour is not paged before the well-check step").during(QUIET_FOR)
                    .atMost(QUIET_FOR.multipliedBy(4)).until(() -> to(NEIGHBOUR_PHONE).isEmpty());

            // WHEN five simulated minutes pass without the elder confirming, THEN the neighbour gets an SMS and a call
            CLOCK.advance(Duration.ofMinutes(6));
            await().alias("the neighbour paged").atMost(Duration.ofSeconds(10))
                    .until(() -> to(NEIGHBOUR_PHONE).size() == 2);
            assertThat(to(NEIGHBOUR_PHONE)).extracting(TwilioStubRequest::path)
                    .anySatisfy(p -> assertThat(p).endsWith("/Messages.json"))
                    .anySatisfy(p -> assertThat(p).endsWith("/Calls.json"));
            assertThat(twilio.requests().get(0).to()).isEqualTo(ELDER_PHONE);

            // AND every reading is stored once: a report every 15 simulated minutes from the start to the deadline
            assertThat(meter.published()).isEqualTo(Duration.between(START, deadline).toMinutes() / 15);
            assertThat(count("SELECT count(*) FROM telemetry WHERE device_id = ?", METER_ID))
                    .isEqualTo(meter.published());
        }
        assertThat(Duration.ofNanos(System.nanoTime() - began)).as("simulated days take seconds")
                .isLessThan(Duration.ofSeconds(30));
    }

    /** Nothing raised, opened or paged, and it stays so for several ticks at the current simulated time. */
    private static void nothingRaised(String when) {
        await().alias("nothing raised " + when).during(QUIET_FOR).atMost(QUIET_FOR.multipliedBy(4))
                .until(() -> count("SELECT count(*) FROM rule_alert") == 0 && count("SELECT count(*) FROM incident") == 0
                        && twilio.requests().isEmpty());
    }

    private static List<TwilioStubRequest> to(String phone) {
        return twilio.requests().stream().filter(r -> phone.equals(r.to())).toList();
    }

    /**
     * Plays a scenario's messages through a simulated {@link WaterMeter} on the shared clock: before each
     * reading the clock moves to its arrival (15 simulated minutes on), so the meter stamps it in simulated
     * time; the next step waits until the platform has stored and announced it, so the clock never outruns
     * the data.
     */
    private static final class MeterOnBroker implements AutoCloseable {
        private final WaterMeter meter = new WaterMeter(TestServices.mqttUrl(), METER_ID, CLOCK);
        private final Iterator<SimulatedMessage> messages;
        private final List<WaterInterval> sent = new ArrayList<>();
        private SimulatedMessage next;
        private int published;

        MeterOnBroker(Iterator<SimulatedMessage> messages) {
            this.messages = messages;
            this.next = messages.hasNext() ? messages.next() : null;
            meter.connect();
        }

        /** Delivers every message arriving before {@code t}, then leaves the clock at {@code t}. */
        void runUntil(Instant t) {
            while (next != null && next.at().isBefore(t)) {
                CLOCK.set(next.at());
                deliver(next.telemetry());
                next = messages.hasNext() ? messages.next() : null;
            }
            CLOCK.set(t);
        }

        private void deliver(Telemetry t) {
            assertThat(t).as("this scenario sends only meter readings").isNotNull();
            meter.report(t.intervals(), t.flowLpm() == null ? 0 : t.flowLpm());
            sent.addAll(t.intervals());
            int expected = ++published;
            // The meter's publish returns on the PUBACK, which ingest sends after the commit: poll at once.
            await().alias("reading " + expected + " stored and announced").pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> ANNOUNCED.get() == expected);
        }

        int published() {
            return published;
        }

        double litersBetween(Instant from, Instant to) {
            return sent.stream().filter(i -> !i.start().isBefore(from) && !i.end().isAfter(to))
                    .mapToDouble(WaterInterval::liters).sum();
        }

        /** The latest interval end from which the minimum litres were used (each interval counts at its end). */
        Instant anchor() {
            double liters = 0;
            for (int i = sent.size() - 1; i >= 0; i--) {
                liters += sent.get(i).liters();
                if (liters >= MIN_LITERS) {
                    return sent.get(i).end();
                }
            }
            throw new AssertionError("the meter never reported " + MIN_LITERS + " L");
        }

        @Override
        public void close() {
            meter.close();
        }
    }

    private static long count(String sql, Object... args) throws SQLException {
        return Long.parseLong(single(sql, args));
    }

    private static String single(String sql, Object... args) throws SQLException {
        try (Connection c = platform.database().dataSource().getConnection();
             PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).as("a row for %s", sql).isTrue();
            return rs.getString(1);
        }
    }

    private static Instant instant(String sql, Object... args) throws SQLException {
        try (Connection c = platform.database().dataSource().getConnection();
             PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).as("a row for %s", sql).isTrue();
            Timestamp t = rs.getTimestamp(1);
            return t.toInstant();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    /** The meter's retained {@code offline} would otherwise greet every later ingest on this broker. */
    private static void clearRetainedStatus(String topic) throws Exception {
        MqttClient client = new MqttClient(TestServices.mqttUrl(), "sw-it-days-cleanup-" + RUN, new MemoryPersistence());
        try {
            client.connect();
            client.publish(topic, new byte[0], 1, true);
            client.disconnect();
        } finally {
            client.close();
        }
    }
}
