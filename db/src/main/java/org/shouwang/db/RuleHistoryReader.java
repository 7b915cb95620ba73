package org.shouwang.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.Telemetry;
import org.shouwang.model.WaterInterval;

/** Reads stored messages back as the records ingest announced, in arrival order, for the rules' replay. */
final class RuleHistoryReader {

    private static final int FETCH_SIZE = 5_000;
    private static final String TELEMETRY = "SELECT t.device_id, t.msg_id, t.ts, t.received_at, t.total_liters,"
            + " t.flow_lpm, t.battery, t.rssi, w.start_ts, w.end_ts, w.liters"
            + " FROM telemetry t LEFT JOIN water_use w ON w.device_id = t.device_id AND w.msg_id = t.msg_id"
            + " WHERE t.received_at >= ? AND t.received_at < ?"
            + " ORDER BY t.received_at, t.device_id, t.msg_id, w.start_ts";
    private static final String EVENTS = "SELECT device_id, msg_id, ts, received_at, kind, action, code, battery"
            + " FROM device_event WHERE received_at >= ? AND received_at < ? ORDER BY received_at, id";

    private RuleHistoryReader() {
    }

    /** Telemetry received in {@code [from, to)}, each with its intervals, joined back from water_use. */
    static List<Telemetry> telemetry(Connection c, Instant from, Instant to) throws SQLException {
        List<Telemetry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(TELEMETRY)) {
            ps.setFetchSize(FETCH_SIZE);
            Jdbc.bind(ps, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                Telemetry current = null;
                List<WaterInterval> intervals = new ArrayList<>();
                while (rs.next()) {
                    String deviceId = rs.getString("device_id");
                    String msgId = rs.getString("msg_id");
                    if (current == null || !current.deviceId().equals(deviceId) || !current.msgId().equals(msgId)) {
                        if (current != null) {
                            out.add(withIntervals(current, intervals));
                        }
                        intervals = new ArrayList<>();
                        current = new Telemetry(deviceId, msgId, Jdbc.instant(rs, "ts"), Jdbc.instant(rs, "received_at"),
                                Jdbc.decimal(rs, "total_liters"), List.of(), Jdbc.decimal(rs, "flow_lpm"),
                                Jdbc.integer(rs, "battery"), Jdbc.integer(rs, "rssi"));
                    }
                    Instant start = Jdbc.instant(rs, "start_ts");
                    if (start != null) {
                        intervals.add(new WaterInterval(start, Jdbc.instant(rs, "end_ts"), rs.getDouble("liters")));
                    }
                }
                if (current != null) {
                    out.add(withIntervals(current, intervals));
                }
            }
        }
        return out;
    }

    static List<DeviceEvent> events(Connection c, Instant from, Instant to) throws SQLException {
        return Jdbc.list(c, EVENTS, rs -> new DeviceEvent(rs.getString("device_id"), rs.getString("msg_id"),
                Jdbc.instant(rs, "ts"), Jdbc.instant(rs, "received_at"), DeviceEvent.Kind.valueOf(rs.getString("kind")),
                enumOrNull(DeviceEvent.Action.class, rs.getString("action")),
                enumOrNull(DeviceEvent.AlarmCode.class, rs.getString("code")), Jdbc.integer(rs, "battery")), from, to);
    }

    private static Telemetry withIntervals(Telemetry t, List<WaterInterval> intervals) {
        return new Telemetry(t.deviceId(), t.msgId(), t.ts(), t.receivedAt(), t.totalLiters(), intervals, t.flowLpm(),
                t.battery(), t.rssi());
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }
}
