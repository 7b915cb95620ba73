package org.shouwang.ingest;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.shouwang.model.RejectReason;

/**
 * Counters of what ingest did with the stream, for {@code /health}, dashboards and tests. Message
 * outcomes are counted once their batch has committed, so a retried batch is not counted twice.
 */
public final class IngestMetrics {

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong redelivered = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong statusUpdates = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong ackSkipped = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong announcedAhead = new AtomicLong();
    private final Map<RejectReason, AtomicLong> rejected = new EnumMap<>(RejectReason.class);

    public IngestMetrics() {
        for (RejectReason r : RejectReason.values()) {
            rejected.put(r, new AtomicLong());
        }
    }

    /** Messages handed over by the MQTT client, redeliveries included. */
    public long received() {
        return received.get();
    }

    /** Messages the broker marked as a redelivery (DUP flag). */
    public long redelivered() {
        return redelivered.get();
    }

    /** New telemetry and events made durable. */
    public long accepted() {
        return accepted.get();
    }

    /** Messages whose (device, msgId) was already stored. */
    public long duplicates() {
        return duplicates.get();
    }

    /** Online/offline announcements recorded for registered devices. */
    public long statusUpdates() {
        return statusUpdates.get();
    }

    /** Messages dropped without quarantine: statuses of unregistered devices and cleared retained statuses. */
    public long ignored() {
        return ignored.get();
    }

    public long rejected(RejectReason reason) {
        return rejected.get(reason).get();
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Acknowledgements sent to the broker, each after its batch committed. */
    public long acked() {
        return acked.get();
    }

    /** Acknowledgements not sent because the connection the message came on was gone; the broker re-sends. */
    public long ackSkipped() {
        return ackSkipped.get();
    }

    public long batches() {
        return batches.get();
    }

    /** Failed attempts to write a batch (each is retried, or split when the database refused its data). */
    public long writeFailures() {
        return writeFailures.get();
    }

    /** Messages acknowledged without being stored or quarantined, because even quarantine refused them. */
    public long dropped() {
        return dropped.get();
    }

    /** Device events announced from memory while the database could not take them (issue 9.10). */
    public long announcedAhead() {
        return announcedAhead.get();
    }

    void countAnnouncedAhead(int n) {
        announcedAhead.addAndGet(n);
    }

    void countDropped() {
        dropped.incrementAndGet();
    }

    void countReceived(boolean duplicateFlag) {
        received.incrementAndGet();
        if (duplicateFlag) {
            redelivered.incrementAndGet();
        }
    }

    void batchCommitted(int acceptedCount, int duplicateCount, int statusCount, int ignoredCount) {
        batches.incrementAndGet();
        accepted.addAndGet(acceptedCount);
        duplicates.addAndGet(duplicateCount);
        statusUpdates.addAndGet(statusCount);
        ignored.addAndGet(ignoredCount);
    }

    void countRejected(RejectReason reason) {
        rejected.get(reason).incrementAndGet();
    }

    void countAcked() {
        acked.incrementAndGet();
    }

    void countAckSkipped() {
        ackSkipped.incrementAndGet();
    }

    void countWriteFailure() {
        writeFailures.incrementAndGet();
    }

    @Override
    public String toString() {
        return "IngestMetrics[received=" + received + ", accepted=" + accepted + ", duplicates=" + duplicates
                + ", rejected=" + rejectedTotal() + ", acked=" + acked + ", writeFailures=" + writeFailures + "]";
    }
}
