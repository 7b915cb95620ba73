package org.shouwang.console;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.shouwang.db.AccountRole;
import org.shouwang.db.CareStore;
import org.shouwang.db.RegistryStore;
import org.shouwang.model.CareContact;
import org.shouwang.model.ContactRole;
import org.shouwang.model.Elder;
import org.shouwang.model.ResidentId;
import org.shouwang.model.care.Agreement;
import org.shouwang.model.care.AgreementStatus;

/**
 * The four-party agreement (四方关爱协议, annex 1) of one elder: read it, record it, attach and fetch the scan of
 * the signed paper. The agreement is the street's document (甲 signs it): a community worker may draw one up and
 * keep a draft up to date, but only street or district staff may record it as signed or ended, or change it once
 * it is signed. Every change and every download is audited; the elder's scope is checked by {@link ScopeGuard}.
 */
final class AgreementApi {

    /** A phone photo or a scanned PDF of a few pages; anything larger is refused before it is read. */
    static final long SCAN_LIMIT_BYTES = 5L * 1024 * 1024;

    private final Vertx vertx;
    private final CareStore store;
    private final RegistryStore registry;
    private final Audit audit;
    private final Clock clock;

    AgreementApi(Vertx vertx, CareStore store, RegistryStore registry, Audit audit, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.registry = registry;
        this.audit = audit;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/api/elders/:id/agreement").handler(this::agreement);
        router.put("/api/elders/:id/agreement").handler(this::put);
        router.put("/api/elders/:id/agreement/scan").handler(this::attachScan);
        router.get("/api/elders/:id/agreement/scan").handler(this::scan);
    }

    /** Who may record an agreement in {@code status}, given the one recorded before (null when none). */
    static boolean maySet(AccountRole role, Agreement before, AgreementStatus status) {
        if (role != AccountRole.COMMUNITY_WORKER) {
            return true;
        }
        return status == AgreementStatus.DRAFT && (before == null || before.status() == AgreementStatus.DRAFT);
    }

    private void agreement(RoutingContext ctx) {
        Elder elder = ScopeGuard.elder(ctx);
        Replies.blocking(vertx, ctx, 200, () -> {
            Agreement a = store.agreement(elder.id()).orElseThrow(() -> ApiError.notFound("尚未登记四方协议"));
            return CareViews.agreement(a, registry.contacts(elder.id()));
        });
    }

    private void put(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        Elder elder = ScopeGuard.elder(ctx);
        LocalDate today = LocalDate.now(clock.withZone(ResidentId.ZONE));
        CareForms.AgreementInput in = CareForms.agreement(Forms.parse(ctx.body().buffer()), today);
        Replies.blocking(vertx, ctx, 200, () -> {
            Agreement before = store.agreement(elder.id()).orElse(null);
            if (!maySet(staff.role(), before, in.status())) {
                throw ApiError.forbidden("四方协议由街道签订：社区工作者可以草拟协议，签订、终止或修改已签订的协议须由街道人员办理");
            }
            List<CareContact> team = registry.contacts(elder.id());
            party(team, in.communityWorkerId(), ContactRole.COMMUNITY_WORKER, "communityWorkerId", "乙方（社区工作者）");
            party(team, in.neighbourId(), ContactRole.NEIGHBOUR_VOLUNTEER, "neighbourId", "丙方（邻里亲友或志愿者）");
            Agreement saved = store.putAgreement(new Agreement(elder.id(), in.status(), elder.street(),
                    in.streetRepresentative(), in.communityWorkerId(), in.neighbourId(), in.healthStatus(),
                    in.signedOn(), in.endedOn(), before != null && before.hasScan(), clock.instant(), staff.name()));
            audit.record(staff, Audit.AGREEMENT_CHANGE, "care_agreement", elder.id(), elder.id(),
                    (before == null ? "登记" : before.status().label() + "→") + saved.status().label());
            return CareViews.agreement(saved, team);
        });
    }

    /** 乙 and 丙 must be the elder's own care contacts of their role; unnamed is allowed while drafting. */
    private static void party(List<CareContact> team, Long id, ContactRole role, String field, String label) {
        if (id != null && team.stream().noneMatch(c -> c.id() == id && c.role() == role)) {
            throw ApiError.badField(field, label + "须是该老人照护团队中角色为「" + role.label() + "」的联系人");
        }
    }

    private void attachScan(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        Elder elder = ScopeGuard.elder(ctx);
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) {
            throw ApiError.badRequest("请上传签字协议的扫描件（PDF、JPG 或 PNG）");
        }
        byte[] bytes = body.getBytes();
        String type = ScanFile.type(bytes).orElseThrow(() ->
                ApiError.badRequest("扫描件只能是 PDF、JPG 或 PNG 文件"));
        Replies.blocking(vertx, ctx, 200, () -> {
            if (!store.attachScan(elder.id(), bytes, "agreement-" + elder.id() + ScanFile.extension(type), type)) {
                throw ApiError.conflict("请先登记四方协议，再上传扫描件");
            }
            audit.record(staff, Audit.AGREEMENT_SCAN, "care_agreement", elder.id(), elder.id(),
                    type + " " + bytes.length / 1024 + " KB");
            return new JsonObject().put("attached", true).put("contentType", type).put("bytes", bytes.length);
        });
    }

    private void scan(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        Elder elder = ScopeGuard.elder(ctx);
        vertx.executeBlocking(() -> {
            CareStore.Scan found = store.scan(elder.id()).orElseThrow(() -> ApiError.notFound("没有上传扫描件"));
            audit.record(staff, Audit.VIEW_AGREEMENT_SCAN, "care_agreement", elder.id(), elder.id(), null);
            return found;
        }, false).onSuccess(found -> {
            String type = found.contentType();
            Replies.file(ctx, type, "agreement-scan" + ScanFile.extension(type),
                    elder.name() + "-四方协议扫描件" + ScanFile.extension(type), found.bytes());
        }).onFailure(ctx::fail);
    }
}
