package org.shouwang.console;

import io.vertx.ext.web.RoutingContext;
import org.shouwang.db.Account;
import org.shouwang.db.AccountRole;
import org.shouwang.model.Elder;

/**
 * The signed-in person behind a request: their account (role and scope), the session they use and its
 * CSRF token. Put on the routing context by {@link Authenticator}; every API handler reads it from there.
 */
record Staff(Account account, byte[] sessionHash, String csrfToken) {

    private static final String KEY = "shouwang.staff";

    static Staff of(RoutingContext ctx) {
        Staff staff = ctx.get(KEY);
        if (staff == null) {
            // A route mounted in front of the authenticator would be a bug, not a client error.
            throw new IllegalStateException("no signed-in staff on " + ctx.normalizedPath());
        }
        return staff;
    }

    void attach(RoutingContext ctx) {
        ctx.put(KEY, this);
    }

    /** The name written into timelines and the audit log. */
    String name() {
        return account.displayName();
    }

    AccountRole role() {
        return account.role();
    }

    boolean covers(Elder elder) {
        return account.covers(elder.street(), elder.community());
    }

    /** Refuses with 403 unless the elder lies within this person's scope. */
    void requireScope(Elder elder) {
        if (!covers(elder)) {
            throw ApiError.forbidden("无权查看或处理该老人的信息（不在您负责的范围内）");
        }
    }

    /** Refuses with 403 unless this person's role is one of those given. */
    void requireRole(AccountRole... roles) {
        for (AccountRole r : roles) {
            if (account.role() == r) {
                return;
            }
        }
        throw ApiError.forbidden("您的角色无权进行此操作");
    }

    Disclosure disclosure() {
        return Disclosure.of(account.role());
    }
}
