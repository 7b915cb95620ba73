package org.shouwang.console;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;
import org.shouwang.db.AccountRole;
import org.shouwang.model.ResidentId;
import org.shouwang.roster.Quarter;
import org.shouwang.roster.RosterColumn;
import org.shouwang.roster.RosterExporter;
import org.shouwang.roster.RosterFiles;
import org.shouwang.roster.RosterFormatException;
import org.shouwang.roster.RosterImportOptions;
import org.shouwang.roster.RosterImportReport;
import org.shouwang.roster.RosterImporter;
import org.shouwang.roster.RosterProgress;
import org.shouwang.roster.RosterTable;

/**
 * The roster (摸排表) in the console: upload a street's .xlsx or .csv ({@code POST /api/roster/import},
 * the file as the raw body) and download the annex-3 export ({@code GET /api/roster/export}). Street staff
 * handle their own street, district staff any; community workers neither, since the export carries every
 * ID number and phone in clear. Both are audited; the import runs on a worker thread.
 */
final class RosterApi {

    /** A street's roster of a few thousand rows is well under a megabyte; this leaves room for formatting. */
    static final long UPLOAD_LIMIT_BYTES = 10L * 1024 * 1024;
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final Vertx vertx;
    private final RosterImporter importer;
    private final RosterExporter exporter;
    private final Audit audit;
    private final Clock clock;

    RosterApi(Vertx vertx, RosterImporter importer, RosterExporter exporter, Audit audit, Clock clock) {
        this.vertx = vertx;
        this.importer = importer;
        this.exporter = exporter;
        this.audit = audit;
        this.clock = clock;
    }

    void mount(Router router) {
        router.post("/api/roster/import").handler(this::importRoster);
        router.get("/api/roster/export").handler(this::export);
    }

    private void importRoster(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        staff.requireRole(AccountRole.DISTRICT, AccountRole.STREET);
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) {
            throw ApiError.badRequest("请上传摸排表文件（.xlsx 或 .csv）");
        }
        String name = fileName(ctx.request().getParam("name"));
        boolean skipInvalid = "true".equals(ctx.request().getParam("skipInvalid"));
        byte[] bytes = body.getBytes();
        Replies.blocking(vertx, ctx, 200, () -> {
            if (staff.role() == AccountRole.STREET) {
                requireOwnStreet(staff, bytes);
            }
            RosterImportReport report = importer.importBytes(bytes, name,
                    new RosterImportOptions(skipInvalid, "console:" + staff.account().username()), RosterProgress.NONE);
            audit.record(staff, Audit.ROSTER_IMPORT, "roster", name, null, (report.refused() ? "拒绝" : "完成")
                    + " 新增" + report.created() + " 更新" + report.updated() + " 拒绝" + report.rejected());
            return view(report);
        });
    }

    /** A street's staff may import only rows of their street; the file is read once more to check. */
    private static void requireOwnStreet(Staff staff, byte[] bytes) {
        RosterTable table;
        try {
            table = RosterFiles.read(bytes, RosterProgress.NONE);
        } catch (RosterFormatException e) {
            return; // the importer reports the unreadable file itself
        }
        Set<String> others = new TreeSet<>();
        table.rows().stream().map(r -> r.value(RosterColumn.STREET)).filter(s -> s != null && !s.isBlank())
                .map(String::strip).filter(s -> !s.equals(staff.account().street())).forEach(others::add);
        if (!others.isEmpty()) {
            throw ApiError.forbidden("文件中含有其他街道的老人（" + String.join("、", others) + "），您只能导入本街道的摸排表");
        }
    }

    private void export(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        staff.requireRole(AccountRole.DISTRICT, AccountRole.STREET);
        String street = ctx.request().getParam("street");
        if (street == null || street.isBlank()) {
            street = staff.account().street();
        }
        if (street == null) {
            throw ApiError.badField("street", "请选择街道（street）");
        }
        if (!staff.account().coversStreet(street)) {
            throw ApiError.forbidden("您只能导出本街道的摸排表");
        }
        LocalDate today = LocalDate.now(clock.withZone(ResidentId.ZONE));
        Quarter quarter;
        try {
            String raw = ctx.request().getParam("quarter");
            quarter = raw == null || raw.isBlank() ? Quarter.of(today) : Quarter.parse(raw.strip());
        } catch (RuntimeException e) {
            throw ApiError.badField("quarter", "季度（quarter）格式应为 2026Q4");
        }
        String chosen = street;
        Quarter q = quarter;
        vertx.executeBlocking(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int count = exporter.export(chosen, q, today, false, out, RosterProgress.NONE);
            audit.record(staff, Audit.ROSTER_EXPORT, "roster", chosen + " " + q, null, count + " 人");
            return Buffer.buffer(out.toByteArray());
        }, false).onSuccess(file -> {
            String filename = chosen + "-" + q + "-摸排表.xlsx";
            ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, XLSX)
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .putHeader("Content-Disposition", "attachment; filename=\"roster.xlsx\"; filename*=UTF-8''"
                            + URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20"))
                    .end(file);
        }).onFailure(ctx::fail);
    }

    private static String fileName(String raw) {
        if (raw == null || raw.isBlank()) {
            return "upload.xlsx";
        }
        String name = raw.strip().replaceAll("[\\\\/\\p{Cntrl}]", "_");
        return name.length() > 100 ? name.substring(0, 100) : name;
    }

    private static JsonObject view(RosterImportReport r) {
        JsonArray problems = new JsonArray();
        r.problems().forEach(p -> problems.add(new JsonObject().put("row", p.row())
                .put("column", p.column() == null ? null : p.column().header()).put("message", p.message())));
        JsonArray changes = new JsonArray();
        r.changes().forEach(c -> changes.add(c.toString()));
        return new JsonObject()
                .put("source", r.source())
                .put("format", r.format())
                .put("refused", r.refused())
                .put("created", r.created())
                .put("updated", r.updated())
                .put("unchanged", r.unchanged())
                .put("rejected", r.rejected())
                .put("problems", problems)
                .put("changes", changes)
                .put("newCommunities", new JsonArray(r.newCommunities()))
                .put("summary", r.render());
    }
}
