package org.shouwang.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool and the schema: opening a {@code Database} migrates it to the current version
 * (Flyway, {@code db/migration}) and notes whether TimescaleDB is in use.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final boolean timescale;
    private final HikariConfig settings;
    private final java.util.List<HikariDataSource> dedicated = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Database(HikariDataSource dataSource, boolean timescale, HikariConfig settings) {
        this.dataSource = dataSource;
        this.timescale = timescale;
        this.settings = settings;
    }

    /** Connects, migrates and returns the database; fails fast when PostgreSQL is unreachable. */
    public static Database open(DatabaseConfig config) {
        return open(config, null);
    }

    /**
     * As {@link #open(DatabaseConfig)}, the pool reporting to {@code registry} (HikariCP's Micrometer tracker:
     * {@code hikaricp.connections.*} tagged {@code pool=shouwang-db}); null for no pool metrics.
     */
    public static Database open(DatabaseConfig config, MeterRegistry registry) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        if (config.user() != null) {
            hikari.setUsername(config.user());
        }
        if (config.password() != null) {
            hikari.setPassword(config.password());
        }
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setPoolName("shouwang-db");
        hikari.setConnectionTimeout(10_000);
        if (registry != null) {
            hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
        HikariConfig settings = new HikariConfig();
        hikari.copyStateTo(settings);
        HikariDataSource ds = new HikariDataSource(hikari);
        try {
            migrate(ds);
            boolean timescale = timescaleInstalled(ds);
            LOG.info("database ready [timescaledb: {}]", timescale);
            return new Database(ds, timescale, settings);
        } catch (RuntimeException | SQLException e) {
            ds.close();
            throw new IllegalStateException("database set-up failed: " + e.getMessage(), e);
        }
    }

    static void migrate(DataSource ds) {
        migrate(ds, MIGRATIONS);
    }

    static final String MIGRATIONS = "classpath:db/migration";

    /**
     * Applies the migrations at {@code location}. A schema that a newer release has migrated further is accepted
     * (Flyway ignores applied migrations it does not know, {@code *:future}): during a node-by-node upgrade the
     * older node starts on the newer schema ({@code RollingUpgradeIT}).
     */
    static int migrate(DataSource ds, String location) {
        return Flyway.configure()
                .dataSource(ds)
                .locations(location)
                .load()
                .migrate()
                .migrationsExecuted;
    }

    private static boolean timescaleInstalled(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'")) {
            return rs.next();
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * A pool of {@code size} connections of its own, to the same database, closed with this one: for work that must
     * never wait for a connection the rest of the platform holds (the presses' writer). Connections open lazily, so
     * this never fails on a database that is down.
     */
    public DataSource dedicatedPool(String name, int size) {
        HikariConfig hikari = new HikariConfig();
        settings.copyStateTo(hikari);
        hikari.setPoolName(name);
        hikari.setMaximumPoolSize(size);
        hikari.setMetricsTrackerFactory(null);
        hikari.setInitializationFailTimeout(-1);
        HikariDataSource pool = new HikariDataSource(hikari);
        dedicated.add(pool);
        return pool;
    }

    /** True when telemetry lives in TimescaleDB hypertables. */
    public boolean timescale() {
        return timescale;
    }

    /** True when the database answers within the timeout; used by {@code /health}. */
    public boolean ping(int timeoutSeconds) {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(timeoutSeconds);
        } catch (SQLException e) {
            LOG.warn("database ping failed [{}]", e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        dedicated.forEach(HikariDataSource::close);
        dataSource.close();
    }
}
