package org.shouwang.demo.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Where a press's time goes, from what the database recorded of it: ingest's receipt
 * ({@code device_event.received_at}) and the start of the transaction that wrote it
 * ({@code ingested_message.received_at}, which defaults to {@code now()}) and the transaction that queued its
 * incident's first page in the outbox ({@code notification.created_at}, also {@code now()}). Four stages per
 * press: publish → ingest has it (broker and MQTT); → its batch begins (waiting in ingest's queue); → first page
 * queued (write and commit, event bus, rules, incident, escalation); → first provider request (outbox sender,
 * provider SDK, HTTP). The platform and this JVM read the same wall clock.
 */
public final class PressStages {

    private static final String QUERY = "SELECT e.device_id, e.received_at, m.received_at,"
            + " (SELECT min(n.created_at) FROM incident i JOIN notification n ON n.incident_id = i.id"
            + " WHERE i.device_id = e.device_id) FROM device_event e"
            + " JOIN ingested_message m ON m.device_id = e.device_id AND m.msg_id = e.msg_id"
            + " WHERE e.device_id = ANY (?)";

    private PressStages() {
    }

    /** Lines of p50/p95 per stage over the presses the database has both times for. */
    public static List<String> describe(DataSource ds, List<PressRun.Timing> timings) throws SQLException {
        Map<String, Instant[]> recorded = recorded(ds, timings.stream().map(PressRun.Timing::buttonId).toList());
        List<Double> toIngest = new ArrayList<>();
        List<Double> queued = new ArrayList<>();
        List<Double> toOutbox = new ArrayList<>();
        List<Double> toPage = new ArrayList<>();
        for (PressRun.Timing t : timings) {
            Instant[] at = recorded.get(t.buttonId());
            if (at != null && at[2] != null) {
                toIngest.add(ms(t.sent(), at[0]));
                queued.add(ms(at[0], at[1]));
                toOutbox.add(ms(at[1], at[2]));
                toPage.add(ms(at[2], t.firstPage()));
            }
        }
        return List.of(
                line("publish -> ingest received", toIngest),
                line("received -> its batch's transaction began", queued),
                line("its batch began -> first page queued (outbox)", toOutbox),
                line("page queued -> first provider request", toPage));
    }

    private static Map<String, Instant[]> recorded(DataSource ds, List<String> buttons) throws SQLException {
        Map<String, Instant[]> out = new HashMap<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(QUERY)) {
            ps.setArray(1, c.createArrayOf("text", buttons.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Instant[] {instant(rs, 2), instant(rs, 3), instant(rs, 4)});
                }
            }
        }
        return out;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        java.sql.Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static double ms(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    private static String line(String stage, List<Double> ms) {
        List<Double> sorted = ms.stream().sorted().toList();
        return String.format(Locale.ROOT, "%-45s: p50 %.1f ms, p95 %.1f ms, max %.1f ms (n=%d)", stage,
                BenchSummary.percentile(sorted, 50), BenchSummary.percentile(sorted, 95),
                BenchSummary.percentile(sorted, 100), sorted.size());
    }
}
