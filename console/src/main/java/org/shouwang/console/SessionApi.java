package org.shouwang.console;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.shouwang.db.Account;
import org.shouwang.db.AccountCredentials;
import org.shouwang.db.AccountStore;
import org.shouwang.db.SessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logging in and out: {@code POST /api/login} (before the {@link Authenticator}), and behind it
 * {@code GET /api/session} (who am I, and the CSRF token), {@code POST /api/logout} and
 * {@code POST /api/session/password}. Failed logins are counted per client address for the
 * {@link LoginThrottle} and per username and address for the {@link LockOut}; one address has one login
 * checked at a time, so a burst cannot slip past the counts while they are being written.
 */
final class SessionApi {

    private static final Logger LOG = LoggerFactory.getLogger(SessionApi.class);
    private static final String BAD_LOGIN = "用户名或密码错误";

    private final Vertx vertx;
    private final AccountStore accounts;
    private final SessionStore sessions;
    private final Audit audit;
    private final Authenticator authenticator;
    private final ConsoleConfig config;
    private final Clock clock;
    private final IncidentStream live;
    /** Addresses with a login being checked right now. */
    private final Set<String> checking = ConcurrentHashMap.newKeySet();

    SessionApi(Vertx vertx, AccountStore accounts, SessionStore sessions, Audit audit, Authenticator authenticator,
               ConsoleConfig config, Clock clock, IncidentStream live) {
        this.vertx = vertx;
        this.accounts = accounts;
        this.sessions = sessions;
        this.audit = audit;
        this.authenticator = authenticator;
        this.config = config;
        this.clock = clock;
        this.live = live;
    }

    /** Routes that need no session: mount before the authenticator. */
    void mountPublic(Router router) {
        router.post("/api/login").handler(this::login);
    }

    /** Routes of the signed-in person: mount after the authenticator. */
    void mount(Router router) {
        router.get("/api/session").handler(ctx -> Replies.json(ctx, 200, view(Staff.of(ctx).account(),
                Staff.of(ctx).csrfToken())));
        router.post("/api/logout").handler(this::logout);
        router.post("/api/session/password").handler(this::changePassword);
    }

    private void login(RoutingContext ctx) {
        if (!Authenticator.sameOrigin(ctx)) {
            throw ApiError.forbidden("请求来源不符，已拒绝");
        }
        JsonObject body = Forms.parse(ctx.body().buffer());
        String username = Forms.required(body, "username", "用户名", 50);
        String password = Forms.optional(body, "password", "密码", Passwords.MAX_LENGTH);
        if (password == null) {
            throw ApiError.badField("password", "密码（password）不能为空");
        }
        String address = ClientAddress.of(ctx.request(), config.trustedProxies());
        if (!checking.add(address)) {
            throw ApiError.throttled("登录尝试过于频繁，请 1 秒后再试", 1);
        }
        vertx.executeBlocking(() -> attempt(username, password, address), false).onComplete(done -> {
            checking.remove(address);
            if (done.failed()) {
                ctx.fail(done.cause());
                return;
            }
            String token = Tokens.random();
            Account account = done.result();
            String csrf = Tokens.random();
            vertx.executeBlocking(() -> {
                Instant now = clock.instant();
                sessions.create(Tokens.sha256(token), account.id(), csrf, now, now.plus(config.sessionMaxAge()));
                audit.anonymous(account.id(), account.displayName(), Audit.LOGIN, "account", account.username());
                return null;
            }, false).onSuccess(v -> {
                LOG.info("staff signed in [account: {}, role: {}]", account.id(), account.role());
                ctx.response().addCookie(authenticator.cookie(token));
                Replies.json(ctx, 200, view(account, csrf));
            }).onFailure(ctx::fail);
        });
    }

