package org.shouwang.console;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.shouwang.care.AgreementDocument;
import org.shouwang.care.CareRecordExport;
import org.shouwang.care.CareScope;
import org.shouwang.care.Compliance;
import org.shouwang.care.ComplianceReport;
import org.shouwang.care.DutyCalendar;
import org.shouwang.care.Weeks;
import org.shouwang.db.AccountRole;
import org.shouwang.db.CareStore;
import org.shouwang.db.RegistryStore;
import org.shouwang.model.CareContact;
import org.shouwang.model.Elder;
import org.shouwang.model.ElderProfile;
import org.shouwang.model.Privacy;
import org.shouwang.model.ResidentId;
import org.shouwang.model.care.Agreement;
import org.shouwang.model.care.CareRecord;

/**
 * The printable documents of routine care: the service record cards (annex 2, .xlsx) of a scope and range, a
 * street's quarterly compliance report (.xlsx) and an elder's agreement (annex 1, .docx). ID numbers are printed
 * in full only for street and district staff, as the roster export; community workers get them masked. Every
 * download writes an audit line before it is sent.
 */
final class CareExportApi {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private final Vertx vertx;
    private final CareServices care;
    private final CareStore store;
    private final RegistryStore registry;
    private final ConsoleQueries queries;
    private final Audit audit;
    private final Clock clock;

