package org.shouwang.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.Alert;
import org.shouwang.model.Elder;
import org.shouwang.model.IncidentState;
import org.shouwang.model.Rule;

/** Incident bookkeeping on a real PostgreSQL. */
class IncidentStoreIT {

    private static Database db;
    private static IncidentStore incidents;
    private static RegistryStore registry;
    private long elderId;
    private static final Instant T0 = Instant.parse("2026-11-29T02:00:00Z");

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()));
        incidents = new IncidentStore(db.dataSource());
        registry = new RegistryStore(db.dataSource());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void elder() {
        elderId = registry.createElder(new Elder(0, "测试老人", null, "平江街道", "大儒巷社区", "大儒巷1号", null, true)).id();
    }

    /** Alert ids are per device and message; each test has its own elder and so its own button. */
    private Alert press(String msgId) {
        return new Alert("BUTTON_PRESSED:btn-" + elderId + ":" + msgId, Rule.BUTTON_PRESSED, "btn-" + elderId, T0, "按下");
    }

    @Test
    void firstAlertOpensAnIncidentWithACode() {
        AlertRecording r = incidents.recordAlert(elderId, press("1"));

        assertThat(r.outcome()).isEqualTo(AlertRecording.Outcome.OPENED);
        assertThat(r.incident().state()).isEqualTo(IncidentState.OPEN);
        assertThat(r.incident().code()).matches("SW\\d{5,}");
        assertThat(incidents.timeline(r.incident().id())).extracting("kind").containsExactly("ALERT_RAISED");
    }

    @Test
    void repeatedAlertIdIsADuplicateAndAddsNothing() {
        AlertRecording first = incidents.recordAlert(elderId, press("1"));
        AlertRecording again = incidents.recordAlert(elderId, press("1"));

        assertThat(again.outcome()).isEqualTo(AlertRecording.Outcome.DUPLICATE);
        assertThat(again.incident().id()).isEqualTo(first.incident().id());
        assertThat(incidents.timeline(first.incident().id())).hasSize(1);
    }

    @Test
    void secondPressAttachesToTheOpenIncident() {
        AlertRecording first = incidents.recordAlert(elderId, press("1"));
        AlertRecording second = incidents.recordAlert(elderId, press("2"));

        assertThat(second.outcome()).isEqualTo(AlertRecording.Outcome.ATTACHED);
        assertThat(second.incident().id()).isEqualTo(first.incident().id());
    }

    @Test
    void afterResolutionANewPressOpensANewIncident() {
        long first = incidents.recordAlert(elderId, press("1")).incident().id();
        incidents.resolve(first, "staff", "误报", T0.plusSeconds(60));

        AlertRecording next = incidents.recordAlert(elderId, press("2"));

        assertThat(next.outcome()).isEqualTo(AlertRecording.Outcome.OPENED);
        assertThat(next.incident().id()).isNotEqualTo(first);
    }

    @Test
    void concurrentAlertsForOneElderAndRuleOpenOnlyOneIncident() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<AlertRecording>> calls = List.of(
                    () -> incidents.recordAlert(elderId, press("a")), () -> incidents.recordAlert(elderId, press("b")),
                    () -> incidents.recordAlert(elderId, press("c")), () -> incidents.recordAlert(elderId, press("d")));
            List<AlertRecording> results = pool.invokeAll(calls).stream().map(IncidentStoreIT::get).toList();

            assertThat(results).filteredOn(r -> r.outcome() == AlertRecording.Outcome.OPENED).hasSize(1);
            assertThat(results).extracting(r -> r.incident().id()).containsOnly(results.get(0).incident().id());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void acknowledgeOnlyFromOpenAndResolveRecordsTheOutcome() {
        long id = incidents.recordAlert(elderId, press("1")).incident().id();

        Transition ack = incidents.acknowledge(id, "张三", "console", T0.plusSeconds(30));
        Transition ackAgain = incidents.acknowledge(id, "李四", "sms", T0.plusSeconds(40));
        Transition resolved = incidents.resolve(id, "张三", "老人安全", T0.plusSeconds(90));

        assertThat(ack.result()).isEqualTo(Transition.Result.DONE);
        assertThat(ack.incident().acknowledgedBy()).isEqualTo("张三");
        assertThat(ackAgain.result()).isEqualTo(Transition.Result.NOT_ALLOWED);
        assertThat(ackAgain.incident().acknowledgedBy()).isEqualTo("张三");
        assertThat(resolved.incident().state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(resolved.incident().outcome()).isEqualTo("老人安全");
        assertThat(incidents.timeline(id)).extracting("kind").containsExactly("ALERT_RAISED", "ACKNOWLEDGED", "RESOLVED");
        assertThat(incidents.acknowledge(999_999, "x", "console", T0).result()).isEqualTo(Transition.Result.NOT_FOUND);
    }

    @Test
    void aResolveThatHadNotSeenTheLatestAlertIsStaleAndChangesNothing() {
        long id = incidents.recordAlert(elderId, press("1")).incident().id();
        incidents.recordAlert(elderId, press("2")); // arrives while the staff member reads the first

        Transition stale = incidents.resolve(id, "张三", "老人安全", T0.plusSeconds(90), 1);

        assertThat(stale.result()).isEqualTo(Transition.Result.STALE);
        assertThat(stale.alerts()).isEqualTo(2);
        assertThat(incidents.find(id).orElseThrow().state()).isEqualTo(IncidentState.OPEN);
        assertThat(incidents.timeline(id)).extracting("kind").doesNotContain("RESOLVED");

        Transition seen = incidents.resolve(id, "张三", "老人安全", T0.plusSeconds(120), 2);

        assertThat(seen.result()).isEqualTo(Transition.Result.DONE);
        assertThat(seen.incident().state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(incidents.resolve(id, "李四", "误报", T0.plusSeconds(130), 2).result())
                .isEqualTo(Transition.Result.NOT_ALLOWED);
    }

    @Test
    void anAlertArrivingWhileTheIncidentIsBeingResolvedOpensANewIncident() throws Exception {
        long id = incidents.recordAlert(elderId, press("1")).incident().id();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (java.sql.Connection resolving = db.dataSource().getConnection()) {
            resolving.setAutoCommit(false);
            try (var lock = resolving.prepareStatement("SELECT id FROM incident WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, id);
                lock.executeQuery().close();
            }
            Future<AlertRecording> late = pool.submit(() -> incidents.recordAlert(elderId, press("2")));
            // The alert now waits on the row the resolve holds: PostgreSQL shows its backend waiting for a lock.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> new Jdbc(
                    db.dataSource()).one("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
                    + " AND query LIKE '%FOR UPDATE%'", rs -> rs.getLong(1)).orElse(0L) > 0);
            assertThat(late).isNotDone();
            try (var close = resolving.prepareStatement("UPDATE incident SET state = 'RESOLVED', resolved_at = now(),"
                    + " resolved_by = 'staff', outcome = '老人安全' WHERE id = ?")) {
                close.setLong(1, id);
                close.executeUpdate();
            }
            resolving.commit();

            AlertRecording recorded = late.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(recorded.outcome()).isEqualTo(AlertRecording.Outcome.OPENED);
            assertThat(recorded.incident().id()).isNotEqualTo(id);
            assertThat(incidents.alertIds(id)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
