package org.shouwang.notifier;

import org.shouwang.standin.TwilioStubRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.shouwang.db.NotificationChannel.SMS;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.db.NotificationStatus;
import org.shouwang.notifier.NotifierHarness.Home;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A slow or failing provider must not delay everyone: a step's pages leave together, a person's retries
 * end at a deadline and hand over to the next person, a timed-out page (maybe sent) is tried once more at
 * most. Real PostgreSQL, the real SDK against the stand-in told to hold or fail its answers.
 */
class SlowProviderIT {

    private static final Logger LOG = LoggerFactory.getLogger(SlowProviderIT.class);
    private static NotifierHarness h;

    private Instant t0;
    private Home home;

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
    }

    @AfterEach
    void quiesce() {
        h.quiesce();
    }

    /** Waits until the stand-in has answered {@code count} requests (held ones are recorded when answered). */
    private static void answered(int count) {
        await().alias(count + " requests answered").atMost(30, TimeUnit.SECONDS)
                .until(() -> h.stub.requests().size() >= count);
    }

    @Test
    void underProviderTimeoutsTheAtOncePagesLeaveTogether() {
        Notifier notifier = h.notifier(NotifierHarness.RETRY, Duration.ofSeconds(2));
        h.stub.delayNext(Duration.ofSeconds(3), 4);
        Instant pressed = Instant.now();

        notifier.service().handle(h.press(home, "1"));

        Duration handled = Duration.between(pressed, Instant.now());
        answered(4);
        List<Instant> left = h.stub.requests().stream().map(TwilioStubRequest::receivedAt).sorted().toList();
        Duration second = Duration.between(pressed, left.get(1));
        Duration last = Duration.between(pressed, left.get(3));
        LOG.info("figure: provider timing out (2 s deadline): second at-once page left after {} ms, the fourth"
                + " after {} ms, press handled in {} ms", second.toMillis(), last.toMillis(), handled.toMillis());
        assertThat(last).isLessThan(Duration.ofSeconds(1));
        assertThat(handled).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void underServerErrorsTheNextPersonIsPagedWithinAMinute() {
        Notifier notifier = h.notifier(RetryPolicy.DEFAULT, Duration.ofSeconds(5));
        h.stub.failFor(home.neighbour().phone(), 500);
        notifier.service().handle(h.press(home, "1"));

        Duration handedOver = null;
        for (int s = 5; s <= 240 && handedOver == null; s += 5) {
            h.clock.at(t0, Duration.ofSeconds(s));
            notifier.service().tick();
            if (h.reached(0, "Messages").contains(home.backupNeighbour().phone())) {
                handedOver = Duration.ofSeconds(s);
            }
        }

        LOG.info("figure: provider answering 500 for the neighbour: backup neighbour paged after {} s (ticks every"
                + " 5 s)", handedOver == null ? "never" : handedOver.toSeconds());
        assertThat(handedOver).isNotNull().isLessThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(h.reached(0, "Calls")).contains(home.backupNeighbour().phone());
    }

    @Test
    void aTimedOutPageIsTriedAtMostOnceMoreThenHandedOverAndShownAsUncertain() {
        Notifier notifier = h.notifier(NotifierHarness.RETRY, Duration.ofSeconds(1));
        h.stub.delayNext(Duration.ofSeconds(2), 4);
        long id = notifier.service().handle(h.press(home, "1")).orElseThrow().incident().id();
        answered(4);
        h.stub.delayNext(Duration.ofSeconds(2), 4);
        h.clock.at(t0, Duration.ofSeconds(10));
        notifier.service().tick();
        answered(8);

        for (int s : new int[] {30, 60, 120}) {
            h.clock.at(t0, Duration.ofSeconds(s));
            notifier.service().tick();
        }

        assertThat(h.stub.requests().stream().filter(r -> home.neighbour().phone().equals(r.to())
                && r.isMessage())).hasSize(2);
        assertThat(h.reached(0, "Messages")).contains(home.backupNeighbour().phone());
        assertThat(h.page(id, home.neighbour(), SMS)).satisfies(n -> {
            assertThat(n.status()).isEqualTo(NotificationStatus.FAILED);
            assertThat(n.uncertain()).isTrue();
            assertThat(n.attempts()).isEqualTo(2);
        });
        assertThat(h.timeline(id, Timeline.PAGE_UNCERTAIN)).isNotEmpty()
                .allSatisfy(e -> assertThat(e.detail()).contains("结果不明"));
    }
}
