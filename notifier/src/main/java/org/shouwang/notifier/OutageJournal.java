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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.shouwang.db.NotificationChannel;
import org.shouwang.model.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pages sent from memory while the database was down, on local disk: one JSON line per page, forced to
 * disk before the page is handed to the provider. It is what makes paging without the database safe: a press
 * announced twice, or a restart, never pages the same person twice, and once the database is back the
 * incident's outbox takes these pages over as already sent ({@link #reconciled}). Holds no phone number
 * and no name, only ids.
 */
public final class OutageJournal {

    /** A page sent while the database was down. */
    public record Entry(String alertId, long elderId, Long contactId, NotificationChannel channel, String providerSid,
                        Instant sentAt) {

        String key() {
            return key(alertId, contactId, channel);
        }

        static String key(String alertId, Long contactId, NotificationChannel channel) {
            return alertId + "|" + (contactId == null ? "elder" : contactId) + "|" + channel;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(OutageJournal.class);

    private final Path file;
    private final FileChannel out;
    /** Sent and not yet taken over by the outbox, by key. */
    private final Map<String, Entry> open = new LinkedHashMap<>();
    /** Pages the outbox sends itself (in memory: only paging from memory in this process needs to know). */
    private final java.util.Set<String> outbox = new java.util.HashSet<>();
    /** Every key ever written: a page stays sent even after it was taken over. */
    private final Map<String, Entry> all = new LinkedHashMap<>();

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
                    case "sent" -> {
                        open.put(e.key(), e);
                        all.put(e.key(), e);
                    }
                    case "failed" -> {
                        open.remove(e.key());
                        all.remove(e.key());
                    }
                    default -> open.remove(e.key());
                }
            } catch (IOException | RuntimeException ex) {
                // A line cut short by a crash mid-write: the page it began was never handed to the provider.
                LOG.warn("outage journal line skipped [file: {}, reason: {}]", file, ex.getClass().getSimpleName());
            }
        }
        if (!open.isEmpty()) {
            LOG.warn("outage journal holds pages not yet in the outbox [pages: {}]", open.size());
        }
    }

    /** The page to this person by this channel for any of these alerts, if one was sent during an outage. */
    public synchronized Optional<Entry> sent(Collection<String> alertIds, Long contactId, NotificationChannel channel) {
        for (String alertId : alertIds) {
            Entry e = all.get(Entry.key(alertId, contactId, channel));
            if (e != null) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** True when a page of this alert to this person by this channel was sent already. */
    public synchronized boolean has(String alertId, Long contactId, NotificationChannel channel) {
        return all.containsKey(Entry.key(alertId, contactId, channel));
    }

    /**
     * Claims a page for sending from memory and records it as sent, before it is sent (a crash in between means
     * "maybe sent", never "sent twice"). False when it was sent already or the outbox is sending it.
     */
    public synchronized boolean claim(Entry entry) {
        if (all.containsKey(entry.key()) || outbox.contains(entry.key())) {
            return false;
        }
        append("sent", entry);
        open.put(entry.key(), entry);
        all.put(entry.key(), entry);
        return true;
    }

    /** Records the provider's id of a page claimed before. */
    public synchronized void delivered(Entry entry) {
        append("sent", entry);
        if (open.containsKey(entry.key())) {
            open.put(entry.key(), entry);
        }
        all.put(entry.key(), entry);
    }

    /**
     * The outbox is about to send this first-round page of a press: returns the page if it was already sent from
     * memory; otherwise marks it the outbox's, so that paging from memory leaves it alone from now on.
     */
    public synchronized Optional<Entry> claimForOutbox(Collection<String> alertIds, Long contactId,
                                                       NotificationChannel channel) {
        Optional<Entry> sent = sent(alertIds, contactId, channel);
        if (sent.isEmpty()) {
            alertIds.forEach(a -> outbox.add(Entry.key(a, contactId, channel)));
        }
        return sent;
    }

    /** Records that the provider refused the page: it was not sent, and the outbox sends it once it can. */
    public synchronized void failed(Entry entry) {
        append("failed", entry);
        open.remove(entry.key());
        all.remove(entry.key());
    }

    /** Records that the outbox now holds this page as sent. */
    public synchronized void reconciled(Entry entry) {
        if (open.remove(entry.key()) != null) {
            append("reconciled", entry);
        }
    }

    /** Pages sent during an outage that no incident's outbox holds yet. */
    public synchronized List<Entry> unreconciled() {
        return new ArrayList<>(open.values());
    }

    /** True when some page sent during an outage is not in the outbox yet (cheap: asked for every new round). */
    public synchronized boolean hasUnreconciled() {
        return !open.isEmpty();
    }

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
            throw new UncheckedIOException("outage journal " + file + " not written", ex);
        }
    }
}
