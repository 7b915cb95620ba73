package org.shouwang.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.shouwang.care.Care;
import org.shouwang.carrier.CarrierConfig;
import org.shouwang.carrier.CarrierMetrics;
import org.shouwang.carrier.CarrierPushVerticle;
import org.shouwang.carrier.InboxDecoderVerticle;
import org.shouwang.console.CareServices;
import org.shouwang.console.ConsoleVerticle;
import org.shouwang.db.Database;
import org.shouwang.db.RuleStore;
import org.shouwang.db.Stores;
import org.shouwang.ingest.MqttIngestVerticle;
import org.shouwang.notifier.EscalationOptions;
import org.shouwang.notifier.EscalationPlans;
import org.shouwang.notifier.Notifier;
import org.shouwang.notifier.NotifierStores;
import org.shouwang.notifier.NotifierMetrics;
import org.shouwang.notifier.OutboxWatch;
import org.shouwang.notifier.TwilioConfig;
import org.shouwang.notifier.channel.aliyun.AliyunConfig;
import org.shouwang.notifier.channel.aliyun.AliyunTemplates;
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
    private final Stores stores;
    private final Vertx vertx;
    private final ConsoleVerticle console;
    private final PlatformMetrics metrics;
    private final ManagementVerticle management;
    private final org.shouwang.notifier.TwilioWebhookVerticle webhooks;
    private final CarrierPushVerticle carrier;
    /** Both null on a single node (cluster.enabled false). */
    private final Leadership leadership;
    private final LeaderDuties duties;

    private Platform(Database database, Stores stores, Vertx vertx, ConsoleVerticle console, PlatformMetrics metrics,
                     ManagementVerticle management,
                     org.shouwang.notifier.TwilioWebhookVerticle webhooks, CarrierPushVerticle carrier,
                     Leadership leadership, LeaderDuties duties) {
        this.leadership = leadership;
        this.duties = duties;
        this.database = database;
        this.stores = stores;
        this.vertx = vertx;
        this.console = console;
        this.metrics = metrics;
        this.management = management;
        this.webhooks = webhooks;
        this.carrier = carrier;
    }

    public static Platform start(AppConfig cfg, Clock clock) {
        // Checked before anything is opened: a site without a paging account must not look started.
        TwilioConfig twilio = cfg.twilio().options();
        AliyunConfig aliyun = cfg.aliyun().options();
        // The routing and its receipt token are checked here too, before anything is opened.
        cfg.aliyun().mode();
        if (aliyun != null && (cfg.aliyun().templatesFile() == null || cfg.aliyun().templatesFile().isBlank())) {
            throw new IllegalArgumentException("aliyun.templatesFile is required: the template codes Alibaba approved");
        }
        EscalationOptions escalation = cfg.escalation();
        // The plans file too: a typo in it (an unknown rule, a role) stops the start before anything is opened.
        EscalationPlans plans = escalation.plans();
        WebhookConfig hooks = cfg.webhooks();
        RuleSettings ruleSettings = cfg.rules().options();
        CarrierConfig carrierConfig = cfg.carrier().options();
        PlatformMetrics metrics = new PlatformMetrics();
        Database db;
        try {
            db = Database.open(cfg.database().options(), metrics.registry());
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
        Stores stores = Stores.of(db.dataSource());
        Vertx vertx = metrics.vertx();
        Notifier notifier = Notifier.create(NotifierStores.of(stores), twilio, hooks, aliyun,
                aliyun == null ? null : AliyunTemplates.load(Path.of(cfg.aliyun().templatesFile())), cfg.aliyun().mode(),
                plans, escalation.retry(), escalation.digest(), escalation.outageJournalPath(), clock,
                new NotifierMetrics(metrics.registry()));
        Care care = Care.create(stores, notifier, cfg.care().options(), clock);
        // Presses are written through connections of their own: never waiting for one the readings or the console hold.
        javax.sql.DataSource pressPool = db.dedicatedPool("shouwang-db-events", 2);
        Supplier<MqttIngestVerticle> ingestFactory = () -> new MqttIngestVerticle(cfg.ingestConfig(),
                stores.telemetry(), stores.registry(), new org.shouwang.db.TelemetryStore(pressPool),
                new org.shouwang.db.RegistryStore(pressPool), clock, metrics.registry());
        RuleStore ruleStore = stores.rules();
        RuleContextSource ruleContext = RuleContextSource.of(ruleStore::context, ruleStore::history, ruleStore::water,
                ruleStore::record, ruleStore::record, ruleStore::resolution);
        Supplier<RulesVerticle> rulesFactory = () -> new RulesVerticle(ruleSettings, clock, ruleContext,
                metrics.registry());
        OutboxWatch outbox = new OutboxWatch(stores.outbox(), stores.incidents(), clock, OutboxWatch.DEFAULT_EVERY,
                metrics.registry());
        // One node: ingest, the rules and the notifier start with the rest. A cluster node: on leadership alone.
        ClusterConfig cluster = cfg.cluster();
        MqttIngestVerticle ingest = cluster.enabled() ? null : ingestFactory.get();
        RulesVerticle rules = cluster.enabled() ? null : rulesFactory.get();
        CarrierMetrics carrierMetrics = carrierConfig == null ? null : new CarrierMetrics(metrics.registry());
        Supplier<io.vertx.core.Verticle> decoderFactory = carrierConfig == null ? null
                : () -> new InboxDecoderVerticle(carrierConfig, stores.carrier(), stores.telemetry(), stores.registry(),
                clock, carrierMetrics);
        LeaderDuties duties = cluster.enabled() ? new LeaderDuties(vertx,
                () -> takeOverClaims(stores, cluster, twilio, aliyun, clock), rulesFactory,
                () -> notifier.verticle(escalation.tick()), ingestFactory, decoderFactory, metrics.registry()) : null;
        ConsoleVerticle console = new ConsoleVerticle(cfg.console().options(), stores, notifier.commands(),
                ruleSettings.defaults(), CareServices.of(care), cluster.enabled()
                ? Readiness.checks(cfg.database(), duties::ingest, duties::rules, outbox, notifier.providers())
                : Readiness.checks(cfg.database(), ingest, rules, outbox, notifier.providers()), notifier.providers(),
                notifier.directory(), clock);
        ManagementVerticle management = new ManagementVerticle(cfg.management(), metrics.registry());
        org.shouwang.notifier.TwilioWebhookVerticle webhooks = aliyun == null || cfg.aliyun().receiptToken().isBlank()
                ? notifier.webhookVerticle(hooks, twilio.authToken(), List.of(care.replies()))
                : notifier.webhookVerticle(hooks, twilio.authToken(), List.of(care.replies()),
                cfg.aliyun().receiptToken(), cfg.aliyun().allowedSources());
        CarrierPushVerticle carrier = carrierConfig == null ? null
                : new CarrierPushVerticle(carrierConfig, stores.carrier(), carrierMetrics);
        Future<?> deployed = vertx.deployVerticle(management)
                .compose(id -> cluster.enabled() ? Future.succeededFuture() : vertx.deployVerticle(rules))
                .compose(id -> cluster.enabled() ? Future.succeededFuture()
                        : vertx.deployVerticle(notifier.verticle(escalation.tick())))
                .compose(id -> vertx.deployVerticle(webhooks))
                .compose(id -> vertx.deployVerticle(care.verticle()))
                .compose(id -> vertx.deployVerticle(outbox))
                .compose(id -> cluster.enabled() ? Future.succeededFuture() : vertx.deployVerticle(ingest))
                // The carrier decoder announces readings to the rules of its own node: on a cluster, a leader duty.
                .compose(id -> carrier == null || cluster.enabled() ? Future.succeededFuture()
                        : vertx.deployVerticle(decoderFactory.get()))
                // The carrier listener only commits pushes to the inbox: every node takes them.
                .compose(id -> carrier == null ? Future.succeededFuture() : vertx.deployVerticle(carrier))
                .compose(id -> vertx.deployVerticle(console));
        Leadership leadership = null;
        try {
            deployed.await();
            // Contends only once the console and the webhooks serve: a standby is a working node too.
            leadership = cluster.enabled() ? Leadership.start(cluster, cfg.database(), duties) : null;
        } catch (RuntimeException e) {
            vertx.close().await();
            db.close();
            metrics.close();
            throw new IllegalStateException("platform did not start: " + e.getMessage(), e);
        }
        LOG.info("platform started [console port: {}, management port: {}, carrier port: {}, timescaledb: {},"
                + " cluster node: {}]", console.actualPort(), management.actualPort(),
                carrier == null ? "off" : carrier.actualPort(), db.timescale(), cluster.enabled() ? cluster.node() : "off");
        return new Platform(db, stores, vertx, console, metrics, management, webhooks, carrier, leadership, duties);
    }

    /**
     * A leader that died holding page claims would leave its pages for the outbox lease (6 min). A new leader
     * shortens them to when the previous one has certainly stopped sending: its failed renewal
     * ({@link ClusterConfig#stepDownWithin()}) plus one request to a provider, plus a margin. A page that leader sent but never booked may then go twice, as
     * after a single node's crash, only sooner.
     */
    private static void takeOverClaims(Stores stores, ClusterConfig cluster, TwilioConfig twilio, AliyunConfig aliyun,
                                       Clock clock) {
        java.time.Duration request = aliyun == null || aliyun.requestTimeout().compareTo(twilio.requestTimeout()) < 0
                ? twilio.requestTimeout() : aliyun.requestTimeout();
        java.time.Duration wait = cluster.stepDownWithin().plus(request).plusSeconds(5);
        int capped = stores.outbox().capClaims(clock.instant().plus(wait));
        if (capped > 0) {
            LOG.warn("pages claimed by the previous leader, sent from here after its bound [pages: {}, in: {}]", capped,
                    wait);
        }
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

    /** Where Twilio's webhooks and Alibaba Cloud's receipt pushes arrive (the chosen port when configured with 0). */
    public int webhooksPort() {
        return webhooks.actualPort();
    }

    /** Where carrier platforms push ({@code carrier.port}, the chosen one when 0); -1 when the listener is off. */
    public int carrierPort() {
        return carrier == null ? -1 : carrier.actualPort();
    }

    /** Where {@code GET /metrics} answers (the chosen port when configured with 0). */
    public int managementPort() {
        return management.actualPort();
    }

    /** Whether this node runs ingest, the rules and escalation now (subscribed, listening): always on a single node. */
    public boolean leading() {
        return duties == null || duties.ingest() != null;
    }

    /**
     * Stops in reverse order: a cluster node first hands leadership on (its ingest, notifier and rules stop, then the
     * lock is released, so a standby takes over within its next attempt), then the verticles (ingest stops
     * acknowledging first), then the database.
     */
    @Override
    public synchronized void close() {
        try {
            if (leadership != null) {
                leadership.close();
            }
            vertx.close().await();
        } finally {
            database.close();
            metrics.close();
            LOG.info("platform stopped");
        }
    }
}
