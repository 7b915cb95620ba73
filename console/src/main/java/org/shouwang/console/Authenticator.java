package org.shouwang.console;

import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.shouwang.db.Session;
import org.shouwang.db.SessionStore;

/**
 * Lets a request through to the API only with a live session, and a state-changing one only with the
 * session's CSRF token in {@value #CSRF_HEADER} and, when the browser names one, a same-origin
 * {@code Origin}. The session cookie is HttpOnly and SameSite=Strict (Secure when configured), so the
 * page's script never sees it and other sites cannot send it.
 */
final class Authenticator {

    static final String COOKIE = "sw_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final Vertx vertx;
    private final SessionStore sessions;
    private final ConsoleConfig config;
    private final Clock clock;

    Authenticator(Vertx vertx, SessionStore sessions, ConsoleConfig config, Clock clock) {
        this.vertx = vertx;
        this.sessions = sessions;
        this.config = config;
        this.clock = clock;
    }

    void handle(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        if (cookie == null || cookie.getValue().isBlank()) {
            ctx.fail(ApiError.unauthorized("请先登录"));
            return;
        }
        if (!SAFE.contains(ctx.request().method()) && !sameOrigin(ctx)) {
            ctx.fail(ApiError.forbidden("请求来源不符，已拒绝"));
            return;
        }
        byte[] hash = Tokens.sha256(cookie.getValue());
        vertx.executeBlocking(() -> {
            Instant now = clock.instant();
            return sessions.touch(hash, now, now.minus(config.sessionIdle()));
        }, false).onComplete(done -> {
            if (done.failed()) {
                ctx.fail(done.cause());
                return;
            }
            if (done.result().isEmpty()) {
                ctx.response().addCookie(expired());
                ctx.fail(ApiError.unauthorized("登录已过期，请重新登录"));
                return;
            }
            Session s = done.result().get();
            if (!SAFE.contains(ctx.request().method())
                    && !Tokens.same(s.csrfToken(), ctx.request().getHeader(CSRF_HEADER))) {
                ctx.fail(ApiError.forbidden("请求缺少有效的防伪令牌（CSRF），请刷新页面后重试"));
                return;
            }
            new Staff(s.account(), hash, s.csrfToken()).attach(ctx);
            ctx.next();
        });
    }

    /** The session cookie for a new login. */
    Cookie cookie(String token) {
        return Cookie.cookie(COOKIE, token).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setSecure(config.secureCookies());
    }

    /** A cookie that tells the browser to forget the session. */
    Cookie expired() {
        return cookie("").setMaxAge(0);
    }

    /**
     * An {@code Origin} (or, without it, a {@code Referer}) naming another host than the one asked is a
     * cross-site request. Browsers send one of them on every cross-site POST; other clients may send none.
     * A forged {@code X-Forwarded-Host} cannot help a cross-site attack: a page cannot set it on a victim's
     * browser request.
     */
    static boolean sameOrigin(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin == null) {
            origin = ctx.request().getHeader("Referer");
        }
        if (origin == null) {
            return true;
        }
        // Behind a TLS proxy that rewrites Host, the host the browser asked for is in X-Forwarded-Host.
        String forwarded = ctx.request().getHeader("X-Forwarded-Host");
        String host = forwarded != null ? forwarded.split(",")[0].strip() : ctx.request().getHeader("Host");
        try {
            URI uri = URI.create(origin);
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null && uri.getHost() != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
