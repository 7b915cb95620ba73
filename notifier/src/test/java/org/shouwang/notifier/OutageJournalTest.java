package org.shouwang.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shouwang.db.NotificationChannel;

/** The local journal of pages sent while the database was down: one page once, across restarts and both senders. */
class OutageJournalTest {

    @TempDir
    Path dir;

    private static OutageJournal.Entry page(Long contact, NotificationChannel channel) {
        return new OutageJournal.Entry("BUTTON_PRESSED:b-1:m-1", 7, contact, channel, null,
                Instant.parse("2026-12-02T01:00:00Z"));
    }

    @Test
    void aPageIsClaimedOnceAndARestartRemembersIt() {
        Path file = dir.resolve("j.jsonl");
        OutageJournal journal = OutageJournal.open(file);

        assertThat(journal.claim(page(1L, NotificationChannel.SMS))).isTrue();
        assertThat(journal.claim(page(1L, NotificationChannel.SMS))).as("the same page again").isFalse();

        OutageJournal reopened = OutageJournal.open(file);
        assertThat(reopened.claim(page(1L, NotificationChannel.SMS))).as("after a restart").isFalse();
        assertThat(reopened.unreconciled()).hasSize(1);
    }

    @Test
    void theOutboxAndPagingFromMemoryNeverBothSendOnePage() {
        OutageJournal journal = OutageJournal.open(dir.resolve("j.jsonl"));

        assertThat(journal.claimForOutbox(List.of("BUTTON_PRESSED:b-1:m-1"), 1L, NotificationChannel.VOICE)).isEmpty();
        assertThat(journal.claim(page(1L, NotificationChannel.VOICE))).as("the outbox has it").isFalse();

        assertThat(journal.claim(page(2L, NotificationChannel.VOICE))).isTrue();
        assertThat(journal.claimForOutbox(List.of("BUTTON_PRESSED:b-1:m-1"), 2L, NotificationChannel.VOICE))
                .as("sent from memory: the outbox books it instead of calling again").isPresent();
    }

    @Test
    void aRefusedPageIsForgottenSoTheOutboxSendsItAndATornLineIsSkipped() throws Exception {
        Path file = dir.resolve("j.jsonl");
        OutageJournal journal = OutageJournal.open(file);
        journal.claim(page(1L, NotificationChannel.SMS));
        journal.failed(page(1L, NotificationChannel.SMS));
        journal.claim(page(2L, NotificationChannel.SMS));
        journal.reconciled(page(2L, NotificationChannel.SMS));
        Files.writeString(file, "{\"type\":\"sent\",\"alertId\":\"x", StandardOpenOption.APPEND);

        OutageJournal reopened = OutageJournal.open(file);

        assertThat(reopened.has("BUTTON_PRESSED:b-1:m-1", 1L, NotificationChannel.SMS)).isFalse();
        assertThat(reopened.has("BUTTON_PRESSED:b-1:m-1", 2L, NotificationChannel.SMS)).isTrue();
        assertThat(reopened.hasUnreconciled()).isFalse();
        assertThat(reopened.claim(page(3L, NotificationChannel.SMS))).isTrue();
        assertThat(OutageJournal.open(file).has("BUTTON_PRESSED:b-1:m-1", 3L, NotificationChannel.SMS))
                .as("a line written after the torn one reads back").isTrue();
    }
}
