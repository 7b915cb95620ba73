package org.shouwang.app;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which node of a cluster is the active one: the holder of a PostgreSQL session-level advisory lock
 * ({@code pg_try_advisory_lock}) taken on a connection of its own (docs/architecture.md). The lock lives exactly
 * as long as that session, so a node that dies, or whose connection the server drops, leads no more; the server
 * drops a session that stays idle past {@link ClusterConfig#sessionTimeout()} ({@code idle_session_timeout}), which
 * bounds a partitioned leader's hold. The leader renews by a query every {@link ClusterConfig#renewEvery()}; one
 * that fails (the socket gives up after {@link ClusterConfig#renewalTimeout()}) steps down at once, before the
 * server can have released the lock to anyone else. A standby tries the lock at the same pace.
 *
 * <p>Transitions are handed to {@link Listener} on a thread of their own, one at a time and in order, so a slow
 * deployment never delays a renewal.
 */
public final class Leadership implements AutoCloseable {

    /** What the node does on gaining and on losing the lock; both may block. */
    public interface Listener {
        void gained();

        void lost();
    }

    /** The one lock a site's database knows (advisory locks are per database): "shouwang" in ASCII. */
    static final long LOCK_KEY = 0x73686f7577616e67L;
    /** The leadership connection's application name, so {@code pg_stat_activity} shows which node leads. */
    static final String APPLICATION_PREFIX = "shouwang-leadership-";

    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

    private final ClusterConfig config;
    private final AppConfig.Database database;
    private final Listener listener;
    private final ScheduledExecutorService renewals;
    private final ExecutorService transitions;
    private Connection connection;
    private volatile boolean leading;
    private volatile boolean closed;

    private Leadership(ClusterConfig config, AppConfig.Database database, Listener listener) {
        this.config = config;
        this.database = database;
        this.listener = listener;
        this.renewals = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "shouwang-leadership"));
        this.transitions = Executors.newSingleThreadExecutor(r -> daemon(r, "shouwang-leadership-transitions"));
    }

    /** Starts contending at once; {@code listener} hears of every change from then on. */
    public static Leadership start(ClusterConfig config, AppConfig.Database database, Listener listener) {
        Leadership l = new Leadership(config, database, listener);
        l.renewals.scheduleWithFixedDelay(l::round, 0, config.renewEvery().toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("contending for leadership [node: {}, renew every: {}, session timeout: {}]", config.node(),
                config.renewEvery(), config.sessionTimeout());
        return l;
    }

    public boolean leading() {
        return leading;
    }

    /** One renewal (leader) or attempt (standby); a failure of the connection ends any leadership it held. */
    private void round() {
        if (closed) {
            return;
        }
        try {
            if (connection == null) {
                connection = open();
            }
            if (leading) {
                try (Statement s = connection.createStatement()) {
                    s.execute("SELECT 1");
                }
            } else if (tryLock()) {
                leading = true;
                LOG.info("leadership gained [node: {}]", config.node());
                transitions.execute(this::gained);
            }
        } catch (SQLException | RuntimeException e) {
            dropConnection();
            if (leading) {
                stepDown("connection failed, sqlstate " + e.getClass().getSimpleName() + "/"
                        + (e instanceof SQLException sql ? sql.getSQLState() : "-"));
            } else {
                LOG.debug("leadership attempt failed [node: {}, cause: {}]", config.node(), e.toString());
            }
        }
    }

    private boolean tryLock() throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * A node whose duties failed to start must not sit on the lock doing nothing: it ends its session (the lock goes
     * with it) and contends again at its next round, beside the others.
     */
    private void gained() {
        try {
            listener.gained();
        } catch (RuntimeException e) {
            LOG.warn("leader duties did not start, releasing the lock [node: {}, cause: {}]", config.node(), e.toString());
            try {
                renewals.execute(() -> {
                    if (leading) {
                        leading = false;
                        dropConnection();
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // Closing: close() ends the session itself.
            }
        }
    }

    private void stepDown(String why) {
        leading = false;
        LOG.warn("leadership lost, stepping down [node: {}, reason: {}]", config.node(), why);
        transitions.execute(listener::lost);
    }

    private Connection open() throws SQLException {
        Properties p = new Properties();
        if (database.user() != null && !database.user().isBlank()) {
            p.setProperty("user", database.user());
        }
        if (database.password() != null && !database.password().isBlank()) {
            p.setProperty("password", database.password());
        }
        int seconds = (int) config.renewalTimeout().toSeconds();
        p.setProperty("connectTimeout", Integer.toString(seconds));
        p.setProperty("loginTimeout", Integer.toString(seconds));
        // A renewal that hangs (a partition) fails within this, well inside the server's idle timeout.
        p.setProperty("socketTimeout", Integer.toString(seconds));
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("ApplicationName", APPLICATION_PREFIX + config.node());
        Connection c = DriverManager.getConnection(database.url(), p);
        try (Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            // The server's side of the lease: a session that no renewal reaches for this long is ended, and its lock with it.
            s.execute("SET idle_session_timeout = " + config.sessionTimeout().toMillis());
            int keepalive = (int) Math.max(1, config.sessionTimeout().toSeconds() / 3);
            s.execute("SET tcp_keepalives_idle = " + keepalive);
            s.execute("SET tcp_keepalives_interval = " + keepalive);
            s.execute("SET tcp_keepalives_count = 2");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void dropConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Closing a broken connection: nothing left to release here, the server ends the session.
            }
            connection = null;
        }
    }

    /**
     * Steps down first (the listener's {@code lost} runs to its end), then ends the session, so a standby takes
     * over at its next attempt. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        renewals.shutdown();
        try {
            renewals.awaitTermination(config.renewEvery().toMillis() * 2, TimeUnit.MILLISECONDS);
            if (leading) {
                leading = false;
                transitions.execute(listener::lost);
            }
            transitions.shutdown();
            transitions.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            dropConnection();
            LOG.info("leadership released [node: {}]", config.node());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
