package org.shouwang.db;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.IncidentResolution;
import org.shouwang.model.RuleContext;
import org.shouwang.model.RuleHistory;
import org.shouwang.model.RuleJournalEntry;
import org.shouwang.model.RuleThresholdOverride;
import org.shouwang.model.RuleThresholds;
import org.shouwang.model.UploadCadence;
import org.shouwang.model.WaterInterval;
import org.shouwang.model.WatchRestart;
import org.shouwang.model.WeatherModeChange;

/**
 * What the rule engine needs from the database, in the shape of cep-rules' {@code RuleContextSource}
 * (join them in the composition root: {@code RuleContextSource.of(store::context, store::history, store::water,
 * store::record, store::record, store::resolution)}): the registry snapshot, the stored history to replay after a
 * restart, the journal of what the rules published and their watch restarts, and incidents' resolutions. Blocking JDBC: the rules call it on worker threads.
 */
public final class RuleStore {

    /** Absences that ended longer ago than this cannot matter to any rule window (at most 30 days). */
    static final Duration ABSENCES_BACK = Duration.ofDays(31);

    private final Jdbc jdbc;
    private final RuleThresholdStore thresholds;
    private final WeatherStore weather;
    private final AbsenceStore absences;
    private final RuleJournalStore journal;

    public RuleStore(DataSource ds) {
        this.jdbc = new Jdbc(ds);
        this.thresholds = new RuleThresholdStore(ds);
        this.weather = new WeatherStore(ds);
        this.absences = new AbsenceStore(ds);
        this.journal = new RuleJournalStore(ds);
    }

    /** Active devices of active elders with their street, every threshold set, the weather mode, recent absences. */
    public RuleContext context(Instant now) {
        List<RuleContext.DeviceHome> devices = jdbc.list("SELECT d.device_id, d.kind, d.elder_id, e.street,"
                + " d.last_seen_at, d.online, extract(epoch FROM c.upload_interval)::bigint AS upload_seconds,"
                + " c.missed_uploads FROM device d JOIN elder e ON e.id = d.elder_id"
                + " LEFT JOIN device_upload_cadence c ON c.device_id = d.device_id"
                + " WHERE d.active AND e.active ORDER BY d.device_id", rs -> {
                    boolean online = rs.getBoolean("online");
                    Boolean onlineOrNull = rs.wasNull() ? null : online;
                    long uploadSeconds = rs.getLong("upload_seconds");
                    UploadCadence cadence = rs.wasNull() ? null
                            : new UploadCadence(Duration.ofSeconds(uploadSeconds), rs.getInt("missed_uploads"));
                    return new RuleContext.DeviceHome(rs.getString("device_id"), DeviceKind.valueOf(rs.getString("kind")),
                            rs.getLong("elder_id"), rs.getString("street"), Jdbc.instant(rs, "last_seen_at"), onlineOrNull,
                            cadence);
                });
        RuleThresholds district = RuleThresholds.NONE;
        Map<String, RuleThresholds> streets = new HashMap<>();
        Map<Long, RuleThresholds> elders = new HashMap<>();
        for (RuleThresholdOverride o : thresholds.all()) {
            switch (o.scope()) {
                case DISTRICT -> district = o.thresholds();
                case STREET -> streets.put(o.street(), o.thresholds());
                case ELDER -> elders.put(o.elderId(), o.thresholds());
            }
        }
        boolean districtWide = false;
        Set<String> weatherStreets = new HashSet<>();
        for (WeatherModeChange w : weather.current()) {
            if (w.districtWide()) {
                districtWide = w.on();
            } else if (w.on()) {
                weatherStreets.add(w.street());
            }
        }
        return new RuleContext(devices, district, streets, elders, districtWide, weatherStreets,
                absences.inForceSince(now.minus(ABSENCES_BACK)));
    }

    /**
     * The recovery period as the rules need it: a digest per meter, the device events, the journal since
     * {@code from}, the keys of the latest readings, the watch restarts and the quarter-hour days the learned
     * routine is rebuilt from (the {@link org.shouwang.model.Routine#LEARN_DAYS} days before {@code from} and
     * since), all from one snapshot (repeatable read), so a
     * reading committed meanwhile is either in all of it or in none.
     */
    public RuleHistory history(RuleHistory.Request r) {
        return jdbc.inTransaction(c -> {
            try (var st = c.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
                // The recent intervals of 100 k meters are sorted; the default 4 MB spilled them to disk.
                st.execute("SET LOCAL work_mem = '64MB'");
            }
            return new RuleHistory(RuleDigestReader.meters(c, r), RuleDigestReader.events(c, r.from(), r.to()),
                    RuleJournalStore.since(c, r.from()), RuleDigestReader.keys(c, r.keysFrom()),
                    RuleJournalStore.watchesSince(c, r.from()), RuleDigestReader.routineDays(c, r));
        });
    }

    /** Every interval of these meters that started in {@code [from, to)}, by start (digests that need more). */
    public Map<String, List<WaterInterval>> water(Collection<String> deviceIds, Instant from, Instant to) {
        return jdbc.inTransaction(c -> RuleDigestReader.water(c, deviceIds, from, to));
    }

    /** Keeps one raise or clear the rules published. */
    public void record(RuleJournalEntry entry) {
        journal.record(entry);
    }

    /** Keeps one watch restart of the rules. */
    public void record(WatchRestart restart) {
        journal.record(restart);
    }

    /** An incident's resolution time and alert ids, for the rules to watch again; empty unless resolved. */
    public Optional<IncidentResolution> resolution(long incidentId) {
        return journal.resolution(incidentId);
    }
}
