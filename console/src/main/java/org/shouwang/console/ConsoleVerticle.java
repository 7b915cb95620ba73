package org.shouwang.console;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.shouwang.roster.RosterImporter;
import org.shouwang.roster.RosterExporter;
import org.shouwang.model.RuleThresholds;
import org.shouwang.db.Stores;
import org.shouwang.db.AccountStore;
import org.shouwang.db.AuditStore;
import org.shouwang.db.IncidentStore;
import org.shouwang.db.RegistryStore;
import org.shouwang.db.SessionStore;
import org.shouwang.db.StreetStore;
import org.shouwang.notifier.IncidentCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staff console: the JSON API under {@code /api} (signed in, CSRF-checked, scoped), the live
 * incident stream, {@code /health/ready} (also {@code /health}) and {@code /health/live}, and the page from
 * {@code webroot/}. Every JDBC call and incident command runs on a worker thread.
 */
public final class ConsoleVerticle extends AbstractVerticle {

    /** Registry forms and commands are a few hundred bytes; anything near this is a mistake or abuse. */
    static final long BODY_LIMIT_BYTES = 64 * 1024;
    /** Short enough that staff get a new page within minutes of an upgrade. */
    private static final long STATIC_MAX_AGE_SECONDS = 300;

    /**
     * How long browsers keep to HTTPS once told: a year, the usual figure. Not for subdomains: the
     * console cannot know what else runs under its domain.
     */
    private static final Duration HSTS_MAX_AGE = Duration.ofDays(365);

