package org.shouwang.console;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.shouwang.db.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How the API answers: JSON bodies, blocking work moved off the event loop, errors as {@code {"error":…}}. */
final class Replies {

    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

    private Replies() {
    }

    /**
     * Runs JDBC (or other blocking) work on a worker thread and answers with its result. Unordered, so
     * one slow query does not queue every other request of this verticle behind it.
     */
    static void blocking(Vertx vertx, RoutingContext ctx, int status, Callable<?> work) {
        vertx.executeBlocking(work, false)
                .onSuccess(body -> json(ctx, status, body))
                .onFailure(ctx::fail);
    }

    static void json(RoutingContext ctx, int status, Object body) {
        String encoded = body instanceof JsonObject o ? o.encode()
                : body instanceof JsonArray a ? a.encode()
                : String.valueOf(body);
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(encoded);
    }

    /**
     * A download: {@code asciiName} for old browsers, {@code name} (Chinese) for the rest (RFC 6266), never cached,
     * since these files hold personal data.
     */
    static void file(RoutingContext ctx, String contentType, String asciiName, String name, byte[] bytes) {
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("Content-Disposition", "attachment; filename=\"" + asciiName + "\"; filename*=UTF-8''"
                        + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
                .end(Buffer.buffer(bytes));
    }

    /** Failure handler for the API: client errors as sent, anything else as a 500 that reveals nothing. */
    static void failure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (ctx.response().ended()) {
            return;
        }
        if (failure instanceof ApiError e) {
            if (e.retryAfterSeconds() > 0) {
                ctx.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
            }
            json(ctx, e.status(), e.body());
            return;
        }
        int status = ctx.statusCode();
        if (status == 413) {
            json(ctx, 413, error("请求内容过大"));
        } else if (status >= 400 && status < 500) {
            json(ctx, status, error("请求无效"));
        } else {
            logServerError(ctx, failure);
            json(ctx, 500, error("服务器内部错误，请稍后重试"));
        }
    }

    static JsonObject error(String message) {
        return new JsonObject().put("error", message);
    }

    private static void logServerError(RoutingContext ctx, Throwable failure) {
        String route = ctx.request().method() + " " + ctx.normalizedPath();
        if (failure instanceof DataAccessException e) {
            // PostgreSQL puts the offending values (an ID number, a phone) into its message: keep only the code.
            LOG.error("request failed in the database [route: {}, sqlstate: {}]", route, e.sqlState());
        } else {
            LOG.error("request failed [route: {}]", route, failure);
        }
    }
}
