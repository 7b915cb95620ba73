package org.shouwang.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.DeviceKind;
import org.shouwang.sim.CallButton;

/** Acknowledge after the durable write: while PostgreSQL refuses connections nothing is acknowledged. */
class DatabaseOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private IngestHarness h;
    private HikariDataSource ingestPool;

    @BeforeEach
    void open() throws Exception {
        h = new IngestHarness();
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(h.dbUrl);
        pool.setMaximumPoolSize(2);
        // Short timeouts so an outage shows up as failed attempts within the test's time.
        pool.setConnectionTimeout(500);
        pool.setValidationTimeout(250);
        ingestPool = new HikariDataSource(pool);
    }

    @AfterEach
    void close() throws Exception {
        allowConnections(true);
        try {
            h.close();
        } finally {
            ingestPool.close();
        }
    }

    @Test
    void whileTheDatabaseIsUnreachableNothingIsAckedAndOnceItIsBackThePressIsStoredOnce() throws Exception {
        String buttonId = h.register("btn", DeviceKind.CALL_BUTTON);
        MqttIngestVerticle ingest = h.deploy(h.config("outage"), ingestPool, Clock.systemUTC());
        try (CallButton button = new CallButton(h.mqttUrl, buttonId, Clock.systemUTC())) {
            button.connect();
            await().alias("online status written").atMost(WAIT)
                    .until(() -> h.count("SELECT count(*) FROM device WHERE device_id = ? AND online", buttonId) == 1);

            allowConnections(false);
            long received = ingest.metrics().received();
            long acked = ingest.metrics().acked();
            String press = button.press();
            await().alias("press received").atMost(WAIT).until(() -> ingest.metrics().received() > received);
            long failures = ingest.metrics().writeFailures();
            await().alias("its batch failed again").atMost(WAIT).until(() -> ingest.metrics().writeFailures() > failures);

            assertThat(ingest.metrics().acked()).as("acks while the database is down").isEqualTo(acked);
            assertThat(ingest.writerCommitting()).as("ready while nothing can be written").isFalse();
            // The press is announced from memory so it can be paged at once (issue 9.10), and only once however
            // often its write is retried.
            await().alias("press announced ahead of its write").atMost(WAIT).until(() -> h.eventsOnBus(buttonId, press) == 1);
            long failuresAfterAnnouncing = ingest.metrics().writeFailures();
            await().alias("its write retried again").atMost(WAIT)
                    .until(() -> ingest.metrics().writeFailures() > failuresAfterAnnouncing);
            assertThat(h.eventsOnBus(buttonId, press)).as("announced once ahead, not at every retry").isEqualTo(1);
            assertThat(ingest.metrics().announcedAhead()).isEqualTo(1);

            allowConnections(true);

            // After the commit it is announced again, like every event: the alert id makes the repeat page nobody.
            // (On the NATS cluster an outage longer than ack_wait also brings the broker's copy into that batch,
            // announced with it: three announcements, still one row.)
            await().alias("press stored after the outage").atMost(WAIT).until(() -> h.eventsOnBus(buttonId, press) >= 2);
            assertThat(countOnANewConnection("SELECT count(*) FROM device_event WHERE device_id = '" + buttonId
                    + "' AND msg_id = '" + press + "'")).isEqualTo(1);
            assertThat(ingest.metrics().acked()).isGreaterThan(acked);
            assertThat(ingest.writerCommitting()).as("ready again once a batch commits").isTrue();
        }
    }

    /** The harness's pooled connections were terminated with the outage; a new one sees the stored rows. */
    private long countOnANewConnection(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(h.dbUrl); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void allowConnections(boolean allow) {
        TestServices.allowConnections(h.dbUrl, allow);
    }
}
