package org.shouwang.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.shouwang.db.NotificationChannel.VOICE;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.db.AlertRecording;
import org.shouwang.db.Notification;
import org.shouwang.model.Incident;
import org.shouwang.model.IncidentState;
import org.shouwang.model.TimelineEntry;
import org.shouwang.notifier.NotifierHarness.Home;

/**
 * A further press on an incident someone took but nobody closed is news: the person who took it and the
 * first round hear of it at once. And a press racing a resolution lands on one side of it, never inside.
 * Real PostgreSQL, the real SDK, the recording stand-in.
 */
class PressAgainIT {

    private static NotifierHarness h;

    private Instant t0;
    private Home home;
    private Notifier notifier;
    private TwilioReplies replies;

    @BeforeAll
    static void start() {
        h = new NotifierHarness(Instant.parse("2026-07-20T02:00:00Z"));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @BeforeEach
    void freshHome() {
        h.clock.advance(Duration.ofDays(1));
        t0 = h.clock.instant();
        h.stub.clear();
        home = h.home();
        notifier = h.notifier();
        replies = new TwilioReplies(notifier.service(), notifier.commands());
    }

    @AfterEach
    void quiesce() {
        h.quiesce();
    }

    /** GIVEN a press taken by the family contact (paged at step 2), WHEN the elder presses again, THEN texts go out at once. */
    @Test
    void pressOnAnAcknowledgedIncidentTextsWhoTookItAndTheFirstRoundAtOnce() {
        Incident incident = notifier.service().handle(h.press(home, "1")).orElseThrow().incident();
        h.clock.at(t0, Duration.ofMinutes(5));
        notifier.service().tick();
        Notification familyCall = h.page(incident.id(), home.family(), VOICE);
        replies.gather(familyCall.id(), familyCall.providerSid(), "1");
        assertThat(h.stores.incidents().find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        h.clock.at(t0, Duration.ofMinutes(8));
        int before = h.stub.requests().size();

        AlertRecording again = notifier.service().handle(h.press(home, "2")).orElseThrow();

        assertThat(again.outcome()).isEqualTo(AlertRecording.Outcome.ATTACHED);
        assertThat(again.incident().id()).isEqualTo(incident.id());
        assertThat(h.reached(before, "Messages")).containsExactlyInAnyOrder(home.family().phone(),
                home.neighbour().phone(), home.worker().phone());
        assertThat(h.stub.messages().subList(h.stub.messages().size() - 3, h.stub.messages().size()))
                .allSatisfy(m -> assertThat(m.body()).contains("再次按下一键呼叫").contains(incident.code())
                        .contains("家属联系人 王小明"));
        assertThat(h.timeline(incident.id(), Timeline.PRESSED_AGAIN)).singleElement()
                .extracting(TimelineEntry::detail).asString()
                .contains("再次按下一键呼叫").contains("王小明").contains("李四").contains("张三")
                .doesNotContain(home.family().phone().substring(3));
        assertThat(h.stores.incidents().find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.ACKNOWLEDGED);
    }

    /** The same press delivered twice is one piece of news. */
    @Test
    void theSamePressDeliveredTwiceTextsOnce() {
        Incident incident = notifier.service().handle(h.press(home, "1")).orElseThrow().incident();
        notifier.commands().acknowledge(incident.id(), "值班员小周", "console");
        int before = h.stub.requests().size();

        notifier.service().handle(h.press(home, "2"));
        notifier.service().handle(h.press(home, "2"));
        notifier.service().tick();

        // Taken from the console: nobody's phone took it, so the first round hears of it.
        assertThat(h.reached(before, "Messages")).containsExactlyInAnyOrder(home.neighbour().phone(),
                home.worker().phone());
    }

    /**
     * GIVEN staff resolving an acknowledged incident, their transaction held between its update and its
     * timeline entry, WHEN a press comes meanwhile, THEN it opens a new incident after the resolution
     * and pages it, rather than landing unheard on the incident being closed.
     */
    @Test
    void pressWhileTheIncidentIsBeingResolvedOpensANewIncidentAndPages() throws Exception {
        Incident first = notifier.service().handle(h.press(home, "1")).orElseThrow().incident();
        notifier.commands().acknowledge(first.id(), "值班员小周", "console");
        int before = h.stub.requests().size();
        AlertRecording during;
        try (Connection hold = h.db.dataSource().getConnection()) {
            hold.setAutoCommit(false);
            try (Statement s = hold.createStatement()) {
                // Inserts into the timeline wait: the resolve below stops after updating the incident row.
                s.execute("LOCK TABLE incident_event IN SHARE ROW EXCLUSIVE MODE");
            }
            CompletableFuture<Void> resolving = CompletableFuture.runAsync(() ->
                    notifier.commands().resolve(first.id(), "值班员小周", "老人平安"));
            await().alias("resolve waits inside its transaction").atMost(10, TimeUnit.SECONDS)
                    .until(() -> waitingOnLocks(hold) == 1);
            CompletableFuture<AlertRecording> pressing = CompletableFuture.supplyAsync(() ->
                    notifier.service().handle(h.press(home, "2")).orElseThrow());
            await().alias("press waits too").atMost(10, TimeUnit.SECONDS).until(() -> waitingOnLocks(hold) == 2);
            hold.commit();
            resolving.get(10, TimeUnit.SECONDS);
            during = pressing.get(10, TimeUnit.SECONDS);
        }

        assertThat(h.stores.incidents().find(first.id()).orElseThrow().state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(during.outcome()).isEqualTo(AlertRecording.Outcome.OPENED);
        assertThat(during.incident().id()).isNotEqualTo(first.id());
        assertThat(h.reached(before, "Messages")).containsExactlyInAnyOrder(home.neighbour().phone(),
                home.worker().phone());
        assertThat(h.stores.outbox().forIncident(during.incident().id())).isNotEmpty();
    }

    /** Sessions of this test's database waiting for a lock. */
    private static int waitingOnLocks(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
