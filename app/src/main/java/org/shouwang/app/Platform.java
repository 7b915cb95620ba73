package org.shouwang.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.shouwang.console.ConsoleConfig;
import org.shouwang.console.ConsoleVerticle;
import org.shouwang.console.HealthCheck;
import org.shouwang.db.Database;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.db.RuleStore;
import org.shouwang.db.Stores;
import org.shouwang.ingest.IngestConfig;
import org.shouwang.ingest.MqttIngestVerticle;
import org.shouwang.model.RuleThresholds;
import org.shouwang.notifier.DigestConfig;
import org.shouwang.notifier.EscalationPlans;
import org.shouwang.notifier.Notifier;
import org.shouwang.notifier.NotifierStores;
import org.shouwang.notifier.RetryPolicy;
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
        Database db = Database.open(databaseConfig(cfg));
        Stores stores = Stores.of(db.dataSource());
        RuleSettings rules = ruleSettings(cfg.rules());
        Vertx vertx = Vertx.vertx();
        TwilioConfig twilio = twilioConfig(cfg.twilio());
        WebhookConfig hooks = new WebhookConfig(cfg.webhooks().host(), cfg.webhooks().port(),
                cfg.webhooks().publicBaseUrl());
        Notifier notifier = Notifier.create(NotifierStores.of(stores), twilio, hooks, escalationPlans(cfg),
                RetryPolicy.DEFAULT.withGiveUpAfter(cfg.escalation().pageDeadline()),
                DigestConfig.of(cfg.escalation().digestAt(), cfg.escalation().digestRecipients()),
                Path.of(cfg.escalation().outageJournal()), clock);
        MqttIngestVerticle ingest = new MqttIngestVerticle(ingestConfig(cfg), stores.telemetry(), stores.registry(),
                clock);
        ConsoleVerticle console = new ConsoleVerticle(consoleConfig(cfg.console()), stores, notifier.commands(),
                rules.defaults(), List.of(
                        HealthCheck.of("database", () -> db.ping(2), "数据库无响应"),
                        HealthCheck.of("broker", ingest::connected, "MQTT 代理未连接"),
                        HealthCheck.of("ingest", ingest::writerCommitting, "设备数据写入数据库失败，正在重试")), clock);
        RuleStore ruleStore = stores.rules();
        RuleContextSource ruleContext = RuleContextSource.of(ruleStore::context, ruleStore::history, ruleStore::water,
                ruleStore::record);
        Future<?> deployed = vertx.deployVerticle(new RulesVerticle(rules, clock, ruleContext))
                .compose(id -> vertx.deployVerticle(notifier.verticle(cfg.escalation().tick())))
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

    static DatabaseConfig databaseConfig(AppConfig cfg) {
        AppConfig.Database d = cfg.database();
        return new DatabaseConfig(d.url(), blankToNull(d.user()), blankToNull(d.password()), d.poolSize());
    }

    static IngestConfig ingestConfig(AppConfig cfg) {
        AppConfig.Mqtt m = cfg.mqtt();
        return IngestConfig.of(m.url(), m.clientId())
                .withCredentials(blankToNull(m.username()), blankToNull(m.password()))
                .withSharedGroup(blankToNull(m.sharedGroup()))
                .withBatching(cfg.ingest().batchSize(), cfg.ingest().batchDelay(), cfg.ingest().queueCapacity());
    }

    static RuleSettings ruleSettings(AppConfig.Rules r) {
        RuleThresholds thresholds = new RuleThresholds(r.noWaterWindow(), r.noWaterWindowExtreme(), r.noWaterMinLiters(),
                r.continuousFlow(), r.continuousFlowMinLpm(), r.highUseLiters(), r.meterReportInterval(),
                r.buttonHeartbeat(), r.lowBatteryPercent(), r.meterAlarmQuiet());
        return new RuleSettings(thresholds, r.tick(), r.recoveryLookback(), r.contextRefresh());
    }

    static ConsoleConfig consoleConfig(AppConfig.Console c) {
        return new ConsoleConfig(c.host(), c.port(), c.secureCookies(), c.sessionIdle(), c.sessionMaxAge(),
                blankToNull(c.adminUser()), blankToNull(c.adminPassword()),
                c.trustedProxies() == null ? Set.of() : Arrays.stream(c.trustedProxies().split(","))
                        .map(String::strip).filter(p -> !p.isEmpty()).collect(Collectors.toSet()));
    }

    static EscalationPlans escalationPlans(AppConfig cfg) {
        String file = cfg.escalation().plansFile();
        return file.isBlank() ? EscalationPlans.defaults() : EscalationPlans.load(Path.of(file));
    }

    static TwilioConfig twilioConfig(AppConfig.Twilio t) {
        return TwilioConfig.of(t.accountSid(), t.authToken(), t.fromNumber()).withApiBaseUrl(t.apiBaseUrl());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
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
