package org.shouwang.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.care.CareHarness.MONDAY;

import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.care.CareHarness.Home;
import org.shouwang.db.CareMessage;

/**
 * The care SMS outbox against the Twilio stand-in: a permanent refusal marks the message FAILED at once and lists
 * it among the failed ones; a 5xx is tried again after its backoff, and given up when the retries run out.
 */
class CareOutboxIT {

    private static final CareConfig CONFIG = CareConfig.defaults().withDigestAt(LocalTime.of(21, 50));

    private CareHarness h;
    private Care care;
    private Home home;

    @BeforeEach
    void start() {
        h = new CareHarness(CareHarness.at(MONDAY, "09:00"));
        care = h.care(CONFIG);
        home = h.keyElder("王秀英");
        // The worker's weekly duty is met: the neighbour's reminder is the only message.
        h.contacted(home.worker(), CareHarness.at(MONDAY, "08:00"));
        h.contacted(home.worker(), CareHarness.at(MONDAY, "08:30"));
    }

    @AfterEach
    void stop() {
        assertThat(h.logLines()).noneMatch(line -> h.phones().stream().anyMatch(line::contains));
        h.close();
    }

    private CareMessage reminder() {
        return h.messages().stream().filter(m -> m.contactId() == home.neighbour().id()).findFirst().orElseThrow();
    }

    @Test
    void permanentRefusalMarksTheMessageFailedAndListsIt() {
        h.stub.failFor(home.neighbour().phone(), 400);

        care.rounds().tick();
        h.set(MONDAY, "09:30");
        care.rounds().tick();

        assertThat(reminder().status()).isEqualTo(CareMessage.Status.FAILED);
        assertThat(reminder().attempts()).isEqualTo(1);
        assertThat(reminder().lastError()).contains("400").contains("21211").doesNotContain(home.neighbour().phone());
        assertThat(h.stub.requests()).hasSize(1);
        assertThat(h.stores.careMessages().failed(Instant.EPOCH, 10)).extracting(CareMessage::id)
                .containsExactly(reminder().id());
    }

    @Test
    void serverErrorIsRetriedAfterItsBackoff() {
        h.stub.failNext(503, 1);

        care.rounds().tick();
        CareMessage waiting = reminder();
        h.set(MONDAY, "09:00:30");
        CareRounds.Tick tooSoon = care.rounds().tick();
        h.set(MONDAY, "09:01");
        CareRounds.Tick retried = care.rounds().tick();

        assertThat(waiting.status()).isEqualTo(CareMessage.Status.PENDING);
        assertThat(waiting.attempts()).isEqualTo(1);
        assertThat(waiting.nextAttemptAt()).isEqualTo(CareHarness.at(MONDAY, "09:01"));
        assertThat(tooSoon.sent()).isZero();
        assertThat(retried.sent()).isEqualTo(1);
        assertThat(reminder().status()).isEqualTo(CareMessage.Status.SENT);
        assertThat(reminder().attempts()).isEqualTo(2);
        assertThat(h.textsTo(home.neighbour())).containsExactly("【守望】今日请探访或致电王秀英，完成后回复 0");
        assertThat(h.stores.careMessages().failed(Instant.EPOCH, 10)).isEmpty();
    }

    @Test
    void serverErrorsBeyondTheRetriesGiveTheMessageUp() {
        h.stub.failFor(home.neighbour().phone(), 500);

        for (String t : new String[] {"09:00", "09:01", "09:03", "09:07", "09:15", "09:31"}) {
            h.set(MONDAY, t);
            care.rounds().tick();
        }

        assertThat(reminder().status()).isEqualTo(CareMessage.Status.FAILED);
        assertThat(reminder().attempts()).isEqualTo(CareConfig.DEFAULT_RETRY.maxAttempts());
        assertThat(h.stub.requests()).hasSize(CareConfig.DEFAULT_RETRY.maxAttempts());
    }
}
