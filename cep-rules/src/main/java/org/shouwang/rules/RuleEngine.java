package org.shouwang.rules;

import com.espertech.esper.common.client.EventBean;
import com.espertech.esper.runtime.client.EPEventService;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.espertech.esper.runtime.client.UpdateListener;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.shouwang.model.Absence;
import org.shouwang.model.Alert;
import org.shouwang.model.DaySlots;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.DeviceStatus;
import org.shouwang.model.MeterDigest;
import org.shouwang.model.Rule;
import org.shouwang.model.RuleContext;
import org.shouwang.model.RuleJournalEntry;
import org.shouwang.model.RuleThresholds;
import org.shouwang.model.Telemetry;
import org.shouwang.model.WaterInterval;
import org.shouwang.model.WatchRestart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Esper runtime running the rule modules on an external clock: accepted telemetry, device events
 * and statuses in, {@link Alert}s and clears out through a {@link RuleSink}; the registry snapshot
 * ({@link #applyContext}) sets each device's thresholds, extreme-weather mode and absences. Plain Java,
 * so tests and the simulator drive days in milliseconds.
 *
 * <p>Methods are synchronized so that moving the clock and the event that follows stay in order; the
 * engine is meant to be fed from one thread at a time.
 */
public final class RuleEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RuleEngine.class);
    // Esper keeps runtimes in a static registry by URI; tests run several engines in one JVM.
    private static final AtomicLong SEQUENCE = new AtomicLong();
    /** The rules whose watch a resolution restarts ({@link #incidentResolved}). */
    private static final Set<Rule> REARMED = Set.of(Rule.NO_WATER_USE, Rule.ROUTINE_BREAK, Rule.CONTINUOUS_FLOW,
            Rule.DEVICE_SILENT);
    /** closedDay of a meter whose intervals cover nothing yet: before any day. */
    private static final LocalDate NOTHING_COVERED = LocalDate.of(1970, 1, 1);

    private final RuleSettings settings;
    private final EPRuntime runtime;
    private final EPEventService events;
    private final Map<String, DeviceProfile> profiles = new HashMap<>();
    private final Set<String> inRegistry = new HashSet<>();
    private final Set<String> offWatch = new HashSet<>();
    private final Map<String, UseLedger> ledgers = new HashMap<>();
    private final RoutineWatch routines = new RoutineWatch();
    private final RuleSink sink;
    private RuleContext context = RuleContext.empty();
    private com.espertech.esper.common.client.fireandforget.EPFireAndForgetPreparedQuery openEpisodesQuery;
    private boolean closed;
    private volatile long advancedAtNanos = System.nanoTime();

    /** As {@link #RuleEngine(RuleSettings, Instant, RuleSink)}, for a caller that wants the alerts alone. */
    public RuleEngine(RuleSettings settings, Instant start, Consumer<Alert> alerts) {
        this(settings, start, RuleSink.alerts(alerts));
    }

    /**
     * Deploys the rules (the modules are compiled once per JVM, which takes a few seconds the first time).
     *
     * @param settings the default thresholds (and timings for {@link RulesVerticle})
     * @param start    the rule clock's initial time; timers count from here
     * @param sink     receives every alert and clear, on the thread that fed the event or moved the clock
     */
    public RuleEngine(RuleSettings settings, Instant start, RuleSink sink) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(start, "start");
        this.sink = Objects.requireNonNull(sink, "sink");
        RuleModules.compiled();
        String uri = "shouwang-rules-" + SEQUENCE.incrementAndGet();
        runtime = EPRuntimeProvider.getRuntime(uri, RuleModules.configuration());
        events = runtime.getEventService();
        try {
            // Before deploying: timers created at deployment must count from the start, not from 1970.
            events.advanceTime(start.toEpochMilli());
            RuleModules.deploy(runtime);
            listen("episodes", "alert-out", OutcomeListeners.alerts(sink));
            listen("episodes", "clear-out", OutcomeListeners.clears(sink));
        } catch (RuntimeException e) {
            // The runtime sits in Esper's static registry; a half-built engine must not leak it.
            runtime.destroy();
            throw e;
        }
        LOG.info("rule engine started [runtime: {}, start: {}]", uri, start);
    }

    /**
     * Sets what the registry says: each device's elder, street and thresholds, extreme-weather mode and
     * absences. Every device is judged again at once, so a shorter window or a deleted absence takes
     * effect now. Devices that left the registry raise nothing new.
     */
    public synchronized void applyContext(RuleContext newContext) {
        ensureOpen();
        context = Objects.requireNonNull(newContext, "context");
        Set<String> before = new HashSet<>(inRegistry);
        inRegistry.clear();
        for (RuleContext.DeviceHome home : context.devices()) {
            profiles.put(home.deviceId(), DeviceProfile.of(settings.defaults(), context, home));
            inRegistry.add(home.deviceId());
            offWatch.remove(home.deviceId());
        }
        before.removeAll(inRegistry);
        offWatch.addAll(before);
        profiles.replaceAll((id, p) -> p.known() ? p : DeviceProfile.unknown(settings.defaults(), context, id, p.kind()));

        events.sendEventMap(Map.of("reason", "context"), "AwayReset");
        for (Absence a : context.absences()) {
            events.sendEventMap(Map.of("absenceId", a.id(), "elderId", a.elderId(), "fromMs", a.from().toEpochMilli(),
                    "toMs", a.to().toEpochMilli()), "AwaySet");
        }
        for (DeviceProfile p : profiles.values()) {
            UseLedger ledger = ledgers.get(p.deviceId());
            if (ledger != null) {
                ledger.minLiters(p.thresholds().noWaterMinLiters());
            }
            events.sendEventMap(p.rulesEvent(!offWatch.contains(p.deviceId())), "DeviceRulesSet");
        }
        LOG.debug("rule context applied [devices: {}, absences: {}, extreme weather district-wide: {}, streets: {}]",
                context.devices().size(), context.absences().size(), context.extremeWeatherDistrict(),
                context.extremeWeatherStreets().size());
    }

    /**
     * Feeds one accepted meter reading. Its intervals are the meter's data: the water rules judge only the time
     * they cover. A reading without intervals is a sign of life (DEVICE_SILENT, battery) and covers nothing, so
     * the first report of a meter back from a dead battery is never taken for a day without water; intervals
     * that resume after a gap restart the no-use watch at their start ({@link WatchRestart.Reason#DATA_GAP}).
     */
    public synchronized void onTelemetry(Telemetry t) {
        ensureOpen();
        String deviceId = Objects.requireNonNull(t.deviceId(), "deviceId");
        DeviceProfile profile = profile(deviceId, DeviceKind.WATER_METER);
        long heardAt = arrival(t.receivedAt());
        long ts = t.ts() == null ? heardAt : t.ts().toEpochMilli();
        List<WaterInterval> intervals = new ArrayList<>(t.intervals());
        intervals.sort(Comparator.comparing(WaterInterval::end).thenComparing(WaterInterval::start));

        UseLedger ledger = ledgers.computeIfAbsent(deviceId, id -> new UseLedger(profile.thresholds().noWaterMinLiters()));
        long resumedAt = Long.MIN_VALUE;
        for (WaterInterval i : intervals) {
            resumedAt = Math.max(resumedAt, ledger.covers(i.start().toEpochMilli(), i.end().toEpochMilli()));
        }
        if (resumedAt != Long.MIN_VALUE) {
            // Before the intervals count: the report below must not judge the uncovered time as without water.
            restartWatch(new WatchRestart(deviceId, Rule.NO_WATER_USE, Instant.ofEpochMilli(resumedAt),
                    WatchRestart.Reason.DATA_GAP));
        }
        for (WaterInterval i : intervals) {
            long start = i.start().toEpochMilli();
            long end = i.end().toEpochMilli();
            double minutes = (end - start) / 60_000.0;
            events.sendEventMap(Map.of("deviceId", deviceId, "startMs", start, "endMs", end, "liters", i.liters(),
                    "lpm", minutes > 0 ? i.liters() / minutes : 0.0, "useDay", day(end - 1).toString()), "WaterUsed");
            ledger.used(end, i.liters());
        }
        routines.intervals(deviceId, intervals).ifPresent(v -> routineVerdict(deviceId, v));
        long coveredUntil = ledger.coveredUntil();
        LocalDate closedDay = coveredUntil == Long.MIN_VALUE ? NOTHING_COVERED : day(coveredUntil).minusDays(1);
        Map<String, Object> report = new HashMap<>();
        report.put("deviceId", deviceId);
        report.put("msgId", String.valueOf(t.msgId()));
        report.put("heardAt", heardAt);
        report.put("tsMs", ts);
        report.put("coveredUntil", coveredUntil);
        report.put("anchorMs", ledger.anchor());
        report.put("battery", t.battery());
        report.put("closedDay", closedDay.toString());
        report.put("pruneBefore", closedDay.minusDays(2).toString());
        LOG.debug("telemetry in [device: {}, msg: {}, intervals: {}]", deviceId, t.msgId(), intervals.size());
        events.sendEventMap(report, "MeterReport");
        if (!intervals.isEmpty()) {
            routines.judge(deviceId, coveredUntil, profile.thresholds(), profile.extremeWeather(),
                    absencesOf(profile.elderId()), events.getCurrentTime(), true).ifPresent(v -> routineVerdict(deviceId, v));
        }
    }

    /** A ROUTINE_BREAK verdict into the episodes module: raised (named by the gap's start) or use resumed. */
    private void routineVerdict(String deviceId, RoutineWatch.Verdict v) {
        Map<String, Object> verdict = new HashMap<>();
        verdict.put("deviceId", deviceId);
        verdict.put("broken", v.broken());
        verdict.put("alertId", Rule.ROUTINE_BREAK.name() + ":" + deviceId + ":" + v.since());
        verdict.put("detail", v.detail());
        events.sendEventMap(verdict, "RoutineVerdict");
    }

    private List<Absence> absencesOf(long elderId) {
        if (elderId == 0) {
            return List.of();
        }
        return context.absences().stream().filter(a -> a.elderId() == elderId).toList();
    }

    /**
     * Staff resolved an incident at {@code at}, holding these alerts: each open episode among them that judges a
     * stretch of time (NO_WATER_USE, CONTINUOUS_FLOW, DEVICE_SILENT) ends without a page and its rule watches
     * the device again from {@code at}, so the same silence can raise again a full window after the
     * resolution (a fall after an "elder safe" must still be paged). Episodes of other rules stay open: a
     * day's high use, a low battery or a meter alarm would only repeat what staff just closed.
     */
    public synchronized void incidentResolved(Collection<String> alertIds, Instant at) {
        ensureOpen();
        Set<String> ids = new HashSet<>(alertIds);
        for (OpenEpisode e : openEpisodes()) {
            if (ids.contains(e.alertId()) && REARMED.contains(e.rule()) && !e.raisedAt().isAfter(at)) {
                restartWatch(new WatchRestart(e.deviceId(), e.rule(), at, WatchRestart.Reason.RESOLVED));
            }
        }
    }

    /**
     * The watch of one rule restarts for a device (also replayed by a restart from {@code rule_watch}): a
     * resolution ends the rule's open episode first; then the rule counts from {@code at}. Told to the sink,
     * which keeps it. Rules other than those a resolution re-arms are left alone.
     */
    synchronized void restartWatch(WatchRestart w) {
        ensureOpen();
        if (!REARMED.contains(w.rule())) {
            return;
        }
        long at = w.at().toEpochMilli();
        if (w.rule() == Rule.ROUTINE_BREAK || (w.rule() == Rule.NO_WATER_USE && w.reason() == WatchRestart.Reason.DATA_GAP)) {
            // Time no interval covered is unknown, not a gap in use; a resolution starts the learned watch anew.
            routines.restartFrom(w.deviceId(), at);
        }
        if (w.reason() == WatchRestart.Reason.RESOLVED) {
            events.sendEventMap(Map.of("deviceId", w.deviceId(), "episode", w.rule().name(), "atMs", at,
                    "detail", AlertTexts.resolved(at)), "EpisodeResolved");
        }
        events.sendEventMap(Map.of("deviceId", w.deviceId(), "rule", w.rule().name(), "atMs", at), "WatchFrom");
        sink.watchRestarted(w);
    }

    /** Feeds one accepted device event: a button press, long press or cancel, or a meter alarm. */
    public synchronized void onEvent(DeviceEvent e) {
        ensureOpen();
        String deviceId = Objects.requireNonNull(e.deviceId(), "deviceId");
        Map<String, Object> event = new HashMap<>();
        event.put("deviceId", deviceId);
        event.put("msgId", String.valueOf(e.msgId()));
        event.put("tsMs", e.ts() == null ? null : e.ts().toEpochMilli());
        event.put("heardAt", arrival(e.receivedAt()));
        event.put("battery", e.battery());
        if (e.kind() == DeviceEvent.Kind.BUTTON && e.action() != null) {
            profile(deviceId, DeviceKind.CALL_BUTTON);
            event.put("action", e.action().name());
            LOG.debug("button event in [device: {}, msg: {}, action: {}]", deviceId, e.msgId(), e.action());
            events.sendEventMap(event, "ButtonEvent");
        } else if (e.kind() == DeviceEvent.Kind.METER_ALARM && e.code() != null) {
            profile(deviceId, DeviceKind.WATER_METER);
            event.put("code", e.code().name());
            LOG.debug("meter alarm in [device: {}, msg: {}, code: {}]", deviceId, e.msgId(), e.code());
            events.sendEventMap(event, "MeterAlarm");
        } else {
            LOG.debug("event ignored [device: {}, msg: {}, kind: {}]", deviceId, e.msgId(), e.kind());
        }
    }

    /** Feeds a device's status (online, or offline: its Will); only call buttons are judged by it. */
    public synchronized void onStatus(DeviceStatus s) {
        ensureOpen();
        if (!profiles.containsKey(s.deviceId())) {
            LOG.debug("status of an unknown device ignored [device: {}]", s.deviceId());
            return;
        }
        events.sendEventMap(Map.of("deviceId", s.deviceId(), "online", s.online(), "atMs", arrival(s.at())),
                "DeviceStatusChanged");
    }

    /**
     * Moves the rule clock forward to {@code target}, firing every timer in between in time order (so a
     * 48-hour jump fires the 24-hour alert at its own time). A target at or before now is ignored: the
     * rule clock never moves backwards, even if the wall clock does.
     */
    public synchronized void advanceTo(Instant target) {
        ensureOpen();
        long targetMillis = target.toEpochMilli();
        if (targetMillis > events.getCurrentTime()) {
            events.advanceTimeSpan(targetMillis);
            advancedAtNanos = System.nanoTime();
        }
    }

    /**
     * Real (monotonic) time since the rule clock last moved forward, or since the engine was built: timers fire
     * only while it moves, so a clock standing still (the platform clock stopped or stepped back, the engine's
     * thread held up) means no NO_WATER_USE or DEVICE_SILENT alert is raised. Not synchronized, so a health
     * check never waits behind the engine.
     */
    public Duration sinceAdvanced() {
        return Duration.ofNanos(System.nanoTime() - advancedAtNanos);
    }

    /** The rule clock's current time. */
    public synchronized Instant now() {
        ensureOpen();
        return Instant.ofEpochMilli(events.getCurrentTime());
    }

    /** The episodes raised and not yet cleared, by device. */
    public synchronized List<OpenEpisode> openEpisodes() {
        ensureOpen();
        if (openEpisodesQuery == null) {
            // Prepared once: executing the compiled query anew loaded classes on every call (incidentResolved calls it
            // for each resolution; 14 % of the detection benchmark's CPU).
            openEpisodesQuery = runtime.getFireAndForgetService().prepareQuery(RuleModules.compiled().openEpisodes());
        }
        EventBean[] rows = openEpisodesQuery.execute().getArray();
        List<OpenEpisode> open = new ArrayList<>();
        if (rows != null) {
            for (EventBean row : rows) {
                open.add(new OpenEpisode((String) row.get("deviceId"), (String) row.get("episode"),
                        Rule.valueOf((String) row.get("rule")), (String) row.get("alertId"),
                        Instant.ofEpochMilli((Long) row.get("raisedAt"))));
            }
        }
        return open;
    }

    /** Destroys the runtime and its state; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        String uri = runtime.getURI();
        runtime.destroy();
        LOG.info("rule engine closed [runtime: {}]", uri);
    }

    // ---- used by RuleRecovery ------------------------------------------------------------------------

    /** The device was last heard from at {@code at} (the registry's last-seen time, before the replayed history). */
    synchronized void heard(String deviceId, DeviceKind kind, Instant at) {
        ensureOpen();
        profile(deviceId, kind);
        events.sendEventMap(Map.of("deviceId", deviceId, "heardAt", at.toEpochMilli()), "Heard");
    }

    /**
     * Rebuilds one meter's state from its digest at the rule clock's now (its last arrival), as feeding its
     * readings one by one would have left it: NO_WATER_USE's anchor and coverage, the flow stretch, the
     * day totals, battery and last heard. {@code intervals} are the digest's recent ones, or all of the
     * period's when those did not reach back far enough ({@link MeterRestore#needsMore}).
     */
    synchronized void restoreMeter(MeterDigest d, List<WaterInterval> intervals) {
        restoreMeter(d, intervals, Map.of());
    }

    /**
     * As {@link #restoreMeter(MeterDigest, List)}, with the meter's stored quarter-hour days ({@code routineDays},
     * the last four weeks from {@code rules_meter_day}), from which ROUTINE_BREAK's routine and last use are
     * rebuilt; its data counts as judged up to the digest's coverage (an episode open before the restart comes
     * back from the journal).
     */
    synchronized void restoreMeter(MeterDigest d, List<WaterInterval> intervals,
                                   Map<LocalDate, DaySlots.Masks> routineDays) {
        ensureOpen();
        String deviceId = d.deviceId();
        RuleThresholds t = profile(deviceId, DeviceKind.WATER_METER).thresholds();
        long now = events.getCurrentTime();
        // Coverage is the digest's intervals alone, as live: readings without intervals cover nothing.
        boolean covered = d.coveredFrom() != null;
        long coveredFrom = covered ? d.coveredFrom().toEpochMilli() : Long.MIN_VALUE;
        long coveredUntil = !covered ? Long.MIN_VALUE : d.coveredUntil() == null ? coveredFrom : d.coveredUntil().toEpochMilli();
        List<WaterInterval> used = MeterRestore.used(intervals);
        routines.restore(deviceId, routineDays, used, coveredUntil);
        UseLedger ledger = MeterRestore.ledger(coveredFrom, used, t.noWaterMinLiters());
        ledger.coveredUntil(coveredUntil);
        ledgers.put(deviceId, ledger);
        if (covered) {
            // The anchor as of the first data, then the report below with today's: if it moved, water was used
            // since, and an episode open from before the restart clears as it would have live.
            events.sendEventMap(Map.of("deviceId", deviceId, "anchorMs", coveredFrom, "coveredMs", coveredFrom), "NoUseRestore");
        }
        Map<String, Object> flow = new HashMap<>();
        flow.put("deviceId", deviceId);
        flow.put("stoppedMs", !used.isEmpty() ? used.get(used.size() - 1).end().toEpochMilli() : covered ? coveredUntil : now);
        MeterRestore.stretch(used, flowShape(t)).ifPresent(stretch -> {
            flow.put("startMs", stretch.startMs());
            flow.put("endMs", stretch.endMs());
            flow.put("liters", stretch.liters());
        });
        events.sendEventMap(flow, "FlowRestore");
        for (MeterDigest.DayUse day : d.days()) {
            events.sendEventMap(Map.of("deviceId", deviceId, "useDay", day.day().toString(), "liters", day.liters()),
                    "DayUseRestore");
        }
        LocalDate closedDay = covered ? day(coveredUntil).minusDays(1) : NOTHING_COVERED;
        Map<String, Object> report = new HashMap<>();
        report.put("deviceId", deviceId);
        report.put("msgId", "digest");
        report.put("heardAt", d.lastHeardAt() == null ? now : d.lastHeardAt().toEpochMilli());
        report.put("tsMs", d.batteryTs() != null ? d.batteryTs().toEpochMilli() : covered ? coveredUntil : now);
        report.put("coveredUntil", coveredUntil);
        report.put("anchorMs", ledger.anchor());
        report.put("battery", d.batteryTs() == null ? null : d.battery());
        report.put("closedDay", closedDay.toString());
        report.put("pruneBefore", closedDay.minusDays(2).toString());
        events.sendEventMap(report, "MeterReport");
        DeviceProfile profile = profile(deviceId, DeviceKind.WATER_METER);
        routines.judge(deviceId, coveredUntil, t, profile.extremeWeather(), absencesOf(profile.elderId()), now, false)
                .ifPresent(v -> routineVerdict(deviceId, v));
    }

    /** The thresholds a device is judged by now (a device the registry does not know: the district's). */
    synchronized RuleThresholds thresholds(String deviceId, DeviceKind kind) {
        ensureOpen();
        return profile(deviceId, kind).thresholds();
    }

    /** How CONTINUOUS_FLOW judges a device's intervals, from {@code continuous-flow.epl}'s variables. */
    synchronized MeterRestore.FlowShape flowShape(RuleThresholds t) {
        String module = RuleModules.deploymentId("continuous-flow");
        var variables = runtime.getVariableService();
        return new MeterRestore.FlowShape(t.continuousFlowMinLpm(),
                (Long) variables.getVariableValue(module, "flowGapToleranceMs"),
                (Long) variables.getVariableValue(module, "flowFineIntervalMs"),
                (Double) variables.getVariableValue(module, "flowCoarseMinLpm"));
    }

    /** Reopens an episode the journal says was raised and not cleared, under the journal's alert id. */
    synchronized void restore(RuleJournalEntry entry) {
        ensureOpen();
        if (entry.rule() == Rule.BUTTON_PRESSED || entry.episode() == null) {
            return;
        }
        Instant raisedAt = entry.raisedAt() == null ? now() : entry.raisedAt();
        if (entry.rule() == Rule.ROUTINE_BREAK) {
            routines.reopened(entry.deviceId(), routineGapStart(entry.alertId(), raisedAt));
        }
        events.sendEventMap(Map.of("deviceId", entry.deviceId(), "episode", entry.episode(), "rule", entry.rule().name(),
                "alertId", entry.alertId(), "raisedAt", raisedAt.toEpochMilli()), "EpisodeRestore");
    }

    /** Closes an episode the journal says was cleared, without publishing anything. */
    synchronized void forget(RuleJournalEntry entry) {
        ensureOpen();
        if (entry.episode() == null) {
            return;
        }
        if (entry.rule() == Rule.ROUTINE_BREAK) {
            routines.closed(entry.deviceId());
        }
        events.sendEventMap(Map.of("deviceId", entry.deviceId(), "episode", entry.episode(), "alertId", entry.alertId()),
                "EpisodeForget");
    }

    // ---- helpers --------------------------------------------------------------------------------------

    /** The gap start a ROUTINE_BREAK alert id names ({@code ROUTINE_BREAK:device:since}); else its raise time. */
    private static long routineGapStart(String alertId, Instant raisedAt) {
        try {
            return Long.parseLong(alertId.substring(alertId.lastIndexOf(':') + 1));
        } catch (RuntimeException e) {
            return raisedAt.toEpochMilli();
        }
    }

    /** The device's profile; a device the registry does not know is judged by the district's defaults. */
    private DeviceProfile profile(String deviceId, DeviceKind kind) {
        DeviceProfile known = profiles.get(deviceId);
        if (known != null) {
            return known;
        }
        DeviceProfile p = DeviceProfile.unknown(settings.defaults(), context, deviceId, kind);
        profiles.put(deviceId, p);
        events.sendEventMap(p.rulesEvent(true), "DeviceRulesSet");
        return p;
    }

    /** When a message arrived: ingest's stamp, so a replay after a restart judges it exactly as live. */
    private long arrival(Instant receivedAt) {
        return receivedAt == null ? events.getCurrentTime() : receivedAt.toEpochMilli();
    }

    private static LocalDate day(long epochMs) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(epochMs), AlertTexts.ZONE);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("rule engine is closed");
        }
    }

    private void listen(String module, String statementName, UpdateListener listener) {
        var statement = runtime.getDeploymentService().getStatement(RuleModules.deploymentId(module), statementName);
        if (statement == null) {
            throw new IllegalStateException("statement missing from " + module + ".epl: " + statementName);
        }
        statement.addListener(listener);
    }
}