    /**
     * Checks the address's throttle, the lock-out of the username at the address and the password; the
     * account when all pass, an {@link ApiError} otherwise. A throttled attempt is not recorded: it checked
     * nothing, and counting it would let the wait grow without a single guess.
     */
    private Account attempt(String username, String password, String address) {
        // PostgreSQL keeps microseconds and rounds the rest: judge by the instant exactly as it is stored, or a
        // failure read back could sit a fraction of a microsecond later and keep a finished wait going.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Optional<Instant> wait = LoginThrottle.waitUntil(
                accounts.addressFailuresSince(address, LoginThrottle.windowStart(now), LoginThrottle.COUNTED));
        if (wait.isPresent() && wait.get().isAfter(now)) {
            throw throttledError(now, wait.get());
        }
        Optional<Instant> locked = LockOut.lockedUntil(
                accounts.failuresSince(username, address, LockOut.windowStart(now)));
        if (locked.isPresent()) {
            audit.anonymous(null, "login", Audit.LOGIN_LOCKED, "account", Views.redact(username));
            throw lockedError(now, locked.get());
        }
        Optional<AccountCredentials> found = accounts.credentials(username);
        boolean ok;
        if (found.isPresent()) {
            ok = Passwords.verify(password, found.get().passwordHash()) && found.get().account().active();
        } else {
            Passwords.verifyDecoy(password);
            ok = false;
        }
        accounts.recordAttempt(username, address, now, ok);
        if (!ok) {
            throw refused(username, address, now, found);
        }
        AccountCredentials creds = found.get();
        if (Passwords.needsRehash(creds.passwordHash())) {
            accounts.setPasswordHash(creds.account().id(), Passwords.hash(password), now);
        }
        return creds.account();
    }

    /** Audits a refused login; its answer is "locked" when this failure was the fifth here, else 401. */
    private ApiError refused(String username, String address, Instant now, Optional<AccountCredentials> found) {
        audit.anonymous(found.map(c -> c.account().id()).orElse(null), "login", Audit.LOGIN_FAILED, "account",
                Views.redact(username));
        LOG.info("login refused [account: {}]", found.map(c -> String.valueOf(c.account().id())).orElse("unknown"));
        List<Instant> fromAddress = accounts.addressFailuresSince(address, LoginThrottle.windowStart(now),
                LoginThrottle.COUNTED);
        if (fromAddress.size() == LoginThrottle.FREE_FAILURES) {
            // Once per address and window; never the address itself (personal data).
            LOG.warn("login throttled for a client address [failures: {}, window: {}]", fromAddress.size(),
                    LoginThrottle.WINDOW);
        }
        Optional<Instant> nowLocked = LockOut.lockedUntil(
                accounts.failuresSince(username, address, LockOut.windowStart(now)));
        return nowLocked.map(until -> lockedError(now, until)).orElseGet(() -> ApiError.unauthorized(BAD_LOGIN));
    }

    private static ApiError lockedError(Instant now, Instant until) {
        long minutes = LockOut.minutesLeft(now, until);
        return ApiError.locked("登录失败次数过多，该账户在当前网络地址已临时锁定，请 " + minutes + " 分钟后再试",
                LoginThrottle.secondsLeft(now, until), minutes);
    }

    private static ApiError throttledError(Instant now, Instant until) {
        long seconds = LoginThrottle.secondsLeft(now, until);
        return ApiError.throttled("登录尝试过于频繁，请 " + LoginThrottle.spoken(seconds) + "后再试", seconds);
    }

    private void logout(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        vertx.executeBlocking(() -> {
            sessions.delete(staff.sessionHash());
            audit.record(staff, Audit.LOGOUT, "account", staff.account().username(), null, null);
            return null;
        }, false).onSuccess(v -> {
            live.closeSession(staff.sessionHash());
            ctx.response().addCookie(authenticator.expired());
            Replies.json(ctx, 200, new JsonObject().put("loggedOut", true));
        }).onFailure(ctx::fail);
    }

    private void changePassword(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        JsonObject body = Forms.parse(ctx.body().buffer());
        String current = Forms.optional(body, "current", "当前密码", Passwords.MAX_LENGTH);
        String next = body.getValue("password") instanceof String s ? s : null;
        String weakness = Passwords.weakness(next);
        if (weakness != null) {
            throw ApiError.badField("password", weakness);
        }
        String csrf = Tokens.random();
        String token = Tokens.random();
        vertx.executeBlocking(() -> {
            AccountCredentials creds = accounts.credentials(staff.account().username()).orElseThrow();
            if (current == null || !Passwords.verify(current, creds.passwordHash())) {
                throw ApiError.badField("current", "当前密码不正确");
            }
            accounts.setPasswordHash(staff.account().id(), Passwords.hash(next), clock.instant());
            // Every other session of this person ends: a stolen session does not outlive the new password.
            sessions.deleteForAccount(staff.account().id());
            Instant now = clock.instant();
            sessions.create(Tokens.sha256(token), staff.account().id(), csrf, now, now.plus(config.sessionMaxAge()));
            audit.record(staff, Audit.PASSWORD_CHANGED, "account", staff.account().username(), null, null);
            return view(staff.account(), csrf);
        }, false).onSuccess(view -> {
            live.closeSession(staff.sessionHash());
            ctx.response().addCookie(authenticator.cookie(token));
            Replies.json(ctx, 200, view);
        }).onFailure(ctx::fail);
    }

    static JsonObject view(Account a, String csrfToken) {
        return new JsonObject()
                .put("username", a.username())
                .put("displayName", a.displayName())
                .put("role", a.role().name())
                .put("roleLabel", a.role().label())
                .put("street", a.street())
                .put("communities", new JsonArray(List.copyOf(a.communities())))
                .put("csrfToken", csrfToken);
    }
}
