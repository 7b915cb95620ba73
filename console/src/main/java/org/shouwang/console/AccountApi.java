package org.shouwang.console;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import org.shouwang.db.Account;
import org.shouwang.db.AccountRole;
import org.shouwang.db.AccountStore;
import org.shouwang.db.SessionStore;

/**
 * Staff accounts in the console: district staff manage every account, street staff the accounts of their
 * street (street and community-worker roles only); community workers none. Audited.
 */
final class AccountApi {

    private final Vertx vertx;
    private final AccountStore accounts;
    private final SessionStore sessions;
    private final Audit audit;

    AccountApi(Vertx vertx, AccountStore accounts, SessionStore sessions, Audit audit) {
        this.vertx = vertx;
        this.accounts = accounts;
        this.sessions = sessions;
        this.audit = audit;
    }

    void mount(Router router) {
        router.get("/api/accounts").handler(this::list);
        router.post("/api/accounts").handler(this::create);
        router.post("/api/accounts/:id/active").handler(this::setActive);
    }

    private void list(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        staff.requireRole(AccountRole.DISTRICT, AccountRole.STREET);
        Replies.blocking(vertx, ctx, 200, () -> {
            JsonArray rows = new JsonArray();
            accounts.list().stream().filter(a -> manages(staff, a)).forEach(a -> rows.add(view(a)));
            return rows;
        });
    }

    private void create(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        staff.requireRole(AccountRole.DISTRICT, AccountRole.STREET);
        JsonObject body = Forms.parse(ctx.body().buffer());
        String username = Forms.required(body, "username", "用户名", 50);
        if (!ConsoleAccounts.USERNAME.matcher(username).matches()) {
            throw ApiError.badField("username", "用户名（username）只能含字母、数字和 . _ -，3 到 50 位");
        }
        String displayName = Forms.required(body, "displayName", "姓名", 50);
        AccountRole role = role(Forms.required(body, "role", "角色", 30));
        String street = role == AccountRole.DISTRICT ? null : Forms.required(body, "street", "街道", 50);
        List<String> communities = new ArrayList<>();
        if (role == AccountRole.COMMUNITY_WORKER) {
            JsonArray raw = body.getValue("communities") instanceof JsonArray a ? a : new JsonArray();
            raw.stream().filter(c -> c instanceof String s && !s.isBlank()).map(c -> ((String) c).strip())
                    .forEach(communities::add);
            if (communities.isEmpty()) {
                throw ApiError.badField("communities", "社区工作者至少要负责一个社区（communities）");
            }
        }
        String password = body.getValue("password") instanceof String s ? s : null;
        String weakness = Passwords.weakness(password);
        if (weakness != null) {
            throw ApiError.badField("password", weakness);
        }
        Account wanted = new Account(0, username, displayName, role, street, communities, true);
        if (!manages(staff, wanted)) {
            throw ApiError.forbidden("您无权创建该范围或角色的账户");
        }
        Replies.blocking(vertx, ctx, 201, () -> {
            Account created;
            try {
                created = ConsoleAccounts.createIfAbsent(accounts, username, displayName, role, street, communities,
                        password, staff.account().username()).orElseThrow(() -> ApiError.conflict("该用户名已被使用"));
            } catch (org.shouwang.db.DataAccessException e) {
                throw e.isUniqueViolation() ? ApiError.conflict("该用户名已被使用")
                        : ApiError.badField("street", "街道（street）不存在");
            }
            audit.record(staff, Audit.CREATE_ACCOUNT, "account", created.username(), null, created.role().label());
            return view(created);
        });
    }

    private void setActive(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        staff.requireRole(AccountRole.DISTRICT, AccountRole.STREET);
        long id = Forms.id(ctx.pathParam("id"), "账户编号");
        Object raw = Forms.parse(ctx.body().buffer()).getValue("active");
        if (!(raw instanceof Boolean active)) {
            throw ApiError.badField("active", "启用状态（active）必须是 true 或 false");
        }
        Replies.blocking(vertx, ctx, 200, () -> {
            Account target = accounts.find(id).orElseThrow(() -> ApiError.notFound("账户不存在"));
            if (!manages(staff, target) || target.id() == staff.account().id()) {
                throw ApiError.forbidden("您无权更改该账户");
            }
            accounts.setActive(id, active);
            if (!active) {
                sessions.deleteForAccount(id);
            }
            audit.record(staff, Audit.SET_ACCOUNT_ACTIVE, "account", target.username(), null, active ? "启用" : "停用");
            return view(accounts.find(id).orElseThrow());
        });
    }

    /** District staff manage every account; street staff the non-district accounts of their street. */
    private static boolean manages(Staff staff, Account a) {
        return switch (staff.role()) {
            case DISTRICT -> true;
            case STREET -> a.role() != AccountRole.DISTRICT && staff.account().street().equals(a.street());
            case COMMUNITY_WORKER -> false;
        };
    }

    private static AccountRole role(String raw) {
        for (AccountRole r : AccountRole.values()) {
            if (r.name().equals(raw)) {
                return r;
            }
        }
        throw ApiError.badField("role", "角色（role）只能是 DISTRICT、STREET 或 COMMUNITY_WORKER");
    }

    private static JsonObject view(Account a) {
        return new JsonObject().put("id", a.id()).put("username", a.username()).put("displayName", a.displayName())
                .put("role", a.role().name()).put("roleLabel", a.role().label()).put("street", a.street())
                .put("communities", new JsonArray(List.copyOf(a.communities()))).put("active", a.active());
    }
}
