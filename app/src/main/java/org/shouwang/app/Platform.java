package org.shouwang.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import org.shouwang.console.ConsoleVerticle;
import org.shouwang.console.HealthCheck;
import org.shouwang.db.Database;
import org.shouwang.db.RuleStore;
import org.shouwang.db.Stores;
import org.shouwang.ingest.MqttIngestVerticle;
import org.shouwang.notifier.EscalationOptions;
import org.shouwang.notifier.Notifier;
import org.shouwang.notifier.NotifierStores;
import org.shouwang.notifier.TwilioConfig;
import org.shouwang.notifier.WebhookConfig;
import org.shouwang.rules.RuleContextSource;
import org.shouwang.rules.RuleSettings;
import org.shouwang.rules.RulesVerticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one composition root: builds every part from the configuration and deploys them in data-path
 * order (rules and notifier listen before ingest delivers, the console opens last). The rules' start
 * completes once they listen: their state is rebuilt in the background meanwhile (presses are paged at
 * once, readings wait for it), so ingest never waits for the history.
 */
public final class Platform implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Platform.class);

    private final Database database;
    private final Stores stores;
    private final Vertx vertx;
    private final ConsoleVerticle console;

    private Platform(Database database, Stores stores, Vertx vertx, ConsoleVerticle console) {
        this.database = database;
        this.stores = stores;
        this.vertx = vertx;
        this.console = console;
    }

    public static Platform start(AppConfig cfg, Clock clock) {
        // Checked before anything is opened: a site without a paging account must not look started.
        TwilioConfig twilio = cfg.twilio().options();
        EscalationOptions escalation = cfg.escalation();
        WebhookConfig hooks = cfg.webhooks();
        RuleSettings rules = cfg.rules().options();
        Database db = Database.open(cfg.database().options());
        Stores stores = Stores.of(db.dataSource());
        Vertx vertx = Vertx.vertx();
        Notifier notifier = Notifier.create(NotifierStores.of(stores), twilio, hooks, escalation.plans(),
                escalation.retry(), escalation.digest(), escalation.outageJournalPath(), clock);
        MqttIngestVerticle ingest = new MqttIngestVerticle(cfg.ingestConfig(), stores.telemetry(), stores.registry(),
                clock);
        ConsoleVerticle console = new ConsoleVerticle(cfg.console().options(), stores, notifier.commands(),
                rules.defaults(), List.of(
                        HealthCheck.of("database", () -> db.ping(2), "数据库无响应"),
                        HealthCheck.of("broker", ingest::connected, "MQTT 代理未连接"),
                        HealthCheck.of("ingest", ingest::writerCommitting, "设备数据写入数据库失败，正在重试")), clock);
        RuleStore ruleStore = stores.rules();
        RuleContextSource ruleContext = RuleContextSource.of(ruleStore::context, ruleStore::history, ruleStore::water,
                ruleStore::record);
        Future<?> deployed = vertx.deployVerticle(new RulesVerticle(rules, clock, ruleContext))
                .compose(id -> vertx.deployVerticle(notifier.verticle(escalation.tick())))
                .compose(id -> vertx.deployVerticle(notifier.webhookVerticle(hooks, twilio.authToken())))
                .compose(id -> vertx.deployVerticle(ingest))
                .compose(id -> vertx.deployVerticle(console));
        try {
            deployed.await();
        } catch (RuntimeException e) {
            vertx.close().await();
            db.close();
            throw new IllegalStateException("platform did not start: " + e.getMessage(), e);
        }
        LOG.info("platform started [console port: {}, timescaledb: {}]", console.actualPort(), db.timescale());
        return new Platform(db, stores, vertx, console);
    }

    /**
     * As {@link #start}, but when the database does not answer yet the platform waits for it (retrying with
     * backoff) instead of failing, while the console's port answers readiness 503 ({@link StartupGate}).
     */
    public static Platform startWhenDatabaseAnswers(AppConfig cfg, Clock clock) throws InterruptedException {
        if (StartupGate.probe(cfg.database()) != null) {
            try (StartupGate gate = StartupGate.open(cfg.console())) {
                StartupGate.awaitDatabase(cfg.database());
            }
            LOG.info("database reachable, starting the platform");
        }
        return start(cfg, clock);
    }

    public Database database() {
        return database;
    }

    /** The stores the platform's parts share (the demo seeds its homes through them). */
    public Stores stores() {
        return stores;
    }

    public Vertx vertx() {
        return vertx;
    }

    public int consolePort() {
        return console.actualPort();
    }

    /** Stops in reverse order: verticles (ingest stops acknowledging first), then the database. */
    @Override
    public synchronized void close() {
        try {
            vertx.close().await();
        } finally {
            database.close();
            LOG.info("platform stopped");
        }
    }
}
