package org.shouwang.notifier;

import org.shouwang.standin.TwilioStubRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.db.Notification;
import org.shouwang.model.Alert;
import org.shouwang.model.IncidentState;
import org.shouwang.model.Rule;

/**
 * The daily maintenance digest texted to the maintenance desk through the outbox, the real SDK and the
 * Twilio stand-in, on real PostgreSQL, with the clock moved by hand: once per day and recipient, never
 * twice however often the clock ticks or the notifier restarts.
 */
class DigestIT {

    /** 07:00 on 2026-11-29 in Suzhou. */
    private static final Instant SEVEN = Instant.parse("2026-11-28T23:00:00Z");
    private static final String DESK = "+8613900000001";
    private static final String DESK_2 = "+8613900000002";
    private static final DigestConfig TWO_DESKS = DigestConfig.of("08:00", DESK + "," + DESK_2);

    private NotifierHarness h;
    private NotifierHarness.Home home;
    private long incidentId;

    @BeforeEach
    void silentMeter() {
        h = new NotifierHarness(SEVEN);
        home = h.home();
        Alert silent = new Alert("silent-" + home.meter(), Rule.DEVICE_SILENT, home.meter(), SEVEN, null);
        incidentId = h.notifier().service().handle(silent).orElseThrow().incident().id();
    }

    @AfterEach
    void close() {
        h.close();
    }

    /** One tick of the timer, by hand: the digest is written, then due pages go out. */
    private static void tick(Notifier n) {
        n.digest().tick();
        n.service().tick();
    }

    private void tickAt(Notifier n, Duration sinceSeven) {
        h.clock.at(SEVEN, sinceSeven);
        tick(n);
    }

    @Test
    void digestIsTextedOncePerRecipientFromEightAndAgainTheNextDay() {
        Notifier notifier = h.notifier(TWO_DESKS);

        tickAt(notifier, Duration.ofMinutes(59));
        assertThat(h.stub.messages()).as("nothing before 08:00").isEmpty();

        tickAt(notifier, Duration.ofMinutes(61));
        assertThat(h.stub.messages()).extracting(TwilioStubRequest::to).containsExactlyInAnyOrder(DESK, DESK_2);
        assertThat(h.stub.messages()).allSatisfy(m -> assertThat(m.body())
                .startsWith("【守望】设备维护日报 2026-11-29：待处理1项（设备离线1）")
                .contains(home.meter()).contains(h.stores.incidents().find(incidentId).orElseThrow().code())
                .doesNotContain(home.elder().name()).doesNotContain(home.elder().phone())
                .doesNotContain(home.elder().address()));

        tickAt(notifier, Duration.ofHours(5));
        tickAt(notifier, Duration.ofHours(16).plusMinutes(59));
        assertThat(h.stub.messages()).as("nothing more the same day").hasSize(2);

        tickAt(notifier, Duration.ofHours(25).plusSeconds(1));
        assertThat(h.stub.messages()).hasSize(4);
        assertThat(h.stub.messages().subList(2, 4)).allSatisfy(m ->
                assertThat(m.body()).startsWith("【守望】设备维护日报 2026-11-30："));
    }

    @Test
    void restartedNotifierSendsNothingMoreTheSameDay() {
        tickAt(h.notifier(TWO_DESKS), Duration.ofMinutes(65));
        assertThat(h.stub.messages()).hasSize(2);

        Notifier restarted = h.notifier(TWO_DESKS);
        tickAt(restarted, Duration.ofMinutes(66));
        tickAt(restarted, Duration.ofHours(3));

        assertThat(h.stub.messages()).hasSize(2);
        assertThat(h.stores.outbox().forIncident(incidentId)).filteredOn(DigestScheduler::isDigest)
                .extracting(Notification::idempotencyKey)
                .containsExactlyInAnyOrder("digest:2026-11-29:" + DESK, "digest:2026-11-29:" + DESK_2);
    }

    @Test
    void withoutRecipientsTheDigestIsNotTexted() {
        Notifier notifier = h.notifier(DigestConfig.none());

        tickAt(notifier, Duration.ofHours(2));

        assertThat(h.stub.requests()).isEmpty();
        assertThat(h.stores.outbox().forIncident(incidentId)).isEmpty();
    }

    @Test
    void replyToTheDigestTakesNoIncident() {
        Notifier notifier = h.notifier(TWO_DESKS);
        tickAt(notifier, Duration.ofHours(2));

        String answer = new TwilioReplies(notifier.service(), notifier.commands()).smsInbound("SMdigestreply", DESK, "1");

        assertThat(answer).contains("未找到需要您处理的事件");
        assertThat(h.stores.incidents().find(incidentId).orElseThrow().state()).isEqualTo(IncidentState.OPEN);
    }

    @Test
    void digestOfAnAcknowledgedIncidentStillGoesOut() {
        Notifier notifier = h.notifier(TWO_DESKS);
        h.clock.at(SEVEN, Duration.ofHours(2));
        notifier.digest().tick();
        h.stores.incidents().acknowledge(incidentId, "维护员", "console", h.clock.instant());

        notifier.service().tick();

        assertThat(h.stub.messages()).hasSize(2);
    }

    @Test
    void verticleTimerSendsTheDigestWhenTheClockReachesEight() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Notifier notifier = h.notifier(TWO_DESKS);
            vertx.deployVerticle(notifier.verticle(Duration.ofMillis(50))).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);

            h.clock.at(SEVEN, Duration.ofHours(1));

            await().alias("digest texted by the timer").atMost(10, TimeUnit.SECONDS).untilAsserted(() ->
                    assertThat(h.stub.messages()).extracting(TwilioStubRequest::to)
                            .containsExactlyInAnyOrder(DESK, DESK_2));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
