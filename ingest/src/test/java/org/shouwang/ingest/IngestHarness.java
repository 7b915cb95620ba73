package org.shouwang.ingest;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.shouwang.db.Database;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.db.RegistryStore;
import org.shouwang.db.TelemetryStore;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.Addresses;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.DeviceStatus;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;
import org.shouwang.model.Json;
import org.shouwang.model.Telemetry;
import org.shouwang.model.Topics;

/**
 * What every ingest integration test needs: its own database with one elder, a Vert.x with recorders on
 * the accepted-message addresses, unique device and client ids on the shared broker, and clean-up of the
 * persistent sessions and retained statuses it leaves there.
 */
final class IngestHarness implements AutoCloseable {

    final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    /** Where devices connect; ingest connects to {@link TestServices#mqttIngestUrl()} (another node when clustered). */
    final String mqttUrl = TestServices.mqttUrl();
    final String dbUrl = TestServices.freshDatabase();
    final Database db = Database.open(DatabaseConfig.of(dbUrl));
    final RegistryStore registry = new RegistryStore(db.dataSource());
    final Vertx vertx = Vertx.vertx();
    final List<Telemetry> telemetryOnBus = new CopyOnWriteArrayList<>();
    final List<DeviceEvent> eventsOnBus = new CopyOnWriteArrayList<>();
    final List<DeviceStatus> statusesOnBus = new CopyOnWriteArrayList<>();
    private final long elderId;
    private final List<String> clientIds = new ArrayList<>();
    private final List<String> devices = new ArrayList<>();

    IngestHarness() throws Exception {
        elderId = registry.createElder(new Elder(0, "测试老人", null, "平江街道", "大儒巷社区", "大儒巷1号", null, true)).id();
        MessageConsumer<String> t = vertx.eventBus().consumer(Addresses.TELEMETRY_ACCEPTED,
                m -> telemetryOnBus.add(Json.read(m.body(), Telemetry.class)));
        MessageConsumer<String> e = vertx.eventBus().consumer(Addresses.EVENT_ACCEPTED,
                m -> eventsOnBus.add(Json.read(m.body(), DeviceEvent.class)));
        MessageConsumer<String> st = vertx.eventBus().consumer(Addresses.STATUS_ACCEPTED,
                m -> statusesOnBus.add(Json.read(m.body(), DeviceStatus.class)));
        await(Future.all(t.completion(), e.completion(), st.completion()));
    }

    /** Registers a device with a unique id on this elder and returns the id. */
    String register(String prefix, DeviceKind kind) {
        String id = unregistered(prefix);
        registry.addDevice(id, kind, elderId);
        return id;
    }

    /** A unique device id that is not registered (its retained status is still cleaned up). */
    String unregistered(String prefix) {
        String id = prefix + "-" + run + "-" + devices.size();
        devices.add(id);
        return id;
    }

    /**
     * A config with a client id and shared group of this test's own, so it never takes messages meant for
     * other tests on the same broker. Moquette and NATS cannot do {@code $share}: a plain subscription there.
     */
    IngestConfig config(String clientName) {
        String clientId = "it-" + clientName + "-" + run;
        clientIds.add(clientId);
        return IngestConfig.of(TestServices.mqttIngestUrl(), clientId)
                .withSharedGroup(TestServices.mqttHasSharedSubscriptions() ? "it-" + run : null);
    }

    /** As the platform deploys it: the presses' writer on a pool of its own. */
    MqttIngestVerticle deploy(IngestConfig config) throws Exception {
        DataSource presses = db.dedicatedPool("it-events-" + run, 2);
        MqttIngestVerticle verticle = new MqttIngestVerticle(config, new TelemetryStore(db.dataSource()),
                new RegistryStore(db.dataSource()), new TelemetryStore(presses), new RegistryStore(presses),
                Clock.systemUTC(), new SimpleMeterRegistry());
        await(vertx.deployVerticle(verticle));
        return verticle;
    }

    MqttIngestVerticle deploy(IngestConfig config, DataSource ds, Clock clock) throws Exception {
        MqttIngestVerticle verticle = new MqttIngestVerticle(config, new TelemetryStore(ds), new RegistryStore(ds),
                clock, new SimpleMeterRegistry());
        await(vertx.deployVerticle(verticle));
        return verticle;
    }

    Future<Void> undeploy(MqttIngestVerticle verticle) {
        return vertx.undeploy(verticle.deploymentID());
    }

    long count(String sql, Object... args) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    long eventsOnBus(String deviceId, String msgId) {
        return eventsOnBus.stream().filter(e -> e.deviceId().equals(deviceId) && e.msgId().equals(msgId)).count();
    }

    long telemetryOnBus(String deviceId, String msgId) {
        return telemetryOnBus.stream().filter(t -> t.deviceId().equals(deviceId) && t.msgId().equals(msgId)).count();
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        try {
            await(vertx.close());
        } finally {
            db.close();
            cleanBroker();
        }
    }

    /** Ends this test's persistent sessions (else the broker queues for them forever) and clears retained statuses. */
    private void cleanBroker() throws Exception {
        MqttConnectOptions clean = new MqttConnectOptions();
        clean.setCleanSession(true);
        for (String clientId : clientIds) {
            MqttClient c = new MqttClient(mqttUrl, clientId, new MemoryPersistence());
            c.connect(clean);
            c.disconnect();
            c.close();
        }
        MqttClient c = new MqttClient(mqttUrl, "it-clean-" + run, new MemoryPersistence());
        c.connect(clean);
        for (String device : devices) {
            c.publish(Topics.of(device, Topics.Channel.STATUS), new byte[0], 1, true);
        }
        c.disconnect();
        c.close();
    }
}
