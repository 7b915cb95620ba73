package org.shouwang.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shouwang.db.NotificationChannel;

/** The local journal of who sends a press's first-round pages: one page once, across restarts and both senders. */
class OutageJournalTest {

    private static final String ALERT = "BUTTON_PRESSED:b-1:m-1";

    @TempDir
    Path dir;

    private static OutageJournal.Entry page(Long contact, NotificationChannel channel) {
        return new OutageJournal.Entry(ALERT, 7, contact, channel, null, Instant.parse("2026-12-02T01:00:00Z"));
    }

    @Test
    void aPageIsClaimedOnceAndARestartRemembersIt() {
        Path file = dir.resolve("j.jsonl");
        OutageJournal journal = OutageJournal.open(file);

        assertThat(journal.claim(page(1L, NotificationChannel.SMS))).isTrue();
        journal.delivered(page(1L, NotificationChannel.SMS));
        assertThat(journal.claim(page(1L, NotificationChannel.SMS))).as("the same page again").isFalse();

        assertThat(OutageJournal.open(file).claim(page(1L, NotificationChannel.SMS))).as("after a restart").isFalse();
    }

    @Test
    void theOutboxAndPagingFromMemoryNeverBothSendOnePageAcrossARestart() throws Exception {
        Path file = dir.resolve("j.jsonl");
        OutageJournal journal = OutageJournal.open(file);

        assertThat(journal.claimForOutbox(List.of(ALERT), 1L, NotificationChannel.VOICE)).isEmpty();
        assertThat(journal.claim(page(1L, NotificationChannel.VOICE))).as("the outbox has it").isFalse();
        assertThat(OutageJournal.open(file).claim(page(1L, NotificationChannel.VOICE)))
                .as("the outbox had it before a restart").isFalse();

        assertThat(journal.claim(page(2L, NotificationChannel.VOICE))).isTrue();
        journal.uncertain(page(2L, NotificationChannel.VOICE));
        assertThat(journal.claimForOutbox(List.of(ALERT), 2L, NotificationChannel.VOICE))
                .as("maybe sent from memory: the outbox books it instead of calling again").isPresent();
    }

    @Test
    void theOutboxWaitsForAPageInFlightAndSendsItItselfWhenTheProviderRefusedIt() throws Exception {
        OutageJournal journal = OutageJournal.open(dir.resolve("j.jsonl"));
        assertThat(journal.claim(page(1L, NotificationChannel.VOICE))).isTrue();

        CompletableFuture<Optional<OutageJournal.Entry>> outbox = CompletableFuture.supplyAsync(() -> {
            try {
                return journal.claimForOutbox(List.of(ALERT), 1L, NotificationChannel.VOICE);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(outbox).as("waits while the provider has not answered").isNotDone();
        journal.failed(page(1L, NotificationChannel.VOICE));

        assertThat(outbox.get(10, TimeUnit.SECONDS)).as("refused: the outbox sends it").isEmpty();
        assertThat(journal.claim(page(1L, NotificationChannel.VOICE))).as("and the pager no longer").isFalse();
    }

    @Test
    void aRefusedPageIsForgottenAndATornLineIsSkipped() throws Exception {
        Path file = dir.resolve("j.jsonl");
        OutageJournal journal = OutageJournal.open(file);
        journal.claim(page(1L, NotificationChannel.SMS));
        journal.failed(page(1L, NotificationChannel.SMS));
        journal.claim(page(2L, NotificationChannel.SMS));
        journal.delivered(page(2L, NotificationChannel.SMS));
        Files.writeString(file, "{\"type\":\"sent\",\"alertId\":\"x", StandardOpenOption.APPEND);

        OutageJournal reopened = OutageJournal.open(file);

        assertThat(reopened.has(ALERT, 1L, NotificationChannel.SMS)).isFalse();
        assertThat(reopened.has(ALERT, 2L, NotificationChannel.SMS)).isTrue();
        assertThat(reopened.claim(page(3L, NotificationChannel.SMS))).isTrue();
        assertThat(OutageJournal.open(file).has(ALERT, 3L, NotificationChannel.SMS))
                .as("a line written after the torn one reads back").isTrue();
    }
}
