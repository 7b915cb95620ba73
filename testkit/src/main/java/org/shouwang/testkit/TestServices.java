package org.shouwang.testkit;

import org.shouwang.embedded.EmbeddedBroker;
import org.shouwang.embedded.EmbeddedDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the PostgreSQL server and MQTT broker a test talks to, in the order of DESIGN.md: explicit URLs
 * in {@code SHOUWANG_TEST_DB_URL} / {@code SHOUWANG_TEST_MQTT_URL}; Testcontainers when a Docker engine
 * answers; otherwise the embedded servers of the demo. A test never skips for lack of a service: if
 * none can be had, {@link #postgres()} or {@link #mqttUrl()} throws with the reason.
 *
 * <p>With the system property {@value #MQTT_BROKER_PROPERTY} set to {@code nats-cluster} (ingest's
 * {@code clustered-broker} test run), the broker is instead a private three-node NATS cluster with its MQTT
 * listener ({@link PrivateNatsCluster}): devices connect to one node ({@link #mqttUrl()}) and ingest to the
 * cluster from another ({@link #mqttIngestUrl()}), so every message crosses the cluster.
 */
public final class TestServices {

    public static final String DB_URL_ENV = "SHOUWANG_TEST_DB_URL";
    public static final String MQTT_URL_ENV = "SHOUWANG_TEST_MQTT_URL";
    public static final String MQTT_BROKER_PROPERTY = "shouwang.test.broker";

    private static final Logger LOG = LoggerFactory.getLogger(TestServices.class);

    private static String adminJdbcUrl;
    private static String mqttUrl;
    private static String mqttKind;
    private static PrivateNatsCluster nats;
    private static final java.util.List<String> CREATED = new java.util.ArrayList<>();

    private TestServices() {
    }

    /** JDBC URL (user in the query string) of a server on which tests may create databases. */
    public static synchronized String postgres() {
        if (adminJdbcUrl == null) {
            String env = System.getenv(DB_URL_ENV);
            if (env != null && !env.isBlank()) {
                adminJdbcUrl = env;
                LOG.info("tests use PostgreSQL from {}", DB_URL_ENV);
            } else if (Containers.dockerAvailable()) {
                adminJdbcUrl = Containers.postgres();
            } else {
                LOG.info("tests use an embedded PostgreSQL ({} unset, no Docker engine)", DB_URL_ENV);
                EmbeddedDatabase db = EmbeddedDatabase.start(0, null);
                Runtime.getRuntime().addShutdownHook(new Thread(db::close, "embedded-pg-stop"));
                adminJdbcUrl = db.jdbcUrl();
            }
            check(adminJdbcUrl);
        }
        return adminJdbcUrl;
    }

    /** {@code tcp://host:port} of an MQTT broker that accepts anonymous clients. */
    public static synchronized String mqttUrl() {
        if (mqttUrl == null) {
            String env = System.getenv(MQTT_URL_ENV);
            String chosen = System.getProperty(MQTT_BROKER_PROPERTY, "");
            if (chosen.equals("nats-cluster")) {
                LOG.info("tests use a private three-node NATS cluster's MQTT listener ({}={})", MQTT_BROKER_PROPERTY,
                        chosen);
                nats = startNatsCluster();
                mqttUrl = nats.url(1);
                mqttKind = "nats";
            } else if (!chosen.isEmpty()) {
                throw new IllegalStateException(MQTT_BROKER_PROPERTY + " must be nats-cluster or unset, was " + chosen);
            } else if (env != null && !env.isBlank()) {
                mqttUrl = env;
                mqttKind = "external";
                LOG.info("tests use the MQTT broker from {}", MQTT_URL_ENV);
            } else if (Containers.dockerAvailable()) {
                mqttUrl = Containers.mosquitto();
                mqttKind = "mosquitto";
            } else {
                LOG.info("tests use an embedded Moquette broker ({} unset, no Docker engine)", MQTT_URL_ENV);
                EmbeddedBroker broker = EmbeddedBroker.start(0);
                Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "embedded-mqtt-stop"));
                mqttUrl = broker.url();
                mqttKind = "moquette";
            }
        }
        return mqttUrl;
    }

    private static PrivateNatsCluster startNatsCluster() {
        PrivateNatsCluster cluster;
        try {
            cluster = PrivateNatsCluster.recommended(3).start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot start the NATS cluster (is nats-server installed?): "
                    + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                cluster.close();
            } catch (Exception e) {
                LOG.warn("NATS cluster not stopped cleanly: {}", e.getMessage());
            }
        }, "nats-cluster-stop"));
        return cluster;
    }

    /**
     * Where ingest connects: {@link #mqttUrl()}, or for the NATS cluster every node from the first on (devices
     * are on the second), the list the platform's {@code mqtt.url} takes.
     */
    public static synchronized String mqttIngestUrl() {
        mqttUrl();
        return nats == null ? mqttUrl : nats.urls(0);
    }

    /** The private NATS cluster when the tests run on it ({@value #MQTT_BROKER_PROPERTY}), else null. */
    public static synchronized PrivateNatsCluster clusteredBroker() {
        mqttUrl();
        return nats;
    }

    /** True when the broker has {@code $share} shared subscriptions (Mosquitto); Moquette 0.17 and NATS 2.9 do not. */
    public static synchronized boolean mqttHasSharedSubscriptions() {
        mqttUrl();
        return !"moquette".equals(mqttKind) && !"nats".equals(mqttKind);
    }

    /** True when the broker is the embedded Moquette (MQTT 3.1.1 only). */
    public static synchronized boolean mqttIsEmbedded() {
        mqttUrl();
        return "moquette".equals(mqttKind);
    }

    /**
     * Creates an empty database of its own for one test class, so tests never see each other's rows,
     * and returns its JDBC URL.
     */
    public static String freshDatabase() {
        String admin = postgres();
        String name = "sw_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + redact(admin) + ": " + e.getMessage(), e);
        }
        synchronized (TestServices.class) {
            if (CREATED.isEmpty()) {
                Runtime.getRuntime().addShutdownHook(new Thread(TestServices::dropCreated, "test-db-cleanup"));
            }
            CREATED.add(name);
        }
        return withDatabase(admin, name);
    }

    /**
     * Closes one test database to every new connection and ends the sessions it has ({@code allow == false}),
     * or opens it again: a database outage for that test alone, while the server goes on serving the others.
     */
    public static void allowConnections(String databaseUrl, boolean allow) {
        String name = databaseUrl.substring(databaseUrl.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        if (!name.startsWith("sw_it_")) {
            throw new IllegalArgumentException("only a database made by freshDatabase() may be closed: " + name);
        }
        try (Connection c = DriverManager.getConnection(postgres()); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS " + allow);
            if (!allow) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot " + (allow ? "open" : "close") + " test database " + name, e);
        }
    }

    /** Drops the databases this JVM created, so a shared server does not fill up with test leftovers. */
    private static synchronized void dropCreated() {
        try (Connection c = DriverManager.getConnection(adminJdbcUrl); Statement s = c.createStatement()) {
            for (String name : CREATED) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            LOG.warn("test databases not dropped: {}", e.getMessage());
        }
    }

    /** Replaces the database name in a {@code jdbc:postgresql://host:port/db?params} URL. */
    static String withDatabase(String jdbcUrl, String database) {
        int hostStart = jdbcUrl.indexOf("//");
        int slash = jdbcUrl.indexOf('/', hostStart + 2);
        int query = jdbcUrl.indexOf('?');
        String base = slash < 0 ? (query < 0 ? jdbcUrl : jdbcUrl.substring(0, query)) : jdbcUrl.substring(0, slash);
        String params = query < 0 ? "" : jdbcUrl.substring(query);
        return base + "/" + database + params;
    }

    private static void check(String url) {
        try (Connection c = DriverManager.getConnection(url)) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for tests is not reachable at " + redact(url)
                    + " (set " + DB_URL_ENV + " or start the server): " + e.getMessage(), e);
        }
    }

    private static String redact(String url) {
        return url.replaceAll("password=[^&]*", "password=***");
    }
}
