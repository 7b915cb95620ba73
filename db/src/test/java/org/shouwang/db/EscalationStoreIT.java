package org.shouwang.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.Alert;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;
import org.shouwang.model.IncidentState;
import org.shouwang.model.Rule;

/** Escalation state on a real PostgreSQL. */
class EscalationStoreIT {

    private static final Instant T0 = Instant.parse("2026-11-29T02:00:00Z");
    private static Database db;
    private static EscalationStore escalations;
    private static IncidentStore incidents;
    private static RegistryStore registry;

    private long elderId;
    private String meter;
    private long incidentId;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()));
        escalations = new EscalationStore(db.dataSource());
        incidents = new IncidentStore(db.dataSource());
        registry = new RegistryStore(db.dataSource());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void incident() {
        elderId = registry.createElder(new Elder(0, "测试老人", null, "平江街道", "大儒巷社区", "大儒巷1号", null, true)).id();
        meter = "meter-" + elderId;
        registry.addDevice(meter, DeviceKind.WATER_METER, elderId);
        incidentId = incidents.recordAlert(elderId, new Alert("a-" + elderId, Rule.NO_WATER_USE, meter, T0, null))
                .incident().id();
    }

    @Test
    void startIsIdempotentAndTheEscalationIsDueAtItsTime() {
        assertThat(escalations.start(incidentId, "rule NO_WATER_USE", T0)).isTrue();
        assertThat(escalations.start(incidentId, "other", T0.plusSeconds(99))).isFalse();

        Escalation e = escalations.find(incidentId).orElseThrow();
        assertThat(e.plan()).isEqualTo("rule NO_WATER_USE");
        assertThat(e.nextStep()).isZero();
        assertThat(e.nextRound()).isZero();
        assertThat(e.dueAt()).isEqualTo(T0);
        assertThat(e.active()).isTrue();
        assertThat(escalations.due(T0.minusSeconds(1), 100)).extracting(Escalation::incidentId).doesNotContain(incidentId);
        assertThat(escalations.due(T0, 100)).extracting(Escalation::incidentId).contains(incidentId);
    }

    @Test
    void onlyOneOfTwoRunnersThatReadTheSameStepAdvancesIt() {
        escalations.start(incidentId, "CRITICAL", T0);
        Escalation read = escalations.find(incidentId).orElseThrow();

        boolean first = escalations.advance(read, 1, 0, T0.plusSeconds(300));
        boolean second = escalations.advance(read, 1, 0, T0.plusSeconds(300));

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        Escalation moved = escalations.find(incidentId).orElseThrow();
        assertThat(moved.nextStep()).isEqualTo(1);
        assertThat(moved.dueAt()).isEqualTo(T0.plusSeconds(300));
    }

    @Test
    void pullForwardBringsALaterStepToNowButNotARepeatOfTheSameStep() {
        escalations.start(incidentId, "CRITICAL", T0);
        Escalation read = escalations.find(incidentId).orElseThrow();
        escalations.advance(read, 1, 0, T0.plusSeconds(300));

        assertThat(escalations.pullForward(incidentId, 1, T0.plusSeconds(10))).isFalse();
        assertThat(escalations.pullForward(incidentId, 0, T0.plusSeconds(10))).isTrue();

        assertThat(escalations.find(incidentId).orElseThrow().dueAt()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void stoppedEscalationIsNeverDueAgain() {
        escalations.start(incidentId, "CRITICAL", T0);

        assertThat(escalations.stop(incidentId, "ACKNOWLEDGED", T0.plusSeconds(5))).isTrue();
        assertThat(escalations.stop(incidentId, "RESOLVED", T0.plusSeconds(6))).isFalse();

        Escalation e = escalations.find(incidentId).orElseThrow();
        assertThat(e.active()).isFalse();
        assertThat(e.stopReason()).isEqualTo("ACKNOWLEDGED");
        assertThat(escalations.due(T0.plusSeconds(999), 100)).extracting(Escalation::incidentId)
                .doesNotContain(incidentId);
        assertThat(escalations.advance(new Escalation(incidentId, "CRITICAL", 0, 0, T0, true, null, null, null), 1, 0,
                T0)).isFalse();
    }

    @Test
    void escalationStoppedForAClearedConditionResumesWhereItStoppedButOthersDoNot() {
        escalations.start(incidentId, "rule NO_WATER_USE", T0);
        escalations.advance(escalations.find(incidentId).orElseThrow(), 1, 0, T0.plusSeconds(300));
        escalations.stop(incidentId, "CLEARED", T0.plusSeconds(60));

        assertThat(escalations.resume(incidentId, "ACKNOWLEDGED", T0.plusSeconds(90))).isFalse();
        assertThat(escalations.resume(incidentId, "CLEARED", T0.plusSeconds(90))).isTrue();
        assertThat(escalations.resume(incidentId, "CLEARED", T0.plusSeconds(95))).isFalse();

        Escalation e = escalations.find(incidentId).orElseThrow();
        assertThat(e.active()).isTrue();
        assertThat(e.nextStep()).isEqualTo(1);
        assertThat(e.dueAt()).isEqualTo(T0.plusSeconds(90));
        assertThat(e.stopReason()).isNull();
    }

    @Test
    void unreachedIsFlaggedOncePerRoundListedUntilResolvedAndCleared() {
        escalations.start(incidentId, "CRITICAL", T0);

        assertThat(escalations.markUnreached(incidentId, "s0r0", T0)).isTrue();
        assertThat(escalations.markUnreached(incidentId, "s0r0", T0.plusSeconds(1))).isFalse();
        assertThat(escalations.unreachedUnresolved()).contains(incidentId);
        assertThat(escalations.find(incidentId).orElseThrow().unreached()).isTrue();

        assertThat(escalations.clearUnreached(incidentId)).isTrue();
        assertThat(escalations.unreachedUnresolved()).doesNotContain(incidentId);

        escalations.markUnreached(incidentId, "s1r0", T0.plusSeconds(300));
        incidents.resolve(incidentId, "张三", "设备故障", T0.plusSeconds(400));
        assertThat(escalations.unreachedUnresolved()).doesNotContain(incidentId);
    }

    @Test
    void clearedConditionFindsTheUnresolvedIncidentOfTheDeviceAndRule() {
        assertThat(escalations.unresolvedIncidentOf(meter, Rule.NO_WATER_USE)).contains(incidentId);
        assertThat(escalations.unresolvedIncidentOf(meter, Rule.CONTINUOUS_FLOW)).isEmpty();

        incidents.resolve(incidentId, "张三", "老人安全", T0.plusSeconds(60));

        assertThat(escalations.unresolvedIncidentOf(meter, Rule.NO_WATER_USE)).isEmpty();
    }

    @Test
    void maintenanceListHoldsUnresolvedTechnicalIncidentsWithTheirDevice() {
        long technical = incidents.recordAlert(elderId, new Alert("silent-" + elderId, Rule.DEVICE_SILENT, meter, T0,
                null)).incident().id();

        assertThat(escalations.maintenanceList()).filteredOn(i -> i.elderId() == elderId).singleElement()
                .satisfies(i -> {
                    assertThat(i.incidentId()).isEqualTo(technical);
                    assertThat(i.rule()).isEqualTo(Rule.DEVICE_SILENT);
                    assertThat(i.deviceId()).isEqualTo(meter);
                    assertThat(i.street()).isEqualTo("平江街道");
                    assertThat(i.community()).isEqualTo("大儒巷社区");
                    assertThat(i.state()).isEqualTo(IncidentState.OPEN);
                });
    }
}