    CareExportApi(Vertx vertx, CareServices care, CareStore store, RegistryStore registry, ConsoleQueries queries,
                  Audit audit, Clock clock) {
        this.vertx = vertx;
        this.care = care;
        this.store = store;
        this.registry = registry;
        this.queries = queries;
        this.audit = audit;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/api/care-records/export").handler(this::cards);
        router.get("/api/compliance/report").handler(this::report);
        router.get("/api/elders/:id/agreement.docx").handler(this::agreement);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ResidentId.ZONE));
    }

    /** Full ID numbers for the roles that may export them (as the roster), masked for community workers. */
    private static boolean fullIds(Staff staff) {
        return staff.role() != AccountRole.COMMUNITY_WORKER;
    }

    private static String idShown(Staff staff, String idNumber) {
        return fullIds(staff) ? idNumber : Privacy.maskIdNumber(idNumber);
    }

    private void cards(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        String street = CareForms.param(ctx, "street");
        String community = CareForms.param(ctx, "community");
        CareScope requested = CareForms.scope(staff, street, community);
        String elderParam = CareForms.param(ctx, "elderId");
        Long elderId = elderParam == null ? null : Forms.id(elderParam, "老人编号（elderId）");
        CareForms.Range range = CareForms.range(CareForms.param(ctx, "from"), CareForms.param(ctx, "to"), today(),
                CareApi.DEFAULT_DAYS);
        vertx.executeBlocking(() -> {
            Map<Long, Elder> elders;
            List<CareRecord> records;
            String place;
            if (elderId != null) {
                Elder e = registry.findElder(elderId).orElseThrow(() -> ApiError.notFound("老人不存在"));
                staff.requireScope(e);
                if ((street != null && !street.equals(e.street())) || (community != null && !community.equals(e.community()))) {
                    throw ApiError.badRequest("该老人不在所选街道或社区");
                }
                elders = Map.of(e.id(), e);
                records = store.ofElder(e.id(), range.start(), range.end());
                place = e.street() + " " + e.community() + " " + e.name();
            } else {
                elders = queries.eldersIn(requested.street(), requested.communities());
                records = store.inScope(requested.street(), requested.communities(), range.start(), range.end());
                place = (requested.street() == null ? "姑苏区" : requested.street())
                        + (requested.communities() == null ? "" : " " + String.join("、", requested.communities()));
            }
            List<CareRecordExport.Card> cards = new ArrayList<>();
            for (CareRecord r : records) {
                Elder e = elders.get(r.elderId());
                if (e != null) {
                    cards.add(new CareRecordExport.Card(r, e.name(), idShown(staff, e.idNumber()), e.street(),
                            e.community()));
                }
            }
            cards.sort(Comparator.comparing((CareRecordExport.Card c) -> c.street()).thenComparing(c -> c.community())
                    .thenComparing(c -> c.elderName()).thenComparingLong(c -> c.record().elderId())
                    .thenComparing(c -> c.record().at()).thenComparingLong(c -> c.record().id()));
            String title = place + " 关爱照料服务记录卡 " + range.from() + " 至 " + range.to();
            byte[] file = CareRecordExport.xlsx(title, cards);
            audit.record(staff, Audit.CARE_RECORD_EXPORT, "care_record", null, elderId, place + " " + range.from()
                    + "至" + range.to() + " " + cards.size() + " 条，身份证号" + (fullIds(staff) ? "完整" : "已隐藏"));
            return file;
        }, false).onSuccess(file -> Replies.file(ctx, XLSX, "care-records.xlsx",
                "服务记录卡-" + range.from() + "-" + range.to() + ".xlsx", file)).onFailure(ctx::fail);
    }

    /** A street's quarter: the ISO weeks whose Monday lies in it, up to this week. Street and district staff only. */
    private void report(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        staff.requireRole(AccountRole.DISTRICT, AccountRole.STREET);
        String street = CareForms.param(ctx, "street");
        if (street == null) {
            street = staff.account().street();
        }
        if (street == null) {
            throw ApiError.badField("street", "请选择街道（street）");
        }
        if (!staff.account().coversStreet(street)) {
            throw ApiError.forbidden("您只能导出本街道的季度督查报表");
        }
        LocalDate today = today();
        int year = CareForms.number(CareForms.param(ctx, "year"), "year", "年份", 2020, 2100, today.getYear());
        int quarter = CareForms.number(CareForms.param(ctx, "quarter"), "quarter", "季度", 1, 4,
                (today.getMonthValue() - 1) / 3 + 1);
        LocalDate first = LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
        LocalDate last = first.plusMonths(3).minusDays(1);
        LocalDate thisWeek = DutyCalendar.monday(today);
        List<LocalDate> mondays = new ArrayList<>();
        for (LocalDate m = DutyCalendar.monday(first); !m.isAfter(last) && !m.isAfter(thisWeek); m = m.plusWeeks(1)) {
            if (!m.isBefore(first)) {
                mondays.add(m);
            }
        }
        if (mondays.isEmpty()) {
            throw ApiError.badField("quarter", "该季度尚未开始");
        }
        CareScope scope = new CareScope(street, null);
        String chosen = street;
        vertx.executeBlocking(() -> {
            List<Compliance.Week> weeks = new ArrayList<>();
            for (LocalDate m : mondays) {
                weeks.add(care.compliance().week(scope, m, today));
            }
            byte[] file = ComplianceReport.xlsx(chosen, year, quarter, weeks,
                    care.compliance().withoutAgreement(scope, today));
            audit.record(staff, Audit.COMPLIANCE_REPORT, "compliance", chosen + " " + year + "Q" + quarter, null,
                    Weeks.of(mondays.get(0)) + "至" + Weeks.of(mondays.get(mondays.size() - 1)));
            return file;
        }, false).onSuccess(file -> Replies.file(ctx, XLSX, "compliance-" + year + "Q" + quarter + ".xlsx",
                chosen + "-" + year + "年第" + quarter + "季度-关爱督查.xlsx", file)).onFailure(ctx::fail);
    }

    /** Annex 1 filled in; without a recorded agreement, a blank one with the elder's details to print and sign. */
    private void agreement(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        Elder elder = ScopeGuard.elder(ctx);
        vertx.executeBlocking(() -> {
            ElderProfile profile = registry.profile(elder.id(), today())
                    .orElseThrow(() -> ApiError.notFound("老人不存在"));
            Agreement a = store.agreement(elder.id()).orElse(null);
            List<CareContact> team = registry.contacts(elder.id());
            byte[] file = AgreementDocument.docx(a, profile, member(team, a == null ? null : a.communityWorkerId()),
                    member(team, a == null ? null : a.neighbourId()), idShown(staff, elder.idNumber()));
            audit.record(staff, Audit.AGREEMENT_EXPORT, "care_agreement", elder.id(), elder.id(),
                    (a == null ? "空白协议" : a.status().label()) + "，身份证号" + (fullIds(staff) ? "完整" : "已隐藏"));
            return file;
        }, false).onSuccess(file -> Replies.file(ctx, DOCX, "agreement-" + elder.id() + ".docx",
                elder.name() + "-四方关爱协议.docx", file)).onFailure(ctx::fail);
    }

    private static CareContact member(List<CareContact> team, Long id) {
        return id == null ? null : team.stream().filter(c -> c.id() == id).findFirst().orElse(null);
    }
}
