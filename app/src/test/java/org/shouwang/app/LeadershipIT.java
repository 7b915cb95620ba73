package org.shouwang.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.testkit.TestServices;

/**
 * {@link Leadership} on the real PostgreSQL: of two contenders exactly one leads, and the lock changes hands within
 * its bound when the leader closes, when its session is terminated, and when a frozen holder stops renewing.
 */
class LeadershipIT {

    private static final ClusterConfig FAST = new ClusterConfig(true, "", Duration.ofSeconds(1), Duration.ofSeconds(4));
    /** Renewal, a failed renewal's socket timeout, and slack for a 2-core machine shared with other builds. */
    private static final Duration HANDOVER_BOUND = Duration.ofSeconds(6);

    private final List<Leadership> started = new ArrayList<>();
    private String dbUrl;
    private AppConfig.Database database;

    @BeforeEach
    void freshDatabase() {
        dbUrl = TestServices.freshDatabase();
        database = new AppConfig.Database(dbUrl, "", "", 2);
    }

    @AfterEach
    void closeAll() {
        started.forEach(Leadership::close);
    }

    @Test
    void ofTwoNodesExactlyOneLeadsAndKeepsLeading() throws Exception {
        Counting a = new Counting();
        Counting b = new Counting();
        Leadership la = start("node-a", a);
        Leadership lb = start("node-b", b);

        await().alias("one leader").atMost(Duration.ofSeconds(10)).until(() -> la.leading() || lb.leading());
        await().alias("exactly one leader over several renewals").during(Duration.ofSeconds(4))
                .atMost(Duration.ofSeconds(8)).until(() -> la.leading() ^ lb.leading());
        assertThat(a.gained.get() + b.gained.get()).as("gains in all").isEqualTo(1);
        assertThat(a.lost.get() + b.lost.get()).as("losses in all").isZero();
        assertThat(leaderSessions()).as("sessions holding the lock").hasSize(1);
    }

    @Test
    void closingTheLeaderHandsOverWithinTheBound() {
        Counting a = new Counting();
        Counting b = new Counting();
        Leadership la = start("node-a", a);
        await().alias("a leads").atMost(Duration.ofSeconds(10)).until(la::leading);
        Leadership lb = start("node-b", b);
        await().alias("b stays standby").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> !lb.leading());

        long closed = System.nanoTime();
        la.close();
        assertThat(a.lost.get()).as("a stepped down before its close returned").isEqualTo(1);

        // Leading is the lock held; its duties are started right after (the listener): wait for both.
        await().alias("b leads and started its duties").atMost(HANDOVER_BOUND)
                .until(() -> lb.leading() && b.gained.get() == 1);
        System.out.printf("leadership: close_to_takeover_ms=%d%n", (System.nanoTime() - closed) / 1_000_000);
    }

    @Test
    void aLeaderWhoseSessionIsTerminatedStepsDownAndTheOtherTakesOver() throws Exception {
        Counting a = new Counting();
        Counting b = new Counting();
        Leadership la = start("node-a", a);
        await().alias("a leads").atMost(Duration.ofSeconds(10)).until(la::leading);
        Leadership lb = start("node-b", b);

        // WHEN the server ends a's leadership session (as a database failover or an operator would)
        assertThat(terminate(Leadership.APPLICATION_PREFIX + "node-a")).isEqualTo(1);

        // THEN a notices at its next renewal and stops its duties, and exactly one node leads again
        await().alias("a stepped down").atMost(HANDOVER_BOUND).until(() -> a.lost.get() == 1);
        await().alias("a leader again").atMost(HANDOVER_BOUND).until(() -> la.leading() || lb.leading());
        await().alias("exactly one").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> la.leading() ^ lb.leading());
        assertThat(leaderSessions()).hasSize(1);
    }

    @Test
    void aFrozenHolderThatStopsRenewingLosesTheLockToTheServersIdleTimeout() throws Exception {
        // GIVEN a holder that took the lock as Leadership does and then went silent (a partition, a stopped JVM)
        try (Connection frozen = DriverManager.getConnection(dbUrl); Statement s = frozen.createStatement()) {
            s.execute("SET idle_session_timeout = " + FAST.sessionTimeout().toMillis());
            try (ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(" + Leadership.LOCK_KEY + ")")) {
                rs.next();
                assertThat(rs.getBoolean(1)).isTrue();
            }
            long silent = System.nanoTime();
            Counting b = new Counting();
            Leadership lb = start("node-b", b);
            await().alias("b waits while the holder's session lives").during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(3)).until(() -> !lb.leading());

            // THEN the server ends the silent session after sessionTimeout and b takes over at its next attempt
            await().alias("b leads").atMost(FAST.sessionTimeout().plus(HANDOVER_BOUND)).until(lb::leading);
            long ms = (System.nanoTime() - silent) / 1_000_000;
            System.out.printf("leadership: silent_holder_to_takeover_ms=%d%n", ms);
            assertThat(ms).as("not before the server's idle timeout").isGreaterThanOrEqualTo(
                    FAST.sessionTimeout().toMillis());
        }
    }

    @Test
    void aNodeWhoseDutiesFailToStartReleasesTheLockForTheOther() {
        // GIVEN a node whose duties cannot start (say, its broker account is refused) and a healthy one
        Counting failing = new Counting() {
            @Override
            public void gained() {
                super.gained();
                throw new IllegalStateException("duties refused to start");
            }
        };
        Leadership la = start("node-a", failing);
        await().alias("a took the lock").atMost(Duration.ofSeconds(10)).until(() -> failing.gained.get() >= 1);
        Counting b = new Counting();
        Leadership lb = start("node-b", b);

        // THEN a does not sit on the lock: b gets it at one of a's releases and keeps it
        await().alias("b leads").atMost(Duration.ofSeconds(20)).until(lb::leading);
        assertThat(b.gained.get()).isEqualTo(1);
        assertThat(la.leading()).isFalse();
    }

    private Leadership start(String node, Counting listener) {
        Leadership l = Leadership.start(new ClusterConfig(true, node, FAST.renewEvery(), FAST.sessionTimeout()),
                database, listener);
        started.add(l);
        return l;
    }

    private List<String> leaderSessions() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(dbUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a"
                     + " ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted AND l.database ="
                     + " (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private int terminate(String applicationName) throws Exception {
        try (Connection c = DriverManager.getConnection(dbUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                     + " WHERE datname = current_database() AND application_name = '" + applicationName + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static class Counting implements Leadership.Listener {
        final AtomicInteger gained = new AtomicInteger();
        final AtomicInteger lost = new AtomicInteger();

        @Override
        public void gained() {
            gained.incrementAndGet();
        }

        @Override
        public void lost() {
            lost.incrementAndGet();
        }
    }
}
