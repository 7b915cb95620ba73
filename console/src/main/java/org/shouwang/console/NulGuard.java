package org.shouwang.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Refuses a NUL character wherever the console takes text: PostgreSQL cannot store one (SQLSTATE 22021),
 * so it is the client's mistake, answered 400 before any query, never a 500 from the database.
 * {@link #handle} checks the path and query string of every API request; {@link Forms#parse} checks
 * every string of a JSON body, keys included.
 */
final class NulGuard {

    private static final char NUL = '\u0000';

    private NulGuard() {
    }

    /** Route handler for {@code /api/*}: a {@code %00} (or a raw NUL) in the path or query is a 400. */
    static void handle(RoutingContext ctx) {
        String uri = ctx.request().uri();
        if (uri != null && (uri.contains("%00") || uri.indexOf(NUL) >= 0)) {
            throw ApiError.badRequest("请求地址或查询条件中含有空字符（NUL），请删除后重试");
        }
        ctx.next();
    }

    /** Throws a 400 naming the top-level field whose value (at any depth) or name holds a NUL. */
    static void check(JsonObject body) {
        for (Map.Entry<String, Object> field : body) {
            if (field.getKey().indexOf(NUL) >= 0 || holdsNul(field.getValue())) {
                String key = field.getKey().replace(String.valueOf(NUL), "");
                throw ApiError.badField(key, "输入内容（" + key + "）中含有空字符（NUL），无法保存，请删除后重试");
            }
        }
    }

    private static boolean holdsNul(Object value) {
        if (value instanceof String s) {
            return s.indexOf(NUL) >= 0;
        }
        if (value instanceof JsonObject o) {
            for (Map.Entry<String, Object> e : o) {
                if (e.getKey().indexOf(NUL) >= 0 || holdsNul(e.getValue())) {
                    return true;
                }
            }
            return false;
        }
        if (value instanceof JsonArray a) {
            for (Object item : a) {
                if (holdsNul(item)) {
                    return true;
                }
            }
        }
        return false;
    }
}