    /** Sessions that ended, and login attempts outside every window, are swept from their tables this often. */
    private static final long SESSION_SWEEP_MS = Duration.ofHours(1).toMillis();
    /** Far beyond the lock-out and throttle windows; the audit log keeps the lasting record of logins. */
    private static final Duration LOGIN_ATTEMPTS_KEPT = Duration.ofDays(1);

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleVerticle.class);

    private final List<org.shouwang.notifier.ProviderHealth> providers;
    private final org.shouwang.notifier.ProviderDirectory directory;
    private final ConsoleConfig config;
    private final Stores stores;
    private final RuleThresholds ruleDefaults;
    private final RegistryEdits edits;
    private final RegistryStore registry;
    private final IncidentStore incidents;
    private final IncidentCommands commands;
    private final List<HealthCheck> healthChecks;
    private final Clock clock;
    private final AccountStore accounts;
    private final SessionStore sessions;
    private final Audit audit;
    private final ConsoleQueries queries;
    private final CareServices care;
    private volatile HttpServer server;
    private IncidentStream stream;
    private long sweeper = -1;

    /**
     * @param stores          the platform's stores (database migrated), built once by the composition root
     * @param commands        the one path for acknowledging and resolving, shared with voice and SMS
     * @param ruleDefaults    the district-wide thresholds the rule engine runs with (the configured {@code rules.*}),
     *                        under the district, street and elder overrides the console shows and edits
     * @param care            routine care (duties, care records, compliance) over the same stores
     * @param clock           what sessions, lock-out and the water chart are judged by
     */
    public ConsoleVerticle(ConsoleConfig config, Stores stores, IncidentCommands commands, RuleThresholds ruleDefaults,
                           CareServices care, List<HealthCheck> healthChecks, Clock clock) {
        this(config, stores, commands, ruleDefaults, care, healthChecks, List.of(), clock);
    }

    /** As above, showing the paging providers' last success and failure on the operations page. */
    public ConsoleVerticle(ConsoleConfig config, Stores stores, IncidentCommands commands, RuleThresholds ruleDefaults,
                           CareServices care, List<HealthCheck> healthChecks,
                           List<org.shouwang.notifier.ProviderHealth> providers, Clock clock) {
        this(config, stores, commands, ruleDefaults, care, healthChecks, providers,
                org.shouwang.notifier.ProviderDirectory.unknown(), clock);
    }

    /** As above, showing beside each contact's number the provider that reaches it ({@code directory}). */
    public ConsoleVerticle(ConsoleConfig config, Stores stores, IncidentCommands commands, RuleThresholds ruleDefaults,
                           CareServices care, List<HealthCheck> healthChecks,
                           List<org.shouwang.notifier.ProviderHealth> providers,
                           org.shouwang.notifier.ProviderDirectory directory, Clock clock) {
        this.providers = List.copyOf(providers);
        this.directory = Objects.requireNonNull(directory, "directory");
        this.config = Objects.requireNonNull(config, "config");
        this.stores = Objects.requireNonNull(stores, "stores");
        this.registry = stores.registry();
        this.incidents = stores.incidents();
        this.commands = Objects.requireNonNull(commands, "commands");
        this.ruleDefaults = Objects.requireNonNull(ruleDefaults, "ruleDefaults");
        this.care = Objects.requireNonNull(care, "care");
        this.healthChecks = List.copyOf(healthChecks);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.accounts = stores.accounts();
        this.sessions = stores.sessions();
        this.audit = new Audit(stores.audit());
        this.queries = new ConsoleQueries(stores.dataSource());
        this.edits = new RegistryEdits(stores.dataSource());
    }

    @Override
    public void start(Promise<Void> startPromise) {
        stream = new IncidentStream(vertx, queries, sessions, config, clock);
        vertx.executeBlocking(this::bootstrapAdmin, false)
                .compose(v -> stream.start())
                .map(v -> router())
                .compose(router -> vertx.createHttpServer()
                        .requestHandler(router)
                        .listen(config.port(), config.host()))
                .onSuccess(s -> {
                    server = s;
                    sweeper = vertx.setPeriodic(SESSION_SWEEP_MS, t -> sweepSessions());
                    LOG.info("console listening [host: {}, port: {}]", config.host(), s.actualPort());
                })
                // Vert.x does not call stop() after a failed start: release what was opened (the stream's
                // consumers), then report the failure.
                .recover(cause -> {
                    LOG.warn("console did not start [reason: {}]", cause.getMessage());
                    return release().transform(released -> Future.<HttpServer>failedFuture(cause));
                })
                .<Void>mapEmpty()
                .onComplete(startPromise);
    }

    @Override
    public void stop(Promise<Void> stopPromise) {
        release().onSuccess(v -> LOG.info("console stopped")).onComplete(stopPromise);
    }

    /** Closes what {@link #start} opened, as far as it got; idempotent. */
    private Future<Void> release() {
        if (sweeper >= 0) {
            vertx.cancelTimer(sweeper);
            sweeper = -1;
        }
        IncidentStream opened = stream;
        stream = null;
        Future<Void> streams = opened == null ? Future.succeededFuture() : opened.stop();
        HttpServer s = server;
        server = null;
        return s == null ? streams : streams.eventually(s::close);
    }

    /** Creates the configured district administrator at the first start; later starts leave it alone. */
    private Void bootstrapAdmin() {
        if (config.adminUser() != null) {
            ConsoleAccounts.ensureAdmin(accounts, config.adminUser(), config.adminPassword())
                    .ifPresent(a -> LOG.info("console administrator created [account: {}]", a.id()));
        }
        return null;
    }

    private void sweepSessions() {
        vertx.executeBlocking(() -> {
            Instant now = clock.instant();
            accounts.deleteAttemptsBefore(now.minus(LOGIN_ATTEMPTS_KEPT));
            return sessions.deleteStale(now, now.minus(config.sessionIdle()));
        }, false).onFailure(e -> LOG.warn("stale sessions or login attempts not swept", e));
    }

    /** The port the console listens on (the chosen one when configured with 0); fails before start. */
    public int actualPort() {
        HttpServer s = server;
        if (s == null) {
            throw new IllegalStateException("console is not listening");
        }
        return s.actualPort();
    }

    private Router router() {
        Router router = Router.router(vertx);
        router.route().handler(this::securityHeaders);

        router.post("/api/roster/import").handler(BodyHandler.create(false).setBodyLimit(RosterApi.UPLOAD_LIMIT_BYTES));
        router.put("/api/elders/:id/agreement/scan")
                .handler(BodyHandler.create(false).setBodyLimit(AgreementApi.SCAN_LIMIT_BYTES));
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
        router.route("/api/*").handler(NulGuard::handle);
        Authenticator authenticator = new Authenticator(vertx, sessions, config, clock);
        SessionApi sessionApi = new SessionApi(vertx, accounts, sessions, audit, authenticator, config, clock, stream);
        sessionApi.mountPublic(router);
        // Everything below needs a live session (and a CSRF token to change anything) and is scope-checked.
        router.route("/api/*").handler(authenticator::handle);
        new ScopeGuard(vertx, registry, queries, stores.dataSource()).mount(router);
        new RulesAudit(vertx, audit).mount(router);
        sessionApi.mount(router);
        router.get("/api/incidents/stream").handler(stream::open);
        new IncidentApi(vertx, incidents, registry, queries, commands, care.records(), audit, directory, clock).mount(router);
        new RegistryApi(vertx, registry, stores.streets(), queries, edits, audit, directory, clock).mount(router);
        new DeviceApi(vertx, registry, queries, edits, audit, clock).mount(router);
        new CarrierApi(vertx, stores.carrier(), registry, audit).mount(router);
        new RosterApi(vertx, new RosterImporter(stores.roster(), stores.streets(), clock),
                new RosterExporter(stores.roster()), audit, clock).mount(router);
        new AccountApi(vertx, accounts, sessions, audit).mount(router);
        EffectiveRules rules = new EffectiveRules(stores.thresholds(), stores.weather(), ruleDefaults);
        new RulesApi(vertx, stores, rules, clock).mount(router);
        new RoutineApi(vertx, queries, stores.absences(), rules, audit, clock).mount(router);
        new CareApi(vertx, care, stores.care(), registry, queries, audit, clock).mount(router);
        new AgreementApi(vertx, stores.care(), registry, audit, clock).mount(router);
        new SupervisionApi(vertx, care, incidents, stores.careMessages(), registry, clock).mount(router);
        new DutySettingsApi(vertx, stores.care(), stores.streets(), audit, clock).mount(router);
        new CareExportApi(vertx, care, stores.care(), registry, queries, audit, clock).mount(router);
        new ProvidersApi(vertx, providers).mount(router);
        // After every API route: an unknown /api path is a JSON 404, not the page or an HTML error.
        router.route("/api/*").handler(ctx -> ctx.fail(ApiError.notFound("接口不存在")));
        router.route("/api/*").failureHandler(Replies::failure);

        HealthEndpoint health = new HealthEndpoint(vertx, healthChecks);
        router.get("/health").handler(health::ready);
        router.get("/health/ready").handler(health::ready);
        router.get("/health/live").handler(health::live);
        router.route("/health/*").failureHandler(Replies::failure);

        router.route("/*").handler(StaticHandler.create("webroot").setMaxAgeSeconds(STATIC_MAX_AGE_SECONDS));
        return router;
    }

    /**
     * The page loads only its own files, so injected markup could neither run scripts nor call out; no
     * site may frame it (CSP {@code frame-ancestors} for today's browsers, {@code X-Frame-Options} for
     * older ones). Behind TLS (secure cookies) browsers are told to use HTTPS only, for a year.
     */
    private void securityHeaders(RoutingContext ctx) {
        ctx.response()
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Content-Security-Policy",
                        "default-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'");
        if (config.secureCookies()) {
            ctx.response().putHeader("Strict-Transport-Security", "max-age=" + HSTS_MAX_AGE.toSeconds());
        }
        ctx.next();
    }
}
