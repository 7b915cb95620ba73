package org.shouwang.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.shouwang.db.NotificationChannel;
import org.shouwang.model.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who sends each first-round page of a press, on local disk: {@link OutagePager} (from memory, while the database
 * is down) or the outbox. One JSON line per decision, forced to disk. A page is claimed by one of the two before it
 * is sent, and a page the pager has in flight holds the outbox back until the provider has answered, so a press
 * announced twice, a restart, or the database coming back mid-send never pages one person twice by one channel.
 * Holds no phone number and no name, only ids.
 */
public final class OutageJournal {

    /** A page sent (or being sent) from memory while the database was down. */
    public record Entry(String alertId, long elderId, Long contactId, NotificationChannel channel, String providerSid,
                        Instant sentAt) {

        String key() {
            return key(alertId, contactId, channel);
        }

        static String key(String alertId, Long contactId, NotificationChannel channel) {
            return alertId + "|" + (contactId == null ? "elder" : contactId) + "|" + channel;
        }
    }

    /** Longest the outbox waits for a page the pager has in flight (its retries end well before). */
    static final Duration IN_FLIGHT_WAIT = Duration.ofSeconds(90);
    private static final Logger LOG = LoggerFactory.getLogger(OutageJournal.class);

    private final Path file;
    private final FileChannel out;
    /** Pages the pager sent (or may have sent), by key. */
    private final Map<String, Entry> sent = new HashMap<>();
    /** Pages the pager is sending now: the provider has not answered yet. */
    private final Set<String> inFlight = new HashSet<>();
    /** Pages the outbox sends: the pager leaves them alone. */
    private final Set<String> outbox = new HashSet<>();

    private OutageJournal(Path file, FileChannel out) {
        this.file = file;
        this.out = out;
    }

    /** Opens (creating if needed) the journal at {@code file} and reads what an earlier run left in it. */
    public static OutageJournal open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
            OutageJournal journal = new OutageJournal(file, out);
            journal.load();
            if (out.size() > 0 && !Files.readString(file, StandardCharsets.UTF_8).endsWith("\n")) {
                out.write(ByteBuffer.wrap("\n".getBytes(StandardCharsets.UTF_8))); // after a line a crash cut short
            }
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("outage journal " + file + " cannot be opened", e);
        }
    }

    private void load() throws IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode n = Json.MAPPER.readTree(line);
                Entry e = new Entry(n.get("alertId").asText(), n.get("elderId").asLong(),
                        n.hasNonNull("contactId") ? n.get("contactId").asLong() : null,
                        NotificationChannel.valueOf(n.get("channel").asText()),
                        n.hasNonNull("sid") ? n.get("sid").asText() : null, Instant.parse(n.get("at").asText()));
                switch (n.get("type").asText()) {
                    case "sent" -> sent.put(e.key(), e); // a send the process died in counts as maybe sent
                    case "failed" -> sent.remove(e.key());
                    case "outbox" -> outbox.add(e.key());
                    default -> { }
                }
            } catch (IOException | RuntimeException ex) {
                // A line cut short by a crash mid-write: the page it began was never handed to the provider.
                LOG.warn("outage journal line skipped [file: {}, reason: {}]", file, ex.getClass().getSimpleName());
            }
        }
    }

    /**
     * Claims a page for sending from memory, recording it as sent before it is sent (a crash in between means
     * "maybe sent", never "sent twice"). False when the pager sent it already or the outbox has it. Then exactly
     * one of {@link #delivered}, {@link #uncertain} or {@link #failed} must follow.
     */
    public synchronized boolean claim(Entry entry) {
        String key = entry.key();
        if (sent.containsKey(key) || outbox.contains(key)) {
            return false;
        }
        append("sent", entry);
        sent.put(key, entry);
        inFlight.add(key);
        return true;
    }

    /** The provider took the claimed page; {@code entry} carries its id. */
    public synchronized void delivered(Entry entry) {
        append("sent", entry);
        sent.put(entry.key(), entry);
        settle(entry);
    }

    /** The provider's answer did not come: the page may have gone out, so it stays sent. */
    public synchronized void uncertain(Entry entry) {
        settle(entry);
    }

    /** The provider refused the claimed page: it was not sent, and the outbox sends it once it can. */
    public synchronized void failed(Entry entry) {
        append("failed", entry);
        sent.remove(entry.key());
        settle(entry);
    }

    private void settle(Entry entry) {
        inFlight.remove(entry.key());
        notifyAll();
    }

    /** True when the pager sent (or may have sent) this page. */
    public synchronized boolean has(String alertId, Long contactId, NotificationChannel channel) {
        return sent.containsKey(Entry.key(alertId, contactId, channel));
    }

    /**
     * The outbox is about to send a first-round page of a press. Waits while the pager has that page in flight;
     * then returns it if the pager sent it, or else marks it the outbox's (on disk), so the pager leaves it alone.
     */
    public synchronized Optional<Entry> claimForOutbox(Collection<String> alertIds, Long contactId,
                                                       NotificationChannel channel) throws InterruptedException {
        long deadline = System.nanoTime() + IN_FLIGHT_WAIT.toNanos();
        while (alertIds.stream().anyMatch(a -> inFlight.contains(Entry.key(a, contactId, channel)))) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                LOG.warn("page from memory still unanswered, the outbox counts it as sent [contact: {}, channel: {}]",
                        contactId, channel);
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        for (String a : alertIds) {
            Entry e = sent.get(Entry.key(a, contactId, channel));
            if (e != null) {
                return Optional.of(e);
            }
        }
        for (String a : alertIds) {
            if (outbox.add(Entry.key(a, contactId, channel))) {
                append("outbox", new Entry(a, 0, contactId, channel, null, Instant.now()));
            }
        }
        return Optional.empty();
    }

    /**
     * Appends a line and forces it to disk. A disk that refuses is logged and the decision kept in memory: paging
     * on is better than silence, and only a restart in this state could repeat a page.
     */
    private void append(String type, Entry e) {
        ObjectNode n = Json.MAPPER.createObjectNode().put("type", type).put("alertId", e.alertId())
                .put("elderId", e.elderId()).put("channel", e.channel().name()).put("at", e.sentAt().toString());
        if (e.contactId() != null) {
            n.put("contactId", e.contactId());
        }
        if (e.providerSid() != null) {
            n.put("sid", e.providerSid());
        }
        try {
            out.write(ByteBuffer.wrap((n + "\n").getBytes(StandardCharsets.UTF_8)));
            out.force(false);
        } catch (IOException ex) {
            LOG.error("outage journal not written, going on from memory [file: {}, reason: {}]", file,
                    ex.getClass().getSimpleName());
        }
    }
}
