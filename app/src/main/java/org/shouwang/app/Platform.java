package org.shouwang.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.shouwang.console.ConsoleConfig;
import org.shouwang.console.ConsoleVerticle;
import org.shouwang.db.Database;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.db.IncidentStore;
import org.shouwang.db.NotificationStore;
import org.shouwang.db.RuleStore;
import org.shouwang.ingest.IngestConfig;
import org.shouwang.ingest.MqttIngestVerticle;
import org.shouwang.model.RuleThresholds;
import org.shouwang.notifier.DigestConfig;
import org.shouwang.notifier.EscalationPlans;
import org.shouwang.notifier.Notifier;
import org.shouwang.notifier.NotifierMetrics;
import org.shouwang.notifier.OutboxWatch;
import org.shouwang.notifier.RetryPolicy;
import org.shouwang.notifier.TwilioConfig;
import org.shouwang.notifier.WebhookConfig;
import org.shouwang.rules.RuleContextSource;
import org.shouwang.rules.RuleSettings;
import org.shouwang.rules.RulesVerticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one composition root: builds every part from the configuration, all reporting to one meter registry
 * ({@link PlatformMetrics}, served by the {@link ManagementVerticle}), and deploys them in data-path order (rules
 * and notifier listen before ingest delivers, the console opens last). The rules' start
 * completes once they listen: their state is rebuilt in the background meanwhile (presses are paged at
 * once, readings wait for it), so ingest never waits for the history.
 */
public final class Platform implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Platform.class);

    private final Database database;
    private final Vertx vertx;
    private final ConsoleVerticle console;
    private final PlatformMetrics metrics;
    private final ManagementVerticle management;

    private Platform(Database database, Vertx vertx, ConsoleVerticle console, PlatformMetrics metrics,
                     ManagementVerticle management) {
        this.database = database;
        this.vertx = vertx;
        this.console = console;
        this.metrics = metrics;
        this.management = management;
    }

    public static Platform start(AppConfig cfg, Clock clock) {
        PlatformMetrics metrics = new PlatformMetrics();
        Database db;
        try {
            db = Database.open(databaseConfig(cfg), metrics.registry());
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
        Vertx vertx = metrics.vertx();
        TwilioConfig twilio = twilioConfig(cfg.twilio());
        WebhookConfig hooks = new WebhookConfig(cfg.webhooks().host(), cfg.webhooks().port(),
                cfg.webhooks().publicBaseUrl());
        Notifier notifier = Notifier.create(db.dataSource(), twilio, hooks, escalationPlans(cfg),
                RetryPolicy.DEFAULT.withGiveUpAfter(cfg.escalation().pageDeadline()),
                DigestConfig.of(cfg.escalation().digestAt(), cfg.escalation().digestRecipients()),
                Path.of(cfg.escalation().outageJournal()), clock, new NotifierMetrics(metrics.registry()));
        MqttIngestVerticle ingest = new MqttIngestVerticle(ingestConfig(cfg), db.dataSource(), clock,
                metrics.registry());
        RuleStore ruleStore = new RuleStore(db.dataSource());
        RuleContextSource ruleContext = RuleContextSource.of(ruleStore::context, ruleStore::history, ruleStore::water,
                ruleStore::record);
        RulesVerticle rules = new RulesVerticle(ruleSettings(cfg.rules()), clock, ruleContext, metrics.registry());
        OutboxWatch outbox = new OutboxWatch(new NotificationStore(db.dataSource()), new IncidentStore(db.dataSource()),
                clock, OutboxWatch.DEFAULT_EVERY, metrics.registry());
        ConsoleVerticle console = new ConsoleVerticle(consoleConfig(cfg.console()), db.dataSource(),
                notifier.commands(), Readiness.checks(cfg.database(), ingest, rules, outbox, notifier.providers()), clock);
        ManagementVerticle management = new ManagementVerticle(cfg.management(), metrics.registry());
        Future<?> deployed = vertx.deployVerticle(management)
                .compose(id -> vertx.deployVerticle(rules))
                .compose(id -> vertx.deployVerticle(notifier.verticle(cfg.escalation().tick())))
                .compose(id -> vertx.deployVerticle(notifier.webhookVerticle(hooks, twilio.authToken())))
                .compose(id -> vertx.deployVerticle(outbox))
                .compose(id -> vertx.deployVerticle(ingest))
                .compose(id -> vertx.deployVerticle(console));
        try {
            deployed.await();
        } catch (RuntimeException e) {
            vertx.close().await();
            db.close();
            metrics.close();
            throw new IllegalStateException("platform did not start: " + e.getMessage(), e);
        }
        LOG.info("platform started [console port: {}, management port: {}, timescaledb: {}]", console.actualPort(),
                management.actualPort(), db.timescale());
        return new Platform(db, vertx, console, metrics, management);
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

    public Vertx vertx() {
        return vertx;
    }

    public int consolePort() {
        return console.actualPort();
    }

    /** Where {@code GET /metrics} answers (the chosen port when configured with 0). */
    public int managementPort() {
        return management.actualPort();
    }

    /** Stops in reverse order: verticles (ingest stops acknowledging first), then the database. */
    @Override
    public synchronized void close() {
        try {
            vertx.close().await();
        } finally {
            database.close();
            metrics.close();
            LOG.info("platform stopped");
        }
    }
}
